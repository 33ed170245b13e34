package org.consent4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

final class AuditStateTest {

    private static final Catalog CATALOG = Fixtures.catalog();

    @Provide
    Arbitrary<AuditState> states() {
        Arbitrary<Set<String>> cats = Arbitraries.of("functional", "analytics", "marketing", "x.y_z-1").set().ofMinSize(1);
        Arbitrary<AuditState> only = cats.map(c -> new AuditState(AuditState.Choice.ONLY, c, false));
        Arbitrary<AuditState> plain = Arbitraries.of(AuditState.noChoice(), AuditState.rejectAll(), AuditState.acceptAll());
        return Combinators.combine(Arbitraries.oneOf(only, plain), Arbitraries.of(true, false))
                .as((s, gpc) -> gpc ? s.withGpc() : s);
    }

    @Property
    void parseReadsBackEveryId(@ForAll("states") AuditState state) {
        assertEquals(state, AuditState.parse(state.id()));
        assertEquals(state, AuditState.parse(" " + state.id().toUpperCase(java.util.Locale.ROOT) + " "));
    }

    @Property
    void parseEitherReadsAStateOrSaysWhatIsWrong(@ForAll String text) {
        try {
            AuditState state = AuditState.parse(text);
            assertEquals(state, AuditState.parse(state.id()));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains(text) || e.getMessage().contains("category"), e.getMessage());
        }
    }

    @Test
    void parseWhenUnknownThenListsTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditState.parse("maybe"));
        assertTrue(e.getMessage().contains("no-choice, reject, accept, only:CATEGORY"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuditState.parse("only:"));
        assertThrows(IllegalArgumentException.class, () -> AuditState.parse("only:analytics,,marketing"));
        assertThrows(IllegalArgumentException.class, () -> AuditState.parse("only:Ana lytics"));
    }

    @Test
    void standardWhenFixtureCatalogThenCoversEveryChoiceAndGpc() {
        assertEquals(List.of("no-choice", "reject", "accept", "only:functional", "only:analytics", "only:marketing", "gpc"),
                AuditState.standard(CATALOG).stream().map(AuditState::id).toList());
    }

    @Test
    void consentStateWhenOnlyAnalyticsThenGrantsItAndDeniesTheOtherOptionalCategories() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        ConsentState state = AuditState.only("analytics").withGpc().consentState(CATALOG, now, "FR").orElseThrow();

        assertEquals(Map.of("functional", Choice.DENIED, "analytics", Choice.GRANTED, "marketing", Choice.DENIED),
                state.categories());
        assertEquals(ConsentMethod.CUSTOM, state.method());
        assertEquals(CATALOG.revision(), state.catalogRevision());
        assertTrue(state.gpc());
        assertEquals("FR", state.jurisdiction());
        assertTrue(AuditState.noChoice().consentState(CATALOG, now, "FR").isEmpty());
        assertEquals(ConsentMethod.REJECT_ALL, AuditState.rejectAll().consentState(CATALOG, now, "FR").orElseThrow().method());
    }

    @Test
    void consentStateWhenCategoryUnknownThenNamesItAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditState.only("ads").consentState(CATALOG, Instant.EPOCH, "FR"));
        assertTrue(e.getMessage().contains("'ads'") && e.getMessage().contains("marketing"), e.getMessage());
    }

    @Test
    void requestBodyFollowsTheEndpointContract() {
        assertEquals("{\"accept\":\"all\"}", AuditState.acceptAll().requestBody().orElseThrow());
        assertEquals("{\"accept\":\"none\"}", AuditState.rejectAll().withGpc().requestBody().orElseThrow());
        assertEquals("{\"categories\":{\"analytics\":true,\"functional\":true}}",
                AuditState.only("functional", "analytics").requestBody().orElseThrow());
        assertTrue(AuditState.gpcOnly().requestBody().isEmpty());
    }

    @Test
    void describeUsesCategoryLabels() {
        assertEquals("only Analytics accepted, GPC on", AuditState.only("analytics").withGpc().describe(CATALOG));
        assertEquals("no choice yet", AuditState.noChoice().describe(CATALOG));
    }
}
