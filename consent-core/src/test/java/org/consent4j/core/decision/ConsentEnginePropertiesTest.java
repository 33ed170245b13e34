package org.consent4j.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.jurisdiction.Regime;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The decision rules of DESIGN.md as properties over generated catalogs, jurisdictions, signals,
 * stored choices and clocks.
 */
final class ConsentEnginePropertiesTest {

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.any();
    }

    @Provide
    Arbitrary<Scenario> optIn() {
        return Scenario.withRegime(Regime.OPT_IN);
    }

    @Provide
    Arbitrary<Scenario> optOut() {
        return Scenario.withRegime(Regime.OPT_OUT);
    }

    @Provide
    Arbitrary<Scenario> notice() {
        return Scenario.withRegime(Regime.NOTICE);
    }

    /** Rule 1. */
    @Property
    void necessaryIsAlwaysAllowed(@ForAll("scenarios") Scenario s) {
        VisitorConsent v = s.visitor();
        for (Category c : s.catalog().categories()) {
            if (c.required()) {
                assertEquals(Decision.of(true, Reason.NECESSARY), v.category(c.id()), s::toString);
            }
        }
        for (Service svc : s.catalog().services()) {
            if (required(s, svc.category())) {
                assertEquals(Decision.of(true, Reason.NECESSARY), v.service(svc.id()), s::toString);
            }
        }
        for (Purpose p : s.catalog().purposes()) {
            if (required(s, p.category())) {
                assertEquals(Decision.of(true, Reason.NECESSARY), v.purpose(p.id()), s::toString);
            }
        }
    }

    /** Rule 2: nothing non-necessary without an explicit, unexpired, revision-compatible grant. */
    @Property
    void optInAllowsNothingNonNecessaryWithoutACurrentExplicitGrant(@ForAll("optIn") Scenario s) {
        VisitorConsent v = s.visitor();
        for (String id : s.targets()) {
            Decision d = v.decide(id);
            if (d.allowed() && d.reason() != Reason.NECESSARY) {
                assertTrue(s.stateIsCurrent(), () -> id + " allowed without a current choice: " + s);
                assertEquals(Choice.GRANTED, effectiveChoice(s, id), () -> id + " allowed without a grant: " + s);
                assertTrue(d.reason() == Reason.GRANTED || d.reason() == Reason.GRANTED_OVER_GPC, s::toString);
            }
        }
        if (s.state().isEmpty()) {
            for (String id : s.targets()) {
                Decision d = v.decide(id);
                assertEquals(d.reason() == Reason.NECESSARY ? Decision.of(true, Reason.NECESSARY)
                        : Decision.of(false, unset(s)), d, () -> id + " " + s);
            }
            assertTrue(v.needsPrompt());
        }
    }

    /** Rule 3. */
    @Property
    void optOutAllowsUnlessDeniedOrOptedOutByHonouredGpc(@ForAll("optOut") Scenario s) {
        VisitorConsent v = s.visitor();
        for (String id : s.targets()) {
            Decision d = v.decide(id);
            if (d.reason() == Reason.NECESSARY) {
                continue;
            }
            Choice choice = effectiveChoice(s, id);
            boolean gpcOptOut = gpcOptOut(s, id);
            if (choice == Choice.DENIED) {
                assertEquals(Decision.of(false, Reason.DENIED), d, () -> id + " " + s);
            } else if (!gpcOptOut) {
                assertTrue(d.allowed(), () -> id + " denied though neither denied nor opted out by GPC: " + s);
            } else if (!d.allowed() || d.reason() != Reason.GRANTED_OVER_GPC) {
                assertEquals(Decision.of(false, gpcReason(s)), d, () -> id + " " + s);
            }
            assertFalse(v.needsPrompt(), "opt-out regimes offer a link, not a prompt");
        }
    }

    /** Rule 4. */
    @Property
    void noticeAllowsUnlessDenied(@ForAll("notice") Scenario s) {
        VisitorConsent v = s.visitor();
        for (String id : s.targets()) {
            Decision d = v.decide(id);
            Choice choice = effectiveChoice(s, id);
            if (choice == Choice.DENIED && d.reason() != Reason.NECESSARY) {
                assertEquals(Decision.of(false, Reason.DENIED), d, () -> id + " " + s);
            } else if (!gpcOptOut(s, id)) {
                assertTrue(d.allowed(), () -> id + " denied in a notice regime without a refusal: " + s);
            }
        }
    }

    /** Rule 5: an expired grant never allows under OPT_IN, and the visitor is asked again. */
    @Property
    void expiredGrantNeverAllowsUnderOptIn(@ForAll("optIn") Scenario generated) {
        Scenario s = generated.state().isEmpty() ? generated
                : generated.withNow(generated.state().get().decidedAt().plus(generated.jurisdiction().maxChoiceAge()).plusSeconds(1));
        VisitorConsent v = s.visitor();
        for (String id : s.targets()) {
            Decision d = v.decide(id);
            assertTrue(!d.allowed() || d.reason() == Reason.NECESSARY, () -> id + " " + d + " " + s);
            if (effectiveChoice(s, id) == Choice.GRANTED && d.reason() != Reason.NECESSARY) {
                assertEquals(Decision.of(false, Reason.GRANT_EXPIRED), d, () -> id + " " + s);
            }
        }
        assertTrue(v.needsPrompt());
    }

    /** Rule 5, second half: a denial stays a denial whatever the age of the choice or the catalog revision. */
    @Property
    void denialNeverBecomesAllowByAgeOrRevision(@ForAll("scenarios") Scenario s) {
        if (s.state().isEmpty()) {
            return;
        }
        ConsentState st = s.state().get();
        ConsentState revised = new ConsentState(st.categories(), st.services(), st.decidedAt(), "other-revision",
                st.jurisdiction(), st.method(), st.gpc());
        Scenario[] variants = {s, s.withNow(st.decidedAt().plus(Duration.ofDays(10_000))), s.withState(Optional.of(revised)),
                s.withState(Optional.of(revised)).withNow(st.decidedAt().plus(s.jurisdiction().maxChoiceAge()).plusSeconds(1))};
        for (Scenario variant : variants) {
            VisitorConsent v = variant.visitor();
            for (String id : variant.targets()) {
                Decision d = v.decide(id);
                if (effectiveChoice(variant, id) == Choice.DENIED && d.reason() != Reason.NECESSARY) {
                    assertEquals(Decision.of(false, Reason.DENIED), d, () -> id + " " + variant);
                }
            }
        }
    }

    /** Rule 6: where GPC is honoured and in scope, an allow is only ever a configured grant made with GPC on. */
    @Property
    void honouredGpcIsNeverOverriddenSilently(@ForAll("scenarios") Scenario s) {
        VisitorConsent v = s.visitor();
        for (String id : s.targets()) {
            Decision d = v.decide(id);
            if (d.allowed() && d.reason() != Reason.NECESSARY && gpcOptOut(s, id)) {
                assertEquals(Reason.GRANTED_OVER_GPC, d.reason(), () -> id + " " + s);
                assertTrue(s.grantMayOverrideGpc(), s::toString);
                assertTrue(s.state().orElseThrow().gpc(), s::toString);
                assertEquals(Choice.GRANTED, effectiveChoice(s, id), s::toString);
            }
            if (d.reason() == Reason.GRANTED_OVER_GPC) {
                assertTrue(d.allowed() && gpcOptOut(s, id) && s.grantMayOverrideGpc(), s::toString);
            }
        }
    }

    /** Granting more never denies more: adding grants never turns an allow into a deny. */
    @Property
    void addingGrantsNeverTurnsAnAllowIntoADeny(@ForAll("scenarios") Scenario s, @ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        ConsentState base = s.state().orElseGet(() -> ConsentState.builder(s.now(), s.catalog().revision()).build());
        Map<String, Choice> categories = new HashMap<>(base.categories());
        Map<String, Choice> services = new HashMap<>(base.services());
        s.catalog().categories().forEach(c -> {
            if (r.nextBoolean()) {
                categories.put(c.id(), Choice.GRANTED);
            }
        });
        s.catalog().services().forEach(svc -> {
            if (r.nextBoolean()) {
                services.put(svc.id(), Choice.GRANTED);
            }
        });
        ConsentState more = new ConsentState(categories, services, base.decidedAt(), base.catalogRevision(),
                base.jurisdiction(), base.method(), base.gpc());
        VisitorConsent before = s.visitor();
        VisitorConsent after = s.withState(Optional.of(more)).visitor();
        for (String id : s.targets()) {
            if (before.allows(id)) {
                assertTrue(after.allows(id), () -> id + " allowed before adding grants, denied after: " + s + " more=" + more);
            }
        }
    }

    @Property
    void unknownTargetsAreDenied(@ForAll("scenarios") Scenario s) {
        VisitorConsent v = s.visitor();
        Decision unknown = Decision.of(false, Reason.UNKNOWN_TARGET);
        for (String id : Scenario.NOT_IN_ANY_CATALOG) {
            assertEquals(unknown, v.category(id));
            assertEquals(unknown, v.service(id));
            assertEquals(unknown, v.purpose(id));
            assertEquals(unknown, v.decide(id));
            assertFalse(v.allows(id));
        }
        // ids of one kind asked as another kind are unknown too
        for (Service svc : s.catalog().services()) {
            assertEquals(unknown, v.category(svc.id()));
            assertEquals(unknown, v.purpose(svc.id()));
        }
    }

    @Property
    void decisionsAreDeterministicAndDecideDispatchesByKind(@ForAll("scenarios") Scenario s) {
        VisitorConsent a = s.visitor();
        VisitorConsent b = s.visitor();
        for (Category c : s.catalog().categories()) {
            assertEquals(a.category(c.id()), b.category(c.id()));
            assertEquals(a.category(c.id()), a.decide(c.id()));
        }
        for (Service svc : s.catalog().services()) {
            assertEquals(a.service(svc.id()), b.service(svc.id()));
            assertEquals(a.service(svc.id()), a.decide(svc.id()));
        }
        for (Purpose p : s.catalog().purposes()) {
            assertEquals(a.purpose(p.id()), b.purpose(p.id()));
            assertEquals(a.purpose(p.id()), a.decide(p.id()));
        }
        for (String id : s.targets()) {
            assertEquals(a.decide(id).allowed(), a.allows(id));
        }
        assertEquals(a.needsPrompt(), b.needsPrompt());
    }

    @Provide
    Arbitrary<Scenario> bundled() {
        return Scenario.bundled();
    }

    /** The same rules hold for the bundled catalog in every bundled jurisdiction. */
    @Property(tries = 300)
    void decisionsOnTheBundledCatalogAndJurisdictionsMatchTheRulesWrittenOut(@ForAll("bundled") Scenario s) {
        decisionsMatchTheRulesWrittenOut(s);
        necessaryIsAlwaysAllowed(s);
        honouredGpcIsNeverOverriddenSilently(s);
        if (s.jurisdiction().regime() == Regime.OPT_IN) {
            optInAllowsNothingNonNecessaryWithoutACurrentExplicitGrant(s);
        }
    }

    /** Every decision equals the rules written out independently of the engine. */
    @Property
    void decisionsMatchTheRulesWrittenOut(@ForAll("scenarios") Scenario s) {
        VisitorConsent v = s.visitor();
        for (Category c : s.catalog().categories()) {
            assertEquals(expected(s, c.id()), v.category(c.id()), () -> c.id() + " " + s);
        }
        for (Service svc : s.catalog().services()) {
            assertEquals(expected(s, svc.id()), v.service(svc.id()), () -> svc.id() + " " + s);
        }
        for (Purpose p : s.catalog().purposes()) {
            assertEquals(expected(s, p.id()), v.purpose(p.id()), () -> p.id() + " " + s);
        }
        // No choice or an expired one is always asked; a catalog change re-asks only what can be chosen.
        boolean hasOptional = s.catalog().categories().stream().anyMatch(c -> !c.required());
        boolean prompt = s.jurisdiction().regime() == Regime.OPT_IN && !s.stateIsCurrent()
                && (s.state().isEmpty() || s.expired() || hasOptional);
        assertEquals(prompt, v.needsPrompt(), s::toString);
    }

    private static Decision expected(Scenario s, String id) {
        if (required(s, categoryOf(s, id))) {
            return Decision.of(true, Reason.NECESSARY);
        }
        Choice choice = effectiveChoice(s, id);
        boolean gpcOptOut = gpcOptOut(s, id);
        if (choice == Choice.DENIED) {
            return Decision.of(false, Reason.DENIED);
        }
        if (choice == Choice.GRANTED && s.stateIsCurrent()) {
            if (!gpcOptOut) {
                return Decision.of(true, Reason.GRANTED);
            }
            boolean lawAllowsGrant = s.jurisdiction().grantOverGpcAllowed() || !gpcDuty(s);
            return s.grantMayOverrideGpc() && s.state().orElseThrow().gpc() && lawAllowsGrant
                    ? Decision.of(true, Reason.GRANTED_OVER_GPC) : Decision.of(false, gpcReason(s));
        }
        Reason unset = unset(s);
        if (choice == Choice.GRANTED) {
            unset = s.expired() ? Reason.GRANT_EXPIRED : Reason.CATALOG_REVISED;
        }
        return switch (s.jurisdiction().regime()) {
            case OPT_IN -> Decision.of(false, unset);
            case OPT_OUT -> gpcOptOut ? Decision.of(false, gpcReason(s)) : Decision.of(true, Reason.OPT_OUT_DEFAULT);
            case NOTICE -> gpcOptOut ? Decision.of(false, gpcReason(s)) : Decision.of(true, Reason.NOTICE_DEFAULT);
        };
    }

    /** Whether a law makes GPC a duty on the scenario's UTC date. */
    static boolean gpcDuty(Scenario s) {
        java.time.LocalDate day = s.now().atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        return !s.jurisdiction().gpcSince().isEmpty() && !day.isBefore(java.time.LocalDate.parse(s.jurisdiction().gpcSince()));
    }

    /** GPC_OPT_OUT where a law requires honouring GPC on that day, else the site-policy reason. */
    static Reason gpcReason(Scenario s) {
        return gpcDuty(s) ? Reason.GPC_OPT_OUT : Reason.GPC_OPT_OUT_POLICY;
    }

    /** Why a target without a current grant is denied in an opt-in regime. */
    static Reason unset(Scenario s) {
        return s.jurisdiction().regimeByLaw() ? Reason.NO_CHOICE_OPT_IN : Reason.NO_CHOICE_PROTECTIVE;
    }

    private static boolean required(Scenario s, String categoryId) {
        return s.catalog().category(categoryId).map(Category::required).orElse(false);
    }

    private static String categoryOf(Scenario s, String id) {
        if (s.catalog().category(id).isPresent()) {
            return id;
        }
        Optional<Service> svc = s.catalog().service(id);
        if (svc.isPresent()) {
            return svc.get().category();
        }
        return s.catalog().purpose(id).orElseThrow().category();
    }

    /** The stored choice that applies to a target: a service's own, else its category's. */
    static Choice effectiveChoice(Scenario s, String id) {
        if (s.state().isEmpty()) {
            return null;
        }
        ConsentState st = s.state().get();
        if (s.catalog().category(id).isPresent()) {
            return st.categories().get(id);
        }
        Optional<Service> svc = s.catalog().service(id);
        if (svc.isPresent()) {
            Choice own = st.services().get(id);
            return own != null ? own : st.categories().get(svc.get().category());
        }
        return st.categories().get(s.catalog().purpose(id).orElseThrow().category());
    }

    /** Whether GPC opts the visitor out of this target here, computed from the purposes' rights. */
    static boolean gpcOptOut(Scenario s, String id) {
        return s.signals().gpc() && (s.jurisdiction().gpcHonoured() || gpcDuty(s)) && gpcScoped(s, id);
    }

    private static boolean gpcScoped(Scenario s, String id) {
        if (s.catalog().category(id).isPresent()) {
            return s.catalog().purposes().stream().anyMatch(p -> p.category().equals(id) && touchesGpc(p));
        }
        Optional<Service> svc = s.catalog().service(id);
        if (svc.isPresent()) {
            return svc.get().purposes().isEmpty() ? gpcScoped(s, svc.get().category())
                    : svc.get().purposes().stream().anyMatch(p -> touchesGpc(s.catalog().purpose(p).orElseThrow()));
        }
        return touchesGpc(s.catalog().purpose(id).orElseThrow());
    }

    private static boolean touchesGpc(Purpose p) {
        return p.rights().stream().anyMatch(r -> r.name().equals("SALE") || r.name().equals("SHARING")
                || r.name().equals("TARGETED_ADVERTISING"));
    }
}
