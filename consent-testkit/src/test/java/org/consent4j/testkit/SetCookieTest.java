package org.consent4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

final class SetCookieTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void parseWhenPlainCookieThenNameAndAttributesWithoutValue() {
        SetCookie c = SetCookie.parse("_ga=GA1.1.1234; Path=/; Max-Age=63072000; Secure", NOW);
        assertEquals("_ga", c.name());
        assertFalse(c.deletion());
        assertEquals("_ga (Path=/; Max-Age=63072000; Secure)", c.evidence());
        assertFalse(c.evidence().contains("GA1"), "evidence never carries the value");
    }

    @Test
    void parseWhenMaxAgeZeroOrNegativeThenDeletion() {
        assertTrue(SetCookie.parse("_ga=; Max-Age=0", NOW).deletion());
        assertTrue(SetCookie.parse("_ga=x; max-age=-1", NOW).deletion());
    }

    @Test
    void parseWhenExpiresInThePastThenDeletionUnlessMaxAgeSaysOtherwise() {
        assertTrue(SetCookie.parse("_fbp=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", NOW).deletion());
        assertTrue(SetCookie.parse("_fbp=; expires=Thu, 01-Jan-1970 00:00:00 GMT", NOW).deletion());
        assertFalse(SetCookie.parse("_fbp=1; Expires=Thu, 01 Jan 2099 00:00:00 GMT", NOW).deletion());
        assertFalse(SetCookie.parse("_fbp=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60", NOW).deletion(),
                "Max-Age wins over Expires (RFC 6265 §5.3)");
    }

    @Test
    void parseWhenAttributesAreGarbledThenTheCookieStillCounts() {
        assertFalse(SetCookie.parse("sm_uid=1; Max-Age=soon; Expires=tomorrow", NOW).deletion());
        assertEquals("", SetCookie.parse("novalue", NOW).name());
        assertEquals("(nameless cookie)", SetCookie.parse("novalue", NOW).evidence());
    }

    @Property
    void parseNeverThrowsAndKeepsTheName(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String name, @ForAll String rest) {
        SetCookie c = SetCookie.parse(name + "=" + rest, NOW);
        assertEquals(name, c.name());
        assertFalse(c.evidence().isEmpty());
    }

    @Property
    void parseWhenMaxAgeIsNotPositiveThenAlwaysDeletion(@ForAll long maxAge) {
        assertEquals(maxAge <= 0, SetCookie.parse("_ga=x; Max-Age=" + maxAge + "; Path=/", NOW).deletion());
    }
}
