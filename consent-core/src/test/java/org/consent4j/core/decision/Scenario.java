package org.consent4j.core.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.catalog.OptOutRight;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.core.jurisdiction.Regime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * One generated situation for the decision properties: a catalog, a jurisdiction, the signals, a
 * stored choice (or none), the moment of the request and the engine's configuration.
 *
 * @param catalog             categories (necessary plus random others, sometimes a second required
 *                            one), purposes with random opt-out rights, services with random purposes
 * @param jurisdiction        any regime, GPC honoured or not, any choice age
 * @param signals             GPC on or off
 * @param state               none, or random grants and denials per category and per service, made at
 *                            some age (around the choice-age boundary on purpose) under the current,
 *                            an accepted or an unknown catalog revision
 * @param now                 the request's time
 * @param grantMayOverrideGpc the engine setting
 * @param acceptedRevisions   earlier revisions still accepted
 */
record Scenario(Catalog catalog, Jurisdiction jurisdiction, Signals signals, Optional<ConsentState> state, Instant now,
                boolean grantMayOverrideGpc, Set<String> acceptedRevisions) {

    static final String ACCEPTED_REVISION = "accepted0001";
    static final String STALE_REVISION = "stale0000001";
    static final List<String> EXTRA_CATEGORIES = List.of(Category.FUNCTIONAL, Category.ANALYTICS, Category.MARKETING,
            "social", "personalisation");
    static final List<String> NOT_IN_ANY_CATALOG = List.of("nope", "unknown-service", "zz", "necessary-but-not", "s99", "p99");

    static Arbitrary<Scenario> any() {
        return Arbitraries.randomValue(Scenario::generate);
    }

    static Arbitrary<Scenario> withRegime(Regime regime) {
        return any().map(s -> s.withJurisdiction(s.jurisdiction.toBuilder().regime(regime).build()));
    }

    /** The bundled catalog in a random bundled jurisdiction, with random signals, choices and clocks. */
    static Arbitrary<Scenario> bundled() {
        Catalog catalog = Catalogs.bundled();
        List<Jurisdiction> all = new ArrayList<>(Jurisdictions.bundled().entries());
        all.add(Jurisdictions.bundled().fallback());
        return Arbitraries.randomValue(r -> generate(r, catalog, all.get(r.nextInt(all.size()))));
    }

    static Scenario generate(Random r) {
        Regime regime = Regime.values()[r.nextInt(Regime.values().length)];
        java.time.Period age = switch (r.nextInt(3)) {
            case 0 -> java.time.Period.ofDays(1 + r.nextInt(800));
            case 1 -> java.time.Period.ofMonths(1 + r.nextInt(26));
            default -> java.time.Period.of(r.nextInt(2), r.nextInt(12), 1 + r.nextInt(40));
        };
        // a GPC duty on a random day in the scenarios' three years, or none
        java.time.LocalDate duty = r.nextInt(3) == 0 ? Jurisdiction.OPEN
                : java.time.LocalDate.of(2026, 1, 1).plusDays(r.nextInt(3 * 365));
        boolean honoured = r.nextBoolean() || !duty.equals(Jurisdiction.OPEN);
        Jurisdiction jurisdiction = Jurisdiction.builder("XX", "Generated", regime).regimeByLaw(r.nextInt(4) > 0)
                .gpcHonoured(honoured).gpcDutyFrom(duty).grantOverGpcAllowed(r.nextBoolean()).choiceAge(age)
                .law("Generated law").source("generated for a property test").build();
        return generate(r, catalog(r), jurisdiction);
    }

    static Scenario generate(Random r, Catalog catalog, Jurisdiction jurisdiction) {
        Duration maxAge = jurisdiction.maxChoiceAge();
        Instant now = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextInt(3 * 365 * 86_400));
        Optional<ConsentState> state = r.nextInt(5) == 0 ? Optional.empty() : Optional.of(state(r, catalog, maxAge, now));
        return new Scenario(catalog, jurisdiction, Signals.of(r.nextBoolean()), state, now, r.nextBoolean(),
                r.nextBoolean() ? Set.of(ACCEPTED_REVISION) : Set.of());
    }

    private static Catalog catalog(Random r) {
        Catalog.Builder b = Catalog.builder();
        List<String> categories = new ArrayList<>();
        b.category(new Category(Category.NECESSARY, 0, true, LocalizedText.of("Necessary"), LocalizedText.empty()));
        categories.add(Category.NECESSARY);
        if (r.nextInt(4) == 0) {
            b.category(new Category("security", 1, true, LocalizedText.of("Security"), LocalizedText.empty()));
            categories.add("security");
        }
        int order = 2;
        for (String id : EXTRA_CATEGORIES) {
            if (r.nextInt(3) > 0) {
                b.category(new Category(id, order++, false, LocalizedText.of(id), LocalizedText.empty()));
                categories.add(id);
            }
        }
        List<String> purposes = new ArrayList<>();
        for (String category : categories) {
            int n = r.nextInt(3);
            for (int i = 0; i < n; i++) {
                String id = category + "-p" + i;
                Set<OptOutRight> rights = EnumSet.noneOf(OptOutRight.class);
                for (OptOutRight right : OptOutRight.values()) {
                    if (r.nextInt(4) == 0) {
                        rights.add(right);
                    }
                }
                b.purpose(new Purpose(id, category, LegalBasis.CONSENT, rights, LocalizedText.of(id), LocalizedText.empty()));
                purposes.add(id);
            }
        }
        int services = r.nextInt(7);
        for (int i = 0; i < services; i++) {
            Service.Builder s = Service.builder("s" + i, categories.get(r.nextInt(categories.size())));
            if (!purposes.isEmpty()) {
                int n = r.nextInt(3);
                Set<String> chosen = new HashSet<>();
                for (int k = 0; k < n; k++) {
                    chosen.add(purposes.get(r.nextInt(purposes.size())));
                }
                chosen.forEach(s::purpose);
            }
            b.service(s.build());
        }
        return b.build();
    }

    private static ConsentState state(Random r, Catalog catalog, Duration maxAge, Instant now) {
        long maxSeconds = maxAge.toSeconds();
        long age = switch (r.nextInt(7)) {
            case 0 -> 0;
            case 1 -> maxSeconds - 1;
            case 2 -> maxSeconds;
            case 3 -> maxSeconds + 1;
            case 4 -> -r.nextInt(600);
            case 5 -> r.nextBoolean() ? -300 : -301;
            default -> (long) (r.nextDouble() * 2 * maxSeconds);
        };
        String revision = switch (r.nextInt(4)) {
            case 0 -> STALE_REVISION;
            case 1 -> ACCEPTED_REVISION;
            default -> catalog.revision();
        };
        ConsentState.Builder b = ConsentState.builder(now.minusSeconds(age), revision)
                .jurisdiction("XX").method(ConsentMethod.values()[r.nextInt(ConsentMethod.values().length)]).gpc(r.nextBoolean());
        List<String> ids = new ArrayList<>();
        catalog.categories().forEach(c -> ids.add(c.id()));
        ids.add("nope");
        for (String id : ids) {
            int pick = r.nextInt(3);
            if (pick < 2) {
                b.category(id, pick == 0 ? Choice.GRANTED : Choice.DENIED);
            }
        }
        for (Service s : catalog.services()) {
            int pick = r.nextInt(4);
            if (pick < 2) {
                b.service(s.id(), pick == 0 ? Choice.GRANTED : Choice.DENIED);
            }
        }
        return b.build();
    }

    ConsentEngine engine() {
        return ConsentEngine.builder()
                .catalog(catalog)
                .jurisdictions(jurisdiction.isDefault() ? JurisdictionTable.of(List.of(), jurisdiction)
                        : JurisdictionTable.of(List.of(jurisdiction), jurisdiction("default")))
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .grantMayOverrideGpc(grantMayOverrideGpc)
                .acceptedRevisions(acceptedRevisions)
                .build();
    }

    private Jurisdiction jurisdiction(String code) {
        Jurisdiction j = jurisdiction;
        return new Jurisdiction(code, j.name(), j.regime(), j.regimeByLaw(), Jurisdiction.ALWAYS, Jurisdiction.OPEN,
                j.gpcHonoured(), j.gpcDutyFrom(), j.grantOverGpcAllowed(), j.choiceAge(), j.sensitiveOptIn(), j.exemptions(),
                j.laws(), j.source(), j.sourceUrl(), j.note());
    }

    VisitorConsent visitor() {
        return engine().evaluate(jurisdiction, signals, state);
    }

    Scenario withJurisdiction(Jurisdiction j) {
        return new Scenario(catalog, j, signals, state, now, grantMayOverrideGpc, acceptedRevisions);
    }

    Scenario withState(Optional<ConsentState> s) {
        return new Scenario(catalog, jurisdiction, signals, s, now, grantMayOverrideGpc, acceptedRevisions);
    }

    Scenario withNow(Instant n) {
        return new Scenario(catalog, jurisdiction, signals, state, n, grantMayOverrideGpc, acceptedRevisions);
    }

    /** Every category, service and purpose id of the catalog. */
    List<String> targets() {
        List<String> ids = new ArrayList<>();
        catalog.categories().forEach(c -> ids.add(c.id()));
        catalog.services().forEach(s -> ids.add(s.id()));
        catalog.purposes().forEach(p -> ids.add(p.id()));
        return ids;
    }

    /** Whether the stored choice is within its age and under a compatible revision. */
    boolean stateIsCurrent() {
        return state.isPresent() && !expired()
                && (state.get().catalogRevision().equals(catalog.revision())
                || acceptedRevisions.contains(state.get().catalogRevision()));
    }

    /**
     * Whether the stored choice is too old, or dated too far ahead of {@link #now()} (more than five
     * minutes of clock skew).
     */
    boolean expired() {
        Instant decidedAt = state.orElseThrow().decidedAt();
        // calendar arithmetic on the UTC date, written out apart from the engine's
        java.time.ZonedDateTime expires = decidedAt.atZone(ZoneOffset.UTC)
                .plusMonths(jurisdiction.choiceAge().toTotalMonths()).plusDays(jurisdiction.choiceAge().getDays());
        return decidedAt.isAfter(now.plus(Duration.ofMinutes(5))) || now.isAfter(expires.toInstant());
    }

    @Override
    public String toString() {
        return "Scenario[" + catalog + ", categories=" + catalog.categories().stream().map(c -> c.id() + (c.required() ? "*" : "")).toList()
                + ", purposes=" + catalog.purposes().stream().map(p -> p.id() + p.rights()).toList()
                + ", services=" + catalog.services().stream().map(s -> s.id() + ":" + s.category() + s.purposes()).toList()
                + ", jurisdiction=" + jurisdiction.regime() + "/gpcHonoured=" + jurisdiction.gpcHonoured() + "/maxAge="
                + jurisdiction.maxChoiceAge() + ", gpc=" + signals.gpc() + ", state=" + state + ", now=" + now
                + ", grantMayOverrideGpc=" + grantMayOverrideGpc + ", accepted=" + acceptedRevisions + "]";
    }
}
