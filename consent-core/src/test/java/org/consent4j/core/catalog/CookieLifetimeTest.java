package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

final class CookieLifetimeTest {

    @Test
    void parseWhenSessionThenSessionLifetime() {
        assertTrue(CookieLifetime.parse("session").isSession());
        assertTrue(CookieLifetime.parse(" Session ").isSession());
    }

    @Test
    void parseWhenYearsMonthsDaysThenCalendarApproximation() {
        assertEquals(Duration.ofDays(730), CookieLifetime.parse("P2Y").duration());
        assertEquals(Duration.ofDays(390), CookieLifetime.parse("P13M").duration());
        assertEquals(Duration.ofDays(90), CookieLifetime.parse("P90D").duration());
        assertEquals(Duration.ofMinutes(30), CookieLifetime.parse("PT30M").duration());
        assertEquals(Duration.ofHours(36), CookieLifetime.parse("P1DT12H").duration());
        assertEquals("P2Y", CookieLifetime.parse("P2Y").text());
    }

    @Test
    void parseWhenGarbageThenMessageNamesTextAndForms() {
        for (String bad : new String[] {"", "2 years", "P", "PT", "P0D", "-P1D", "P1.5Y", "forever"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CookieLifetime.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("ISO 8601"), e.getMessage());
        }
    }

    @Test
    void parseWhenNumbersOverflowThenRejectedNotWrapped() {
        for (String huge : new String[] {"P5508753709683126373Y", "P99999999999999999999D", "P25269512016238479M"}) {
            assertThrows(IllegalArgumentException.class, () -> CookieLifetime.parse(huge), huge);
        }
    }

    @Property
    void parseWhenDaysThenExactDuration(@ForAll @IntRange(min = 1, max = 100_000) int days) {
        assertEquals(Duration.ofDays(days), CookieLifetime.parse("P" + days + "D").duration());
    }

    @Property
    void parseWhenAnyStringThenLifetimeOrIllegalArgument(@ForAll("lifetimeLike") String text) {
        try {
            CookieLifetime lifetime = CookieLifetime.parse(text);
            assertTrue(lifetime.isSession() || !lifetime.duration().isNegative());
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().startsWith("cookie lifetime"));
        }
    }

    @Provide
    Arbitrary<String> lifetimeLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("PTYMWDHS0123456789.-, ").ofMaxLength(12),
                Arbitraries.strings().ofMaxLength(12));
    }
}
