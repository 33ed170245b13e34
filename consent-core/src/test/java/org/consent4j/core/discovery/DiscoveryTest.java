package org.consent4j.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery classifies what traffic shows against the catalog and the site's inventory, in bounded memory. */
final class DiscoveryTest {

    private static final Catalog DECLARED = Catalog.builder().addAll(Catalogs.bundled()).uses("youtube", "google-analytics").build();

    private static final class Ticker extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void hostWhenUnknownThenCountedWithFirstAndLastSeenAndAnExamplePage() {
        Ticker clock = new Ticker();
        Discovery d = Discovery.of(DECLARED, 16, clock);
        d.host("cdn.unknown-tracker.example", "/t.js?uid=secret", "script", "/shop?session=abc");
        clock.millis += 5000;
        d.host("CDN.unknown-tracker.example", "/t.js", "script", "/other");

        List<Sighting> hosts = d.report().of(Sighting.Kind.UNKNOWN_HOST);
        assertEquals(1, hosts.size());
        Sighting s = hosts.get(0);
        assertEquals("cdn.unknown-tracker.example", s.subject());
        assertEquals(2, s.count());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), s.firstSeen());
        assertEquals(Instant.ofEpochMilli(1_700_000_005_000L), s.lastSeen());
        assertEquals("/shop", s.page());
        assertEquals("script cdn.unknown-tracker.example/t.js", s.evidence());
    }

    @Test
    void hostWhenCatalogueButUndeclaredThenUndeclaredServiceAndDeclaredOnesAreIgnored() {
        Discovery d = Discovery.of(DECLARED);
        d.host("www.youtube.com", "/embed/x", "iframe", "/");
        d.host("www.google.com", "/maps/embed", "iframe", "/contact");
        d.cookie("_ga", "Set-Cookie", "/");
        d.cookie("_fbp", "Set-Cookie", "/");
        d.cookie("my_own_cookie", "Set-Cookie", "/login");

        DiscoveryReport r = d.report();
        assertEquals(List.of("google-maps", "meta-pixel"),
                r.of(Sighting.Kind.UNDECLARED_SERVICE).stream().map(Sighting::subject).toList());
        assertEquals(List.of("my_own_cookie"), r.of(Sighting.Kind.UNKNOWN_COOKIE).stream().map(Sighting::subject).toList());
        assertTrue(r.declared());
        assertEquals(List.of("google-analytics", "youtube"), r.inUse());
    }

    @Test
    void discoveryWhenFullThenKeepsNoMoreAndCountsTheRest() {
        Discovery d = Discovery.of(DECLARED, 3, Clock.systemUTC());
        for (int i = 0; i < 100; i++) {
            d.host("h" + i + ".unknown.example", "", "img", "/");
        }
        d.host("h0.unknown.example", "", "img", "/");
        DiscoveryReport r = d.report();
        assertEquals(3, r.sightings().size());
        assertEquals(97, r.dropped());
        assertThrows(IllegalArgumentException.class, () -> Discovery.of(DECLARED, 0, Clock.systemUTC()));
    }

    @Test
    void reportWhenWrittenAndParsedThenRoundTrips() {
        Discovery d = Discovery.of(DECLARED);
        d.host("x.unknown.example", "/a", "script", "/p");
        d.cookie("c1", "Set-Cookie", "/q");
        d.host("www.facebook.com", "/tr", "img", "/r");
        DiscoveryReport r = d.report();
        assertEquals(r, DiscoveryReport.parse(r.toJson()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiscoveryReport.parse("{\"version\": 2}"));
        assertTrue(e.getMessage().startsWith("not a discovery report"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DiscoveryReport.parse("not json"));
    }

    @Test
    void draftCatalogWhenLoadedOnTopOfTheBundledOneThenUsesKnownIdsAndStubsTheRest(@TempDir Path dir) throws IOException {
        Discovery d = Discovery.of(DECLARED);
        d.host("cdn.unknown-tracker.example", "/t.js", "script", "/");
        d.host("www.google.com", "/recaptcha/api.js", "script", "/contact");
        d.cookie("my_own_cookie", "Set-Cookie", "/login");
        String draft = DraftCatalog.of(d.report(), DECLARED);

        Catalog loaded = Catalogs.load(Files.writeString(dir.resolve("draft.json"), draft));
        assertEquals(List.of("google-analytics", "google-recaptcha", "unknown-tracker-example", "site-unclassified-cookies",
                        "youtube").stream().sorted().toList(),
                loaded.inventory().services().stream().map(s -> s.id()).sorted().toList());
        assertEquals("unknown-tracker-example", loaded.serviceForHost("cdn.unknown-tracker.example").orElseThrow().id());
        assertEquals("marketing", loaded.service("unknown-tracker-example").orElseThrow().category());
        assertEquals("site-unclassified-cookies", loaded.serviceForCookie("my_own_cookie").orElseThrow().id());
        assertTrue(draft.contains("TODO"), draft);
    }

    @Test
    void draftWhenSiteDeclaredNothingThenEveryCatalogueServiceSeenIsListed() {
        Discovery d = Discovery.of(Catalogs.bundled());
        d.host("www.youtube.com", "/embed/x", "iframe", "/");
        String draft = DraftCatalog.of(d.report(), Catalogs.bundled());
        assertTrue(draft.contains("\"uses\" : [ \"youtube\" ]"), draft);
    }
}
