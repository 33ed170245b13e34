package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CookieInventoryTest {

    private final CookieInventory inventory = new CookieInventory(3, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void recordWhenSeenTwiceThenCountedOnceWithFirstPath() {
        inventory.record("tracker", "/a", true);
        inventory.record("tracker", "/b", true);
        UnknownCookie u = inventory.snapshot().get(0);
        assertEquals("tracker", u.name());
        assertEquals(2, u.count());
        assertEquals("/a", u.firstPath());
        assertTrue(u.blocked());
    }

    @Test
    void recordWhenFullThenNewNamesOnlyCountedAsOverflow() {
        for (String n : List.of("a", "b", "c", "d", "e")) {
            inventory.record(n, "/", false);
        }
        inventory.record("a", "/", false);
        assertEquals(List.of("a", "b", "c"), inventory.snapshot().stream().map(UnknownCookie::name).toList());
        assertEquals(2, inventory.overflow());
        assertEquals(2, inventory.snapshot().get(0).count());
    }

    @Test
    void recordWhenNameAndPathHugeThenClipped() {
        inventory.record("n".repeat(1000), "/" + "p".repeat(1000), true);
        UnknownCookie u = inventory.snapshot().get(0);
        assertEquals(128, u.name().length());
        assertEquals(256, u.firstPath().length());
    }

    @Test
    void printableWhenControlCharactersThenReplaced() {
        assertEquals("a?b?", CookieInventory.printable("a\nb\u007f"));
    }
}
