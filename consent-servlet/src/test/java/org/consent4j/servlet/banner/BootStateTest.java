package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The boot state's cache key names exactly what its JSON depends on. */
final class BootStateTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Catalog CATALOG = Fixtures.catalog();
    private static final ConsentEngine ENGINE = ConsentEngine.builder().catalog(CATALOG)
            .jurisdictions(Fixtures.jurisdictions()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private static final List<String> PLACES = List.of("FR", "DE", "US-CA", "US-TX", "BR", "");

    @Provide
    Arbitrary<VisitorConsent> visitors() {
        Arbitrary<String> place = Arbitraries.of(PLACES);
        Arbitrary<Boolean> gpc = Arbitraries.of(true, false);
        Arbitrary<Optional<ConsentState>> state = Combinators.combine(
                Arbitraries.of(Choice.GRANTED, Choice.DENIED).optional().list().ofSize(CATALOG.categories().size()),
                Arbitraries.of(CATALOG.services().stream().map(Service::id).toList()).optional().list().ofMaxSize(2),
                Arbitraries.of(Choice.GRANTED, Choice.DENIED),
                Arbitraries.of(ConsentMethod.ACCEPT_ALL, ConsentMethod.CUSTOM, ConsentMethod.REJECT_ALL),
                Arbitraries.of(Duration.ofMinutes(5), Duration.ofDays(400)),
                Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((cats, svcs, svcChoice, method, age, stateGpc, present) -> {
                    if (!present) {
                        return Optional.<ConsentState>empty();
                    }
                    ConsentState.Builder b = ConsentState.builder(NOW.minus(age), CATALOG.revision()).method(method)
                            .jurisdiction("FR").gpc(stateGpc);
                    for (int i = 0; i < cats.size(); i++) {
                        Category c = CATALOG.categories().get(i);
                        if (cats.get(i).isPresent() && !c.required()) {
                            b.category(c.id(), cats.get(i).get());
                        }
                    }
                    svcs.forEach(s -> s.ifPresent(id -> b.service(id, svcChoice)));
                    return Optional.of(b.build());
                });
        return Combinators.combine(place, gpc, state).as((p, g, s) -> ENGINE.evaluate(p, Signals.of(g), s));
    }

    @Property(tries = 3000)
    void keyWhenTwoVisitorsShareItThenTheirBootStatesAreEqual(@ForAll("visitors") VisitorConsent a,
                                                              @ForAll("visitors") VisitorConsent b) {
        String ja = Json.write(BootState.json(CATALOG, a));
        String jb = Json.write(BootState.json(CATALOG, b));
        if (BootState.key(CATALOG, a).equals(BootState.key(CATALOG, b))) {
            assertEquals(ja, jb, "one key, one markup");
        }
        if (!ja.equals(jb)) {
            assertNotEquals(BootState.key(CATALOG, a), BootState.key(CATALOG, b));
        }
    }

    @Test
    void jsonWhenSiteHasAConsentPolicyThenCarriesItsModeAndKey() {
        VisitorConsent v = ENGINE.evaluate("FR", Signals.NONE, Optional.empty());
        String with = Json.write(BootState.json(CATALOG, v, "enforce", "k3y"));
        assertTrue(with.contains("\"csp\":{\"mode\":\"enforce\",\"key\":\"k3y\"},\"partial\":true"), with);
        String without = Json.write(BootState.json(CATALOG, v));
        assertFalse(without.contains("\"csp\""), without);
        assertEquals(without, Json.write(BootState.json(CATALOG, v, null, null)));
    }

    @Test
    void jsonWhenAnyVisitorThenNothingThatNamesTheVisitor() {
        VisitorConsent v = ENGINE.evaluate("FR", Signals.NONE, Optional.of(ConsentState.builder(NOW, CATALOG.revision())
                .jurisdiction("FR").method(ConsentMethod.ACCEPT_ALL).grant("analytics").build()));
        String json = Json.write(BootState.json(CATALOG, v));
        assertFalse(json.contains("subject") || json.contains("decidedAt") || json.contains("\"FR\""), json);
        assertTrue(json.contains("\"partial\":true"), json);
    }

    @Test
    void withWhenNonceGivenThenEveryScriptCarriesItAndABadOneIsDropped() {
        String plain = "<script>a</script><script src=\"/x.js\" defer=\"\"></script>";
        String sentinel = "<script nonce=\"" + HeadTemplate.SENTINEL + "\">a</script><script src=\"/x.js\" defer=\"\" nonce=\""
                + HeadTemplate.SENTINEL + "\"></script>";
        HeadTemplate t = new HeadTemplate(plain, sentinel);
        assertEquals(plain, t.with(""));
        assertEquals("<script nonce=\"r4nd0m+/=\">a</script><script src=\"/x.js\" defer=\"\" nonce=\"r4nd0m+/=\"></script>",
                t.with("r4nd0m+/="));
        assertEquals(plain, t.with("\"><script>alert(1)</script>"), "a nonce that needs escaping is not used");
    }
}
