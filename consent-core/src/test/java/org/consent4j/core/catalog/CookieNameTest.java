package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class CookieNameTest {

    @Test
    void exactMatchesOnlyTheWholeNameCaseSensitively() {
        CookieName name = CookieName.exact("_ga");
        assertTrue(name.matches("_ga"));
        assertFalse(name.matches("_ga_X1"));
        assertFalse(name.matches("_GA"));
    }

    @Test
    void prefixMatchesNamesStartingWithIt() {
        CookieName name = CookieName.prefix("_ga_");
        assertTrue(name.matches("_ga_ABC123"));
        assertFalse(name.matches("_ga"));
    }

    @Test
    void patternMatchesTheWholeName() {
        CookieName name = CookieName.pattern("_hj(Session|Id)_\\d+");
        assertTrue(name.matches("_hjSession_123"));
        assertFalse(name.matches("x_hjSession_123"));
    }

    @Test
    void patternWhenInvalidThenMessageNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CookieName.pattern("(_ga"));
        assertTrue(e.getMessage().contains("'(_ga'"), e.getMessage());
    }

    @Test
    void emptyNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CookieName.exact(""));
    }

    @Test
    void equalityIsByKindAndValue() {
        assertEquals(CookieName.exact("a"), CookieName.exact("a"));
        assertEquals(CookieName.pattern("a.*").hashCode(), CookieName.pattern("a.*").hashCode());
        assertNotEquals(CookieName.exact("a"), CookieName.prefix("a"));
        assertEquals("_ga_*", CookieName.prefix("_ga_").toString());
    }
}
