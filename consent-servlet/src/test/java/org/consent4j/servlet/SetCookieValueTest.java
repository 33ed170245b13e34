package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class SetCookieValueTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static SetCookieValue parse(String value) {
        return SetCookieValue.parse(value, NOW);
    }

    @Test
    void parseWhenNameValueAndAttributesThenName() {
        SetCookieValue v = parse(" _ga = GA1.2 ; Path=/; Domain=example.com; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Secure");
        assertEquals(List.of("_ga"), v.names());
        assertFalse(v.deletion());
    }

    @Test
    void parseWhenNoEqualsOrEmptyNameThenNoName() {
        assertEquals(List.of(), parse("justavalue").names());
        assertEquals(List.of(), parse("=abc; Path=/").names());
        assertEquals(List.of(), parse("").names());
        assertEquals(List.of(), parse("; a=b").names());
    }

    @Test
    void parseWhenPairFoldedAfterCommaThenBothNamesButNotAttributesOrDates() {
        assertEquals(List.of("a", "_ga"), parse("a=1, _ga=2; Path=/").names());
        assertEquals(List.of("a", "b"), parse("a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT, b=2").names());
        assertEquals(List.of("a"), parse("a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT").names());
        assertEquals(List.of("a"), parse("a=x,y; Max-Age=5, Path=/").names());
    }

    @Test
    void parseWhenMaxAgeZeroOrNegativeThenDeletion() {
        assertTrue(parse("_ga=; Max-Age=0").deletion());
        assertTrue(parse("_ga=; max-age=-1; Path=/").deletion());
        assertFalse(parse("_ga=x; Max-Age=10").deletion());
        assertFalse(parse("_ga=x; Max-Age=0; Max-Age=10").deletion(), "the last Max-Age wins");
    }

    @Test
    void parseWhenExpiresInThePastWithoutMaxAgeThenDeletion() {
        assertTrue(parse("_ga=; Expires=Thu, 01 Jan 1970 00:00:00 GMT").deletion());
        assertFalse(parse("_ga=x; Expires=Wed, 21 Oct 2037 07:28:00 GMT").deletion());
        assertFalse(parse("_ga=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100").deletion(), "Max-Age wins over Expires");
        assertFalse(parse("_ga=x; Expires=not a date").deletion());
        assertFalse(parse("_ga=x; Max-Age=soon").deletion());
    }

    @Property
    void parseNeverThrowsAndNamesAreNonEmptyTokens(@ForAll String value) {
        SetCookieValue v = parse(value);
        for (String name : v.names()) {
            assertFalse(name.isEmpty());
            assertFalse(name.contains(";"));
        }
    }
}
