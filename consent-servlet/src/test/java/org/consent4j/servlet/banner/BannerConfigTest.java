package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class BannerConfigTest {

    @Test
    void defaultsWhenBuiltEmptyThenAsDocumented() {
        BannerConfig c = BannerConfig.defaults();
        assertEquals("", c.privacyPolicyUrl());
        assertEquals("en", c.defaultLanguage());
        assertSame(BannerTexts.empty(), c.texts());
        assertFalse(c.consentMode());
        assertSame(ConsentModeMapping.defaults(), c.consentModeMapping());
        assertEquals(Duration.ofMillis(500), c.consentModeWaitForUpdate());
        assertTrue(c.autoInject());
        assertEquals("", c.cspNonceAttribute());
        assertTrue(c.placeholders());
        assertFalse(BannerConfig.builder().placeholders(false).build().placeholders());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BannerConfig.builder().placeholders(false).placeholders(true));
        assertTrue(e.getMessage().contains("placeholders was already set to false"), e.getMessage());
    }

    @Test
    void builderWhenPropertySetTwiceThenIllegalStateNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BannerConfig.builder().defaultLanguage("fr").defaultLanguage("de"));
        assertTrue(e.getMessage().contains("defaultLanguage was already set to fr"), e.getMessage());
    }

    @Test
    void privacyPolicyUrlWhenScriptUrlThenRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BannerConfig.builder().privacyPolicyUrl("javascript:alert(1)"));
        assertTrue(e.getMessage().contains("http(s)"), e.getMessage());
        assertEquals("/privacy", BannerConfig.builder().privacyPolicyUrl("/privacy").build().privacyPolicyUrl());
    }

    @Test
    void defaultLanguageWhenNoTextsThenRejectedUnlessSiteAddsThem() {
        assertThrows(IllegalArgumentException.class, () -> BannerConfig.builder().defaultLanguage("ro").build());
        BannerConfig c = BannerConfig.builder().defaultLanguage("ro")
                .texts(BannerTexts.builder().text("ro", "acceptAll", "Acceptă tot").build()).build();
        assertEquals("ro", c.defaultLanguage());
    }

    @Test
    void waitForUpdateWhenOutOfRangeThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> BannerConfig.builder().consentModeWaitForUpdate(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> BannerConfig.builder().consentModeWaitForUpdate(Duration.ofMinutes(2)));
    }
}
