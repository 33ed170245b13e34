package org.consent4j.servlet.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.VisitorConsent;

/**
 * The policy, over random visitors (location, GPC, category and per-service choices): the same
 * visitor always gets the same policy; the cached policy lists exactly the hosts an independent
 * computation from the visitor's decisions gives; no directive lists a host of a service the visitor
 * does not allow.
 */
final class CspPolicyProperties {

    private static final ContentSecurityPolicy CSP = CspFixtures.policy(CspConfig.defaults());
    private static final List<String> CHOOSABLE = List.of("functional", "analytics", "marketing");

    @Property(tries = 300)
    void policyListsExactlyTheAllowedServicesHosts(@ForAll("visitors") VisitorConsent visitor) {
        HttpServletRequest request = CspFixtures.request("");
        String header = CSP.header(request, visitor);
        String nonce = CspNonce.find(request).orElseThrow();
        Set<String> expected = new HashSet<>();
        for (Service s : CspFixtures.CATALOG.services()) {
            boolean necessary = CspFixtures.CATALOG.category(s.category()).map(Category::required).orElse(false);
            if (necessary || visitor.service(s.id()).allowed()) {
                expected.addAll(s.hosts());
            }
        }
        for (String directive : Sources.DIRECTIVES) {
            List<String> sources = CspFixtures.directive(header, directive);
            Set<String> listed = new HashSet<>();
            for (String source : sources) {
                if (source.startsWith("'") || source.endsWith(":")) {
                    assertTrue(Set.of("'self'", "'unsafe-inline'", "'nonce-" + nonce + "'", "data:", "blob:").contains(source),
                            source);
                    continue;
                }
                String host = source.startsWith("*.") ? source.substring(2) : source;
                listed.add(host);
            }
            // Every listed host belongs to an allowed (or necessary) service ...
            for (String host : listed) {
                assertTrue(expected.contains(host), directive + " lists " + host + " which the visitor did not allow: " + header);
            }
            // ... and every allowed host is covered by a listed one (itself or a parent domain).
            for (String host : expected) {
                boolean covered = false;
                for (String l : listed) {
                    covered |= host.equals(l) || host.endsWith("." + l);
                }
                assertTrue(covered, directive + " misses " + host + ": " + header);
            }
        }
    }

    @Property(tries = 200)
    void sameVisitorSamePolicy(@ForAll("visitors") VisitorConsent visitor) {
        ContentSecurityPolicy fresh = CspFixtures.policy(CspConfig.defaults());
        HttpServletRequest r1 = CspFixtures.request("");
        HttpServletRequest r2 = CspFixtures.request("");
        String a = CSP.header(r1, visitor).replace(CspNonce.of(r1), "N");
        String b = fresh.header(r2, visitor).replace(CspNonce.of(r2), "N");
        assertEquals(a, b);
        assertEquals(CSP.key(visitor), fresh.key(visitor));
    }

    @Provide
    Arbitrary<VisitorConsent> visitors() {
        Arbitrary<String> location = Arbitraries.of("FR", "DE", "US-CA", "US-TX", "");
        Arbitrary<Boolean> gpc = Arbitraries.of(true, false);
        Arbitrary<Map<String, Choice>> categories = Arbitraries.of(Choice.GRANTED, Choice.DENIED).injectNull(0.3)
                .list().ofSize(CHOOSABLE.size()).map(list -> {
                    Map<String, Choice> m = new HashMap<>();
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) != null) {
                            m.put(CHOOSABLE.get(i), list.get(i));
                        }
                    }
                    return m;
                });
        List<String> ids = CspFixtures.CATALOG.services().stream().map(Service::id).toList();
        Arbitrary<Map<String, Choice>> services = Arbitraries.maps(Arbitraries.of(ids),
                Arbitraries.of(Choice.GRANTED, Choice.DENIED)).ofMaxSize(3);
        return Combinators.combine(location, gpc, categories, Arbitraries.oneOf(Arbitraries.just(Map.<String, Choice>of()),
                services)).as((l, g, c, s) -> CspFixtures.visitor(l, g, c, s));
    }
}
