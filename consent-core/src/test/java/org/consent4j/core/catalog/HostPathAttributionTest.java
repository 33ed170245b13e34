package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Attribution by host and path prefix: on one host the longest matching prefix wins over the host
 * alone, a more specific host wins over a parent domain's path, prefixes match at segment boundaries,
 * and a lookup without a path never matches a path entry.
 */
final class HostPathAttributionTest {

    private static Catalog catalog(Service... services) {
        Catalog base = Catalogs.bundled();
        Catalog.Builder c = Catalog.builder();
        base.categories().forEach(c::category);
        base.purposes().forEach(c::purpose);
        for (Service s : services) {
            c.service(s);
        }
        return c.build();
    }

    private static Service svc(String id, String... hosts) {
        Service.Builder b = Service.builder(id, Category.MARKETING);
        for (String h : hosts) {
            b.host(h);
        }
        return b.build();
    }

    private static final Catalog GOOGLE = catalog(svc("maps", "www.google.com/maps"),
            svc("maps-embed", "www.google.com/maps/embed"), svc("recaptcha", "www.google.com/recaptcha/"),
            svc("search", "www.google.com"), svc("google", "google.com/ads"), svc("mapsapi", "maps.google.com"));

    private static String at(Catalog c, String host, String path) {
        return c.serviceForHost(host, path).map(Service::id).orElse("-");
    }

    @Test
    void serviceForHostWhenPathPrefixesThenLongestMatchWins() {
        assertEquals("maps-embed", at(GOOGLE, "www.google.com", "/maps/embed/v1/place"));
        assertEquals("maps-embed", at(GOOGLE, "www.google.com", "/maps/embed?pb=1"));
        assertEquals("maps", at(GOOGLE, "www.google.com", "/maps/place/x"));
        assertEquals("maps", at(GOOGLE, "www.google.com", "/maps"));
        assertEquals("recaptcha", at(GOOGLE, "WWW.Google.COM.", "/recaptcha/api.js"));
        assertEquals("search", at(GOOGLE, "www.google.com", "/search?q=x"));
        assertEquals("search", at(GOOGLE, "www.google.com", ""));
    }

    @Test
    void serviceForHostWhenPrefixEndsMidSegmentThenNoMatch() {
        assertEquals("search", at(GOOGLE, "www.google.com", "/mapsfoo"));
        assertEquals("search", at(GOOGLE, "www.google.com", "/recaptcha"));
        assertEquals("search", at(GOOGLE, "www.google.com", "/Maps/embed"));
    }

    @Test
    void serviceForHostWhenMoreSpecificHostThenItWinsOverAParentPath() {
        assertEquals("mapsapi", at(GOOGLE, "maps.google.com", "/ads/x"));
        assertEquals("google", at(GOOGLE, "ads.google.com", "/ads/x"));
        assertEquals("-", at(GOOGLE, "ads.google.com", "/other"));
        assertEquals("search", at(GOOGLE, "a.www.google.com", "/x"));
    }

    @Test
    void serviceForHostWithoutPathNeverMatchesAPathEntry() {
        assertEquals(Optional.empty(), GOOGLE.serviceForHost("google.com"));
        assertEquals("search", GOOGLE.serviceForHost("www.google.com").map(Service::id).orElse("-"));
    }

    @Test
    void bundledCatalogAttributesGoogleProductsOnWwwGoogleComByPath() {
        Catalog c = Catalogs.bundled();
        assertEquals("google-maps", at(c, "www.google.com", "/maps/embed"));
        assertEquals("google-recaptcha", at(c, "www.google.com", "/recaptcha/api.js"));
        assertEquals("google-ads", at(c, "www.google.com", "/pagead/1p-conversion/123/"));
        assertEquals("-", at(c, "www.google.com", "/search"));
        assertEquals("google-adsense", at(c, "www.googletagservices.com", "/tag/js/gpt.js"));
        assertEquals("segmetrics", at(c, "tag.segmetrics.io", "/AbC123.js"));
        assertEquals("segmetrics", at(c, "tracking.segmetrics.com", ""));
    }

    @Test
    void catalogWhenSameHostAndPathClaimedTwiceThenReportsIt() {
        String json = """
                {"version": 1,
                 "categories": [{"id": "necessary", "order": 0, "required": true, "label": "N"},
                                {"id": "marketing", "order": 1, "label": "M"}],
                 "services": [{"id": "a", "name": "A", "category": "marketing", "hosts": ["x.example/p"]},
                              {"id": "b", "name": "B", "category": "marketing", "hosts": ["X.example/p", "x.example/q"]}]}""";
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.parse(json, "paths.json"));
        assertTrue(e.getMessage().contains("host 'x.example/p' is already claimed by service 'a'"), e.getMessage());
    }

    // ---------------------------------------------------------------- property: same as a plain scan

    @Property(tries = 300)
    void serviceForHostAndPathWhenAnyThenSameAsPlainScan(@ForAll("entries") List<String> entries,
                                                          @ForAll("queries") List<String> queries) {
        List<Service> services = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String e : entries) {
            if (!seen.contains(e)) {
                seen.add(e);
                services.add(svc("s" + services.size(), e));
            }
        }
        Catalog c = catalog(services.toArray(Service[]::new));
        for (String q : queries) {
            int slash = q.indexOf('/');
            String host = slash < 0 ? q : q.substring(0, slash);
            String path = slash < 0 ? "" : q.substring(slash);
            assertEquals(reference(services, host, path), c.serviceForHost(host, path).map(Service::id), q + " in " + seen);
        }
    }

    /** The documented rule, written plainly: most specific host first; on it, longest matching prefix, then the host alone. */
    private static Optional<String> reference(List<Service> services, String host, String path) {
        String h = host.toLowerCase(Locale.ROOT);
        while (true) {
            String best = null;
            int bestLength = -1;
            String bare = null;
            for (Service s : services) {
                String e = s.hosts().get(0);
                int slash = e.indexOf('/');
                String eh = slash < 0 ? e : e.substring(0, slash);
                if (!eh.equals(h)) {
                    continue;
                }
                if (slash < 0) {
                    bare = s.id();
                } else {
                    String prefix = e.substring(slash);
                    boolean match = path.startsWith(prefix) && (path.length() == prefix.length()
                            || prefix.endsWith("/") || "/?#;".indexOf(path.charAt(prefix.length())) >= 0);
                    if (match && prefix.length() > bestLength) {
                        best = s.id();
                        bestLength = prefix.length();
                    }
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
            if (bare != null) {
                return Optional.of(bare);
            }
            int dot = h.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            h = h.substring(dot + 1);
        }
    }

    @Provide
    Arbitrary<List<String>> entries() {
        Arbitrary<String> host = Arbitraries.of("a.example", "b.a.example", "example", "c.example");
        Arbitrary<String> path = Arbitraries.of("", "/m", "/m/e", "/m/", "/r", "/m/e/x", "/q;v");
        return net.jqwik.api.Combinators.combine(host, path).as((h, p) -> h.equals("example") && p.isEmpty() ? "x.example" : h + p)
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> queries() {
        Arbitrary<String> host = Arbitraries.of("a.example", "b.a.example", "z.b.a.example", "example", "c.example", "A.EXAMPLE", "x.example");
        Arbitrary<String> path = Arbitraries.of("", "/", "/m", "/m/e", "/m/e?x", "/m#f", "/me", "/r/x", "/m/e/x/y", "/q;v", "/q");
        return net.jqwik.api.Combinators.combine(host, path).as((h, p) -> h + p).list().ofMinSize(1).ofMaxSize(10);
    }
}
