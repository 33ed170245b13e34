package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.consent4j.core.catalog.CookieLifetime;
import org.junit.jupiter.api.Test;

final class LifetimesTest {

    private static final Texts EN = Texts.of("en", BannerTexts.empty());
    private static final Texts FR = Texts.of("fr", BannerTexts.empty());
    private static final Texts DE = Texts.of("de", BannerTexts.empty());

    @Test
    void formatWhenSessionThenSessionWord() {
        assertEquals("Session", Lifetimes.format(CookieLifetime.session(), EN));
        assertEquals("Sitzung", Lifetimes.format(CookieLifetime.session(), DE));
    }

    @Test
    void formatWhenIsoDurationThenUnitsInLanguage() {
        assertEquals("2 years", Lifetimes.format(CookieLifetime.parse("P2Y"), EN));
        assertEquals("2 ans", Lifetimes.format(CookieLifetime.parse("P2Y"), FR));
        assertEquals("13 Monate", Lifetimes.format(CookieLifetime.parse("P13M"), DE));
        assertEquals("30 minutes", Lifetimes.format(CookieLifetime.parse("PT30M"), EN));
        assertEquals("1 day 12 hours", Lifetimes.format(CookieLifetime.parse("P1DT12H"), EN));
        assertEquals("1 jour", Lifetimes.format(CookieLifetime.parse("P1D"), FR));
        assertEquals("90 days", Lifetimes.format(CookieLifetime.parse("p90d"), EN));
    }

    @Test
    void formatWhenFractionalSecondsThenWholeUnits() {
        assertEquals("1 minute 30 seconds", Lifetimes.format(CookieLifetime.parse("PT1M30S"), EN));
        assertEquals("2 hours", Lifetimes.format(CookieLifetime.parse("PT9000.5S"), EN));
    }
}
