package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.discovery.DiscoveryReport;
import org.consent4j.core.discovery.DraftCatalog;
import org.consent4j.core.discovery.Sighting;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The site's inventory and discovery through the filter on real Jetty over HTTP, with the bundled
 * catalog: a Google Maps embed under www.google.com/maps/embed, a script from a host the catalog does
 * not know and SegMetrics' tag from segmetrics.io are inert for an opt-in visitor without a choice and
 * live after accept-all (unknown hosts blocked); with unknown hosts reported, the host shows in the
 * protected inventory endpoint and in the draft catalog made from it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SiteInventoryJettyTest {

    private static final String[] FRANCE = {"CF-IPCountry", "FR"};
    private static final String TOKEN = "inventory-token-for-tests-0123456789";
    private static final Catalog CATALOG = Catalog.builder().addAll(Catalogs.bundled())
            .uses("consent4j", "google-maps", "segmetrics").build();
    private static final ConsentEngine ENGINE = ConsentEngine.builder().catalog(CATALOG)
            .jurisdictions(Fixtures.jurisdictions()).build();

    static final String PAGE = """
            <!DOCTYPE html><html><head><title>Shop</title>
            <script src="https://cdn.unknown-tracker.example/t.js?site=1"></script>
            <script>
            var _segq = _segq || []; var _segs = _segs || {};
            (function () {var dc = document.createElement('script');dc.type = 'text/javascript';dc.async = true;
            dc.src = 'https://tag.segmetrics.io/AbC123.js';
            var s = document.getElementsByTagName('script')[0];s.parentNode.insertBefore(dc,s);})();
            </script>
            <script async src="https://tag.segmetrics.io/AbC123.js"></script>
            </head><body>
            <iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12" width="600" height="450"></iframe>
            <img src="/logo.png" alt="">
            </body></html>
            """;

    private TestContainer blocking;
    private TestContainer reporting;

    /** Serves {@link #PAGE} and sets the undeclared Meta Pixel cookie. */
    static final class ShopServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html;charset=UTF-8");
            response.addHeader("Set-Cookie", "_fbp=fb.1.2.3; Path=/");
            response.getWriter().write(PAGE);
        }
    }

    @BeforeAll
    void start() {
        ConsentFilter block = new ConsentFilter(ConsentFilterConfig.builder().engine(ENGINE).keys(TestSetup.KEYS)
                .secureCookie(false).jurisdictionResolver(JurisdictionResolver.cloudflare())
                .unknownHosts(UnknownHostPolicy.BLOCK).build());
        blocking = TestContainer.jetty(TestContainer.Registration.of(block), Map.of("/shop/*", new ShopServlet()));
        ConsentFilter report = new ConsentFilter(ConsentFilterConfig.builder().engine(ENGINE).keys(TestSetup.KEYS)
                .secureCookie(false).jurisdictionResolver(JurisdictionResolver.cloudflare())
                .settings(Map.of("inventory-token", TOKEN, "first-party-hosts", "static.shop.example")).build());
        reporting = TestContainer.jetty(TestContainer.Registration.of(report), Map.of("/shop/*", new ShopServlet()));
    }

    @AfterAll
    void stop() throws Exception {
        blocking.close();
        reporting.close();
    }

    private static String acceptedAll() {
        ConsentState state = new ConsentState(Map.of("functional", Choice.GRANTED, "analytics", Choice.GRANTED,
                "marketing", Choice.GRANTED), Map.of(), Instant.now(), CATALOG.revision(), "FR", ConsentMethod.ACCEPT_ALL, false);
        return TestSetup.CODEC.encode(new ConsentCookie(TestSetup.SUBJECT, state));
    }

    @Test
    void pageWhenOptInVisitorHasNotChosenThenMapsUnknownHostAndSegMetricsAreInert() {
        String page = TestSetup.get(blocking.uri("/shop/"), FRANCE).body();

        assertTrue(page.contains("<iframe data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"google-maps\""
                + " data-consent-src=\"https://www.google.com/maps/embed?pb=!1m18!1m12\""), page);
        assertTrue(page.contains("<script type=\"text/plain\" data-consent-gated data-consent-category=\"marketing\""
                + " data-consent-service=\"unknown-host\" data-consent-src=\"https://cdn.unknown-tracker.example/t.js?site=1\">"), page);
        assertTrue(page.contains("data-consent-service=\"segmetrics\" async data-consent-src=\"https://tag.segmetrics.io/AbC123.js\""), page);
        assertTrue(page.contains("<script type=\"text/plain\" data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"segmetrics\">"),
                "the inline SegMetrics loader is inert too: " + page);
        assertFalse(page.contains(" src=\"https://"), "no third-party URL is live: " + page);
        assertTrue(page.contains("<img src=\"/logo.png\""), page);
    }

    @Test
    void pageWhenVisitorAcceptedAllThenEverythingIsLive() {
        HttpResponse<String> r = TestSetup.get(blocking.uri("/shop/"), "CF-IPCountry", "FR", "Cookie", "consent4j=" + acceptedAll());
        // The banner's boot state and loader go into the head; every other byte is the application's.
        assertEquals(PAGE, r.body().replaceFirst("(?s)<head>.*?<title>", "<head><title>"));
        // The boot state is the first-paint one, of the catalog of the services the site uses.
        assertTrue(r.body().contains("\"revision\":\"" + CATALOG.inventory().catalog().revision() + "\""), r.body());
        assertTrue(r.body().contains("\"services\":[],") && r.body().contains("\"partial\":true}"), r.body());
    }

    @Test
    void stateWhenSiteDeclaresServicesThenListsThemOnly() throws Exception {
        String state = TestSetup.get(blocking.uri("/consent"), FRANCE).body();
        assertTrue(state.contains("\"id\":\"google-maps\"") && state.contains("\"id\":\"segmetrics\""), state);
        assertFalse(state.contains("\"id\":\"meta-pixel\""), state);
        assertFalse(state.contains("\"id\":\"youtube\""), state);
    }

    @Test
    void inventoryEndpointWhenReportingThenShowsTheUnknownHostAndTheUndeclaredServiceToTheOperatorOnly() {
        String page = TestSetup.get(reporting.uri("/shop/checkout?order=42"), FRANCE).body();
        assertTrue(page.contains("<script src=\"https://cdn.unknown-tracker.example/t.js?site=1\"></script>"),
                "reported, not blocked: " + page);

        HttpResponse<String> anonymous = TestSetup.get(reporting.uri("/consent/inventory"));
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, TestSetup.get(reporting.uri("/consent/inventory"), "Authorization", "Bearer wrong-token").statusCode());
        HttpResponse<String> crossSite = TestSetup.get(reporting.uri("/consent/inventory"),
                "Authorization", "Bearer " + TOKEN, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example");
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        HttpResponse<String> r = TestSetup.get(reporting.uri("/consent/inventory"), "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("same-origin", r.headers().firstValue("Cross-Origin-Resource-Policy").orElse(""));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        DiscoveryReport report = DiscoveryReport.parse(r.body());
        Sighting host = report.of(Sighting.Kind.UNKNOWN_HOST).stream()
                .filter(s -> s.subject().equals("cdn.unknown-tracker.example")).findFirst().orElseThrow(() -> new AssertionError(r.body()));
        assertEquals("/shop/checkout", host.page());
        assertEquals("script cdn.unknown-tracker.example/t.js", host.evidence());
        assertEquals(List.of("meta-pixel"), report.of(Sighting.Kind.UNDECLARED_SERVICE).stream().map(Sighting::subject).toList());
        assertTrue(report.of(Sighting.Kind.UNKNOWN_HOST).stream().noneMatch(s -> s.subject().equals("127.0.0.1")));

        String draft = DraftCatalog.of(report, CATALOG);
        assertTrue(draft.contains("\"hosts\" : [ \"cdn.unknown-tracker.example\" ]"), draft);
        assertTrue(draft.contains("\"meta-pixel\""), draft);
    }

    @Test
    void inventoryEndpointWhenNoTokenConfiguredThenOff() {
        assertEquals(404, TestSetup.get(blocking.uri("/consent/inventory")).statusCode());
    }
}
