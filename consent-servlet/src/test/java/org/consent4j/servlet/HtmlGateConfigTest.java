package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.html.HtmlGate;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

final class HtmlGateConfigTest {

    @Test
    void htmlGateIsOnByDefaultWithTheEnginesCatalog() {
        HtmlGate gate = TestSetup.config().build().htmlGate().orElseThrow();
        assertEquals(Fixtures.catalog().revision(), gate.catalog().revision());
    }

    @Test
    void htmlGateSettingTurnsItOff() {
        assertTrue(TestSetup.config().settings(Map.of("html-gate", "false")).build().htmlGate().isEmpty());
        assertTrue(TestSetup.config().htmlGate(false).build().htmlGate().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestSetup.config().settings(Map.of("html-gate", "maybe")));
        assertTrue(e.getMessage().contains("html-gate"), e.getMessage());
    }

    @Test
    void aGivenGateIsUsedWhenItsCatalogIsTheEngines() {
        HtmlGate gate = HtmlGate.builder(Fixtures.catalog()).iframePlaceholders(true).build();
        assertSame(gate, TestSetup.config().htmlGate(gate).build().htmlGate().orElseThrow());
    }

    @Test
    void aGateOverAnotherCatalogIsRefused() {
        Catalog other = Fixtures.catalog().toBuilder()
                .service(Service.builder("acme", Category.MARKETING).host("acme.example").build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestSetup.config().htmlGate(HtmlGate.of(other)).build());
        assertTrue(e.getMessage().contains("HtmlGate.builder(engine.catalog())"), e.getMessage());
    }
}
