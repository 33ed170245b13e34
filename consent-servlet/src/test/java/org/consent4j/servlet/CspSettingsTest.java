package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consent4j.servlet.csp.CspConfig;
import org.consent4j.servlet.csp.CspMode;
import org.consent4j.servlet.csp.CspNonce;
import org.consent4j.servlet.banner.BannerConfig;
import org.junit.jupiter.api.Test;

final class CspSettingsTest {

    @Test
    void defaults_reportOnly_andTheBannerUsesThePolicysNonce() {
        ConsentFilterConfig config = TestSetup.config().build();
        assertEquals(CspMode.REPORT_ONLY, config.csp().orElseThrow().mode());
        assertEquals(CspNonce.ATTRIBUTE, config.banner().orElseThrow().cspNonceAttribute());
    }

    @Test
    void textSettings_setEachProperty() {
        ConsentFilterConfig config = TestSetup.config().settings(Map.of("csp", "enforce", "csp-services", "meta-pixel, youtube",
                "csp-sources", "img-src data: https://img.example; connect-src api.example", "csp-unsafe-inline-scripts", "true",
                "csp-report", "false")).build();
        CspConfig csp = config.csp().orElseThrow();
        assertEquals(CspMode.ENFORCE, csp.mode());
        assertEquals(Set.of("meta-pixel", "youtube"), csp.services());
        assertEquals(Map.of("img-src", List.of("data:", "https://img.example"), "connect-src", List.of("api.example")),
                csp.sources());
        assertTrue(csp.unsafeInlineScripts());
        assertTrue(!csp.reportEndpoint());
    }

    @Test
    void textSettings_badValuesNameTheSetting() {
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
                () -> TestSetup.config().settings(Map.of("csp", "strict")));
        assertTrue(mode.getMessage().contains("'csp'") && mode.getMessage().contains("report-only"), mode.getMessage());
        IllegalArgumentException source = assertThrows(IllegalArgumentException.class,
                () -> TestSetup.config().settings(Map.of("csp-sources", "script-src *")));
        assertTrue(source.getMessage().contains("csp-sources") && source.getMessage().contains("every host"), source.getMessage());
    }

    @Test
    void off_noPolicy_andTheApplicationsNonceAttributeStays() {
        ConsentFilterConfig config = TestSetup.config().settings(Map.of("csp", "off", "csp-nonce-attribute", "appNonce")).build();
        assertTrue(config.csp().isEmpty());
        assertEquals("appNonce", config.banner().orElseThrow().cspNonceAttribute());
    }

    @Test
    void theApplicationsNonceAttribute_feedsThePolicy() {
        ConsentFilterConfig config = TestSetup.config().banner(BannerConfig.builder().cspNonceAttribute("appNonce").build())
                .build();
        assertEquals("appNonce", config.csp().orElseThrow().nonceAttribute());
        assertEquals(CspNonce.ATTRIBUTE, config.banner().orElseThrow().cspNonceAttribute());
    }

    @Test
    void enforce_withoutTheHtmlGate_refusesToStart_reportOnlyWithoutIt_isOff() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestSetup.config().htmlGate(false).csp(CspConfig.builder().mode(CspMode.ENFORCE).build()).build());
        assertTrue(e.getMessage().contains("html-gate"), e.getMessage());
        assertTrue(TestSetup.config().htmlGate(false).build().csp().isEmpty());
    }

    @Test
    void unknownServices_refuseToStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestSetup.config().settings(Map.of("csp-services", "meta-pixel,nope")).build());
        assertTrue(e.getMessage().contains("[nope]"), e.getMessage());
    }
}
