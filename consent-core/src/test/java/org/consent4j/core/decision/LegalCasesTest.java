package org.consent4j.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.core.testing.LegalCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dated legal cases of {@code legal-cases.psv}, each with its source, decided by the engine on the
 * bundled catalog and jurisdictions with the engine's clock set to the case's moment.
 */
final class LegalCasesTest {

    private static final Catalog CATALOG = Catalogs.bundled();

    static Stream<LegalCase> cases() {
        return LegalCase.all().stream();
    }

    @Test
    void casesWhenCountedThenAtLeastSixtyWithUniqueIdsAndASourceEach() {
        List<LegalCase> all = LegalCase.all();
        assertTrue(all.size() >= 60, "cases: " + all.size());
        Set<String> ids = new HashSet<>();
        for (LegalCase c : all) {
            assertTrue(ids.add(c.id()), "duplicate id " + c.id());
            assertTrue(c.source().length() > 5, c.id() + " has no source");
            assertTrue(Set.of("LAW", "SITE_POLICY", "VISITOR").contains(c.basis()), c.id());
            assertFalse(c.choiceGpc() && !c.gpc(), c.id() + ": the command line cannot state a grant made with GPC on when it is off now");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decideWhenDatedLegalCaseThenVerdictReasonAndWhoseRule(LegalCase c) {
        ConsentPolicy policy = c.policyJson().map(json -> ConsentPolicy.parse(json, c.id())).orElse(ConsentPolicy.DEFAULT);
        ConsentEngine engine = ConsentEngine.builder().catalog(CATALOG).jurisdictions(Jurisdictions.bundled())
                .clock(Clock.fixed(c.at(), ZoneOffset.UTC)).policy(policy).build();
        VisitorConsent v = engine.evaluate(c.location(), Signals.of(c.gpc()), state(c));
        assertEquals(c.resolved(), v.jurisdiction().code(), c::toString);
        assertTrue(v.jurisdiction().inEffectOn(LocalDate.ofInstant(c.at(), ZoneOffset.UTC)), c::toString);
        Decision d = v.decide(c.target());
        assertEquals(c.reason(), d.reason().code(), c::toString);
        assertEquals(c.allow(), d.allowed(), c::toString);
        assertEquals(c.basis(), d.reason().basis().name(), c::toString);
        c.prompt().ifPresent(p -> assertEquals(p, v.needsPrompt(), () -> "ask again? " + c));
    }

    /** The choice as the banner (or {@code explain --consent}) records it. */
    static Optional<ConsentState> state(LegalCase c) {
        if (c.choice().equals("none")) {
            return Optional.empty();
        }
        ConsentState.Builder b = ConsentState.builder(c.choiceAt(), CATALOG).jurisdiction("FR").gpc(c.choiceGpc());
        List<String> granted = c.grantedCategories();
        for (Category category : CATALOG.categories()) {
            if (category.required()) {
                continue;
            }
            boolean grant = c.choice().equals("all") || !c.choice().equals("reject") && granted.contains(category.id());
            b.category(category.id(), grant ? Choice.GRANTED : Choice.DENIED);
        }
        b.method(c.choice().equals("all") ? ConsentMethod.ACCEPT_ALL : c.choice().equals("reject") ? ConsentMethod.REJECT_ALL
                : ConsentMethod.CUSTOM);
        return Optional.of(b.build());
    }
}
