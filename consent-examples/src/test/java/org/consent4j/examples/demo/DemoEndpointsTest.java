package org.consent4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.consent4j.core.internal.html.HtmlEscaper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rest of the demo over real HTTP: the banner and cookie declaration, the first-party script, what
 * destinations received, bad events, withdrawal of cookies a browser already holds, and the same site
 * without the filter.
 */
final class DemoEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static DemoServer.Running demo;
    private static DemoServer.Running unfiltered;

    @BeforeAll
    static void startDemos() throws Exception {
        demo = DemoServer.start(0, dir.resolve("records.jsonl"));
        unfiltered = DemoServer.start(0, dir.resolve("unfiltered.jsonl"), false);
    }

    @AfterAll
    static void stopDemos() throws Exception {
        demo.stop();
        unfiltered.stop();
    }

    @Test
    void homeCarriesTheBannerAndEveryVendorTag() throws Exception {
        String page = new DemoClient(demo.uri(), "FR", false).get("/").body();
        assertTrue(page.contains("/consent/assets/consent.js"), "banner script tag");
        for (String url : List.of("https://www.googletagmanager.com/gtag/js?id=", "https://www.googletagmanager.com/gtm.js",
                "https://connect.facebook.net/en_US/fbevents.js", "https://www.facebook.com/tr?id=",
                "https://cdn.segment.com/analytics.js/v1/", "https://tag.segmetrics.io/", "https://static.hotjar.com/c/hotjar-",
                "https://snap.licdn.com/li.lms-analytics/insight.min.js", "https://www.youtube.com/embed/",
                "https://www.google.com/maps/embed?", "https://js.stripe.com/v3/", "/assets/app.js")) {
            assertTrue(page.contains(url), "the home page embeds " + url);
        }
    }

    @Test
    void bannerAssetsCookieDeclarationAndFirstPartyScriptAreServed() throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), "DE", false);
        HttpResponse<String> script = visitor.get("/consent/assets/consent.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        HttpResponse<String> declaration = visitor.get("/consent/cookies");
        assertEquals(200, declaration.statusCode());
        assertTrue(declaration.body().contains("sm_uid") && declaration.body().contains(">lang<"),
                "the declaration lists the bundled services' cookies and the demo's own lang cookie");
        HttpResponse<String> app = visitor.get("/assets/app.js");
        assertEquals(200, app.statusCode());
        assertTrue(app.body().contains("first-party"));
        assertEquals(404, visitor.get("/nothing-here").statusCode());
    }

    @Test
    void frenchDeclarationShowsFrenchDescriptionsAndCookiePurposesForEveryServiceInUse() throws Exception {
        HttpResponse<String> r = new DemoClient(demo.uri(), "FR", false).get("/consent/cookies?lang=fr");
        assertEquals(200, r.statusCode());
        assertEquals("fr", r.headers().firstValue("Content-Language").orElse(""));
        String page = r.body();
        org.consent4j.core.catalog.Catalog catalog = DemoCatalog.load();
        int cookies = 0;
        for (org.consent4j.core.catalog.Service s : catalog.inventory().services()) {
            String french = s.description().get("fr");
            assertEquals("fr", s.description().languageOf("fr"), s.id() + " has a French description");
            assertTrue(page.contains("<p>" + HtmlEscaper.escape(french) + "</p>"), s.id() + ": " + french);
            for (org.consent4j.core.catalog.CookieSpec c : s.cookies()) {
                assertEquals("fr", c.descriptions().languageOf("fr"), s.id() + " cookie " + c.name());
                String row = "<td>" + HtmlEscaper.escape(c.description("fr")) + "</td></tr>";
                assertTrue(page.contains(row), s.id() + " cookie " + c.name() + ": " + row);
                cookies++;
            }
        }
        assertTrue(cookies > 40, "the demo's services declare their cookies: " + cookies);
        assertTrue(page.contains("Distingue les visiteurs (identifiant client).") && !page.contains("<td lang=") && !page.contains("<p lang="),
                "no English fallback left on the French page");
    }

    @Test
    void consentStateEndpointAgreesWithThePage() throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), "US-CA", true);
        JsonNode state = JSON.readTree(visitor.get("/consent").body());
        assertEquals("US-CA", state.get("jurisdiction").asText());
        assertEquals("OPT_OUT", state.get("regime").asText());
        assertTrue(state.get("gpc").asBoolean());
        String page = visitor.get("/").body();
        for (JsonNode s : state.get("services")) {
            String id = s.get("id").asText();
            if (DemoPages.EMBEDDED_SERVICES.contains(id)) {
                assertEquals(s.get("decision").asText(), DemoSiteTest.decision(page, "service", id), id);
            }
        }
    }

    @Test
    void californianWithGpcGetsIabSignalsOptedOutOnThePageInTheStateAndOnEvents() throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), "US-CA", true);
        JsonNode iab = JSON.readTree(visitor.get("/consent").body()).get("iab");
        assertEquals("1YYN", iab.get("usPrivacy").asText());
        assertEquals(1, iab.at("/parsedSections/usnat/0/SaleOptOut").asInt());
        assertEquals(1, iab.at("/parsedSections/usnat/0/SharingOptOut").asInt());
        assertTrue(iab.at("/parsedSections/usnat/1/Gpc").asBoolean());
        String page = visitor.get("/").body();
        assertTrue(page.contains("w.__gpp=") && page.contains("id=\"consent4j-iab\"") && page.contains("/consent/assets/iab.js?v="),
                "the page APIs' stub, data and script");
        JsonNode event = JSON.readTree(visitor.postJson("/events", "{\"type\":\"track\",\"event\":\"Signed up\"}").body());
        assertEquals("1YYN", event.at("/iab/usPrivacy").asText(), event.toString());
        assertEquals(iab.get("gpp").asText(), event.at("/iab/gpp").asText());
    }

    @Test
    void rejectingExpiresTrackingCookiesTheBrowserAlreadyHolds() throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), "FR", false);
        visitor.choose("{\"accept\":\"all\"}");
        HttpResponse<String> accepted = visitor.get("/");
        assertTrue(DemoClient.cookiesSet(accepted).containsAll(Set.of("_ga", "sm_uid", "_fbp")));
        visitor.choose("{\"accept\":\"none\"}");
        HttpResponse<String> rejected = visitor.getWithCookies("/", "_ga=GA1.1.1.1; sm_uid=abc; _fbp=fb.1.1.1; lang=en");
        assertEquals(Set.of("JSESSIONID"), DemoClient.cookiesSet(rejected));
        assertTrue(DemoClient.cookiesExpired(rejected).containsAll(List.of("_ga", "sm_uid", "_fbp", "lang")),
                "expired: " + DemoClient.cookiesExpired(rejected));
    }

    @Test
    void identifyEventInCaliforniaWithGpcReachesNoSharingDestination() throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), "US-CA", true);
        JsonNode body = JSON.readTree(visitor.postJson("/events",
                "{\"type\":\"identify\",\"userId\":\"u-42\",\"traits\":{\"plan\":\"pro\",\"tags\":[\"a\",1,true]}}").body());
        assertTrue(body.get("event").get("personal").asBoolean());
        for (JsonNode d : body.get("deliveries")) {
            assertEquals("SUPPRESSED", d.get("status").asText(), d.toString());
        }
    }

    @Test
    void deliveredEventsAreListedAndSuppressedOnesAreNot() throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), "FR", false);
        visitor.postJson("/events", "{\"type\":\"page\",\"name\":\"suppressed-page\"}");
        visitor.choose("{\"accept\":\"all\"}");
        visitor.postJson("/events", "{\"type\":\"page\",\"name\":\"delivered-page\"}");
        JsonNode received = JSON.readTree(visitor.get("/events").body()).get("received");
        List<String> delivered = new ArrayList<>();
        for (JsonNode r : received) {
            assertTrue(!r.get("name").asText().equals("suppressed-page"), "suppressed event was delivered: " + r);
            if (r.get("name").asText().equals("delivered-page")) {
                delivered.add(r.get("destination").asText());
            }
        }
        assertEquals(List.of(DemoDestinations.SEGMENT_GA, DemoDestinations.SEGMETRICS_CRM, DemoDestinations.META_CAPI), delivered);
    }

    @Test
    void badEventsGetASpecificClientError() throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), "FR", false);
        for (String[] c : new String[][] {
                {"not json", "not valid JSON"},
                {"[1,2]", "one JSON object"},
                {"{}", "\"type\" is missing"},
                {"{\"type\":\"alias\"}", "give page, track or identify"},
                {"{\"type\":\"track\"}", "needs \"event\""},
                {"{\"type\":\"identify\"}", "needs \"userId\""},
                {"{\"type\":\"track\",\"event\":\"x\",\"properties\":[]}", "must be a JSON object"},
                {"{\"type\":\"track\",\"event\":\"x\",\"properties\":{\"a\":null}}", "/properties/a is null"},
                {"{\"type\":\"track\",\"event\":7}", "must be a string"},
                {"{\"type\":\"page\",\"name\":\"" + "x".repeat(EventsServlet.MAX_BODY) + "\"}", "larger than"}}) {
            HttpResponse<String> r = visitor.postJson("/events", c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            String error = JSON.readTree(r.body()).get("error").asText();
            assertTrue(error.contains(c[1]), "error for " + c[0].substring(0, Math.min(40, c[0].length())) + ": " + error);
        }
    }

    @Test
    void withoutTheFilterEveryCookieIsSetAndEveryDestinationReceivesEverything() throws Exception {
        DemoClient visitor = new DemoClient(unfiltered.uri(), "FR", true);
        HttpResponse<String> home = visitor.get("/");
        assertEquals(Set.of("JSESSIONID", "_ga", "sm_uid", "_fbp", "lang"), DemoClient.cookiesSet(home));
        assertTrue(home.body().contains("The consent filter is off"));
        assertTrue(!home.body().contains("/consent/assets/consent.js"), "no banner without the filter");
        JsonNode body = JSON.readTree(visitor.postJson("/events", "{\"type\":\"track\",\"event\":\"Signed up\"}").body());
        assertEquals(4, body.get("deliveries").size());
        for (JsonNode d : body.get("deliveries")) {
            assertEquals("DELIVERED", d.get("status").asText());
        }
    }
}
