package org.consent4j.core.jurisdiction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

final class JurisdictionTableTest {

    private final JurisdictionTable table = Fixtures.jurisdictions();

    @Test
    void resolveWhenSubdivisionKnownThenItsRules() {
        assertEquals("US-CA", table.resolve("US-CA").code());
        assertEquals("US-CA", table.resolve("us-ca").code());
    }

    @Test
    void resolveWhenSubdivisionUnknownThenCountry() {
        assertEquals("FR", table.resolve("FR-75").code());
    }

    @Test
    void resolveWhenUnknownOrEmptyThenOptInFallback() {
        for (String location : new String[] {"", "ZZ", "US-NY", "garbage!", "  "}) {
            Jurisdiction j = table.resolve(location);
            assertTrue(j.isDefault(), location);
            assertEquals(Regime.OPT_IN, j.regime());
        }
    }

    @Property
    void resolveNeverFailsAndUnknownIsFallback(@ForAll String location) {
        Jurisdiction j = table.resolve(location);
        assertTrue(j.isDefault() || table.entries().contains(j));
    }

    @Test
    void withOverridesReplacesByCodeAndFallback() {
        Jurisdiction strictCa = new Jurisdiction("US-CA", "California", Regime.OPT_IN, true, "", Duration.ofDays(30),
                List.of("CCPA"), "site policy");
        JurisdictionTable t = table.with(List.of(strictCa));
        assertEquals(Regime.OPT_IN, t.resolve("US-CA").regime());
        assertEquals(Regime.OPT_OUT, table.resolve("US-CA").regime());
    }

    @Test
    void constructorRejectsBadCodesAndAges() {
        assertThrows(IllegalArgumentException.class, () -> new Jurisdiction("France", "x", Regime.OPT_IN, false, "",
                Duration.ofDays(1), List.of(), ""));
        assertThrows(IllegalArgumentException.class, () -> new Jurisdiction("FR", "x", Regime.OPT_IN, false, "2020",
                Duration.ofDays(1), List.of(), ""));
        assertThrows(IllegalArgumentException.class, () -> new Jurisdiction("FR", "x", Regime.OPT_IN, false, "",
                Duration.ZERO, List.of(), ""));
        assertThrows(IllegalArgumentException.class, () -> JurisdictionTable.of(List.of(Fixtures.DEFAULT), Fixtures.DEFAULT));
    }
}
