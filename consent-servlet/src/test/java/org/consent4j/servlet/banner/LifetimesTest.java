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
    void formatWhenPolishThenFewAndManyPluralForms() {
        Texts pl = Texts.of("pl", BannerTexts.empty());
        assertEquals("1 rok", Lifetimes.format(CookieLifetime.parse("P1Y"), pl));
        assertEquals("2 lata", Lifetimes.format(CookieLifetime.parse("P2Y"), pl));
        assertEquals("5 lat", Lifetimes.format(CookieLifetime.parse("P5Y"), pl));
        assertEquals("12 miesięcy", Lifetimes.format(CookieLifetime.parse("P12M"), pl));
        assertEquals("13 miesięcy", Lifetimes.format(CookieLifetime.parse("P13M"), pl));
        assertEquals("22 lata", Lifetimes.format(CookieLifetime.parse("P22Y"), pl));
        assertEquals("30 minut", Lifetimes.format(CookieLifetime.parse("PT30M"), pl));
        assertEquals("24 godziny", Lifetimes.format(CookieLifetime.parse("PT24H"), pl));
        assertEquals("90 dni", Lifetimes.format(CookieLifetime.parse("P90D"), pl));
    }

    @Test
    void formatWhenFractionalSecondsThenWholeUnits() {
        assertEquals("1 minute 30 seconds", Lifetimes.format(CookieLifetime.parse("PT1M30S"), EN));
        assertEquals("2 hours", Lifetimes.format(CookieLifetime.parse("PT9000.5S"), EN));
    }
}
