package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.testing.Fixtures;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The banner's resources over real HTTP on an embedded Jetty, at the root and under a context path. */
final class BannerServingTest {

    private static final Catalog CATALOG = Fixtures.catalog();
    private static final ConsentEngine ENGINE = ConsentEngine.builder().catalog(CATALOG)
            .jurisdictions(Fixtures.jurisdictions()).build();
    private static final Banner BANNER = Banner.create(CATALOG, BannerConfig.builder()
            .consentMode(true).privacyPolicyUrl("/privacy").build(), "/consent");
    private static final Banner PLAIN = Banner.create(CATALOG, BannerConfig.defaults(), "/consent");

    private static Server server;
    private static String root;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Serves the banner, and at /page an HTML page with the head markup for ?where=FR|US-CA. */
    private static final class BannerServlet extends HttpServlet {
        private final Banner banner;

        BannerServlet(Banner banner) {
            this.banner = banner;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getRequestURI().substring(req.getContextPath().length());
            var visitor = ENGINE.evaluate(Optional.ofNullable(req.getParameter("where")).orElse("FR"), Signals.NONE, Optional.empty());
            if (banner.handles(path)) {
                banner.serve(req, resp, Optional.of(visitor));
            } else if (path.equals("/page")) {
                resp.setContentType("text/html;charset=utf-8");
                resp.getWriter().write("<!DOCTYPE html><html><head>" + banner.headMarkup(req, visitor, "{\"regime\":\"OPT_IN\"}")
                        + "<title>p</title></head><body>" + banner.scriptTag(req) + "</body></html>");
            } else {
                resp.sendError(404);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler rootContext = new ServletContextHandler("/");
        rootContext.addServlet(new ServletHolder(new BannerServlet(BANNER)), "/*");
        ServletContextHandler shop = new ServletContextHandler("/shop");
        shop.addServlet(new ServletHolder(new BannerServlet(PLAIN)), "/*");
        server.setHandler(new ContextHandlerCollection(shop, rootContext));
        server.start();
        root = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void scriptWhenRequestedThenJavascriptWithEtagNosniffAndRevalidation() throws Exception {
        HttpResponse<byte[]> r = get("/consent/assets/consent.js");
        assertEquals(200, r.statusCode());
        assertEquals("text/javascript;charset=utf-8", header(r, "Content-Type").replace(" ", "").toLowerCase(java.util.Locale.ROOT));
        assertEquals("nosniff", header(r, "X-Content-Type-Options"));
        assertEquals("no-cache", header(r, "Cache-Control"));
        assertTrue(header(r, "ETag").matches("\"[0-9a-f]{12}\""), header(r, "ETag"));
        assertTrue(text(r).contains("data-consent-gated"));
    }

    @Test
    void scriptWhenVersionMatchesThenCachedForAYearImmutable() throws Exception {
        HttpResponse<byte[]> first = get("/consent/assets/consent.js");
        String version = header(first, "ETag").replace("\"", "");
        HttpResponse<byte[]> r = get("/consent/assets/consent.js?v=" + version);
        assertEquals("public, max-age=31536000, immutable", header(r, "Cache-Control"));
        HttpResponse<byte[]> stale = get("/consent/assets/consent.js?v=000000000000");
        assertEquals("no-cache", header(stale, "Cache-Control"));
    }

    @Test
    void cssWhenIfNoneMatchMatchesThen304WithoutBody() throws Exception {
        HttpResponse<byte[]> first = get("/consent/assets/consent.css");
        assertTrue(header(first, "Content-Type").startsWith("text/css"));
        HttpResponse<byte[]> again = get("/consent/assets/consent.css", "If-None-Match", "W/" + header(first, "ETag"));
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(header(first, "ETag"), header(again, "ETag"));
    }

    @Test
    void scriptWhenGzipAcceptedThenGzipBodyWithOwnEtagDecodingToTheSameBytes() throws Exception {
        HttpResponse<byte[]> plain = get("/consent/assets/consent.js");
        HttpResponse<byte[]> gz = get("/consent/assets/consent.js", "Accept-Encoding", "br;q=1, gzip;q=0.8");
        assertEquals("gzip", header(gz, "Content-Encoding"));
        assertTrue(header(gz, "Vary").contains("Accept-Encoding"));
        assertTrue(header(gz, "ETag").endsWith("-gz\""));
        assertTrue(gz.body().length < plain.body().length / 2);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
        HttpResponse<byte[]> refused = get("/consent/assets/consent.js", "Accept-Encoding", "gzip;q=0");
        assertEquals("", header(refused, "Content-Encoding"));
    }

    @Test
    void textsWhenLanguageThenJsonWithTextsLinksAndLocalizedCatalog() throws Exception {
        HttpResponse<byte[]> r = get("/consent/assets/texts/fr.json");
        assertTrue(header(r, "Content-Type").startsWith("application/json"));
        JsonNode doc = org.consent4j.core.internal.json.StrictJson.readTree(r.body());
        assertEquals("fr", doc.get("lang").asText());
        assertEquals("Tout refuser", doc.get("texts").get("rejectAll").asText());
        assertEquals("/consent/cookies", doc.get("links").get("declaration").asText());
        assertEquals("/privacy", doc.get("links").get("privacyPolicy").asText());
        assertFalse(doc.has("categories"), "the catalog is a separate document, fetched only for the second layer");
        assertTrue(doc.get("placeholders").asBoolean(), "click-to-load placeholders on by default");
        assertEquals("Toujours autoriser {service}", doc.get("texts").get("alwaysAllow").asText());
        HttpResponse<byte[]> catalogResponse = get(doc.get("catalog").asText());
        assertEquals("public, max-age=31536000, immutable", header(catalogResponse, "Cache-Control"));
        JsonNode catalog = org.consent4j.core.internal.json.StrictJson.readTree(catalogResponse.body());
        assertEquals("fr", catalog.get("lang").asText());
        assertEquals(CATALOG.categories().size(), catalog.get("categories").size());
        JsonNode marketing = catalog.get("categories").get(3);
        assertEquals("marketing", marketing.get("id").asText());
        JsonNode segmetrics = marketing.get("services").get(1);
        assertEquals("SegMetrics", segmetrics.get("name").asText());
        assertEquals("États-Unis (Standard Contractual Clauses)", segmetrics.get("transfer").asText());
        assertEquals("30 minutes", segmetrics.get("cookies").get(1).get("duration").asText());
        assertEquals("analytics", doc.get("consentMode").get("analytics_storage").get(0).asText());
        assertFalse(org.consent4j.core.internal.json.StrictJson.readTree(get("/shop/consent/assets/texts/fr.json").body()).has("consentMode"),
                "no mapping when Consent Mode is off");
    }

    @Test
    void textsJsonWhenAcceptLanguageGermanThenGermanVaryingOnLanguage() throws Exception {
        HttpResponse<byte[]> r = get("/consent/assets/texts.json", "Accept-Language", "de-AT,de;q=0.9,en;q=0.5");
        assertEquals("de", org.consent4j.core.internal.json.StrictJson.readTree(r.body()).get("lang").asText());
        assertEquals("de", header(r, "Content-Language"));
        assertTrue(header(r, "Vary").contains("Accept-Language"));
        assertEquals("no-cache", header(r, "Cache-Control"));
    }

    @Test
    void textsJsonAndHeadWhenLanguagePickedInSwitcherThenCookieBeatsAcceptLanguageAndResponsesVaryOnCookie() throws Exception {
        HttpResponse<byte[]> r = get("/consent/assets/texts.json", "Accept-Language", "fr", "Cookie", "consent4j_lang=de");
        JsonNode doc = org.consent4j.core.internal.json.StrictJson.readTree(r.body());
        assertEquals("de", doc.get("lang").asText());
        assertEquals("de", header(r, "Content-Language"));
        assertTrue(header(r, "Vary").contains("Accept-Language") && header(r, "Vary").contains("Cookie"), header(r, "Vary"));
        List<String> codes = new java.util.ArrayList<>();
        doc.get("languages").forEach(l -> codes.add(l.get("code").asText()));
        assertTrue(codes.containsAll(List.of("en", "fr", "de", "es", "it", "pt", "pt-BR", "nl", "pl", "sv", "da")), codes::toString);
        assertEquals("Português (Brasil)", doc.get("languages").get(codes.indexOf("pt-BR")).get("name").asText());
        assertEquals("Deutsch", doc.get("languages").get(codes.indexOf("de")).get("name").asText());
        assertEquals("fr", langOf(get("/consent/assets/texts.json", "Accept-Language", "fr",
                "Cookie", "consent4j_lang=xx")), "an unknown pick is ignored");
        assertEquals("fr", langOf(get("/consent/assets/texts.json", "Accept-Language", "fr",
                "Cookie", "other=consent4j_lang")), "only the cookie of that name counts");
        HttpResponse<byte[]> decl = get("/consent/cookies", "Accept-Language", "fr", "Cookie", "consent4j_lang=de");
        assertEquals("de", header(decl, "Content-Language"));
        assertTrue(header(decl, "Vary").contains("Cookie"), header(decl, "Vary"));
        assertEquals("es", Jsoup.parse(text(get("/consent/cookies?lang=es", "Cookie", "consent4j_lang=de")))
                .selectFirst("html").attr("lang"), "the page's own link wins for that page");
        Document page = Jsoup.parse(text(get("/shop/page", "Accept-Language", "fr", "Cookie", "consent4j_lang=de")));
        JsonNode boot = org.consent4j.core.internal.json.StrictJson.readTree(page.getElementById(LoaderMarkup.BOOT_ID).data());
        assertTrue(boot.get("texts").asText().contains("/texts/de.json"), "cached head markup per language: " + boot);
        Document again = Jsoup.parse(text(get("/shop/page", "Accept-Language", "fr")));
        JsonNode bootFr = org.consent4j.core.internal.json.StrictJson.readTree(again.getElementById(LoaderMarkup.BOOT_ID).data());
        assertTrue(bootFr.get("texts").asText().contains("/texts/fr.json"), bootFr.toString());
    }

    /** The {@code lang} of a texts document. */
    private static String langOf(HttpResponse<byte[]> r) throws IOException {
        return org.consent4j.core.internal.json.StrictJson.readTree(r.body()).get("lang").asText();
    }

    @Test
    void cookiesWhenAcceptLanguageSpanishThenSpanishPage() throws Exception {
        HttpResponse<byte[]> r = get("/consent/cookies", "Accept-Language", "es-ES");
        assertEquals(200, r.statusCode());
        assertTrue(header(r, "Content-Type").startsWith("text/html"));
        assertEquals("es", header(r, "Content-Language"));
        Document doc = Jsoup.parse(text(r));
        assertEquals("Declaración de cookies", doc.title());
        assertEquals("/privacy", doc.selectFirst(".c4j-decl-actions a").attr("href"));
        assertTrue(doc.selectFirst("script").attr("src").startsWith("/consent/assets/consent.js?v="));
    }

    @Test
    void cookiesWhenLangParameterThenThatLanguageAndUnknownOnesIgnored() throws Exception {
        assertEquals("de", Jsoup.parse(text(get("/consent/cookies?lang=de", "Accept-Language", "fr"))).selectFirst("html").attr("lang"));
        assertEquals("fr", Jsoup.parse(text(get("/consent/cookies?lang=xx", "Accept-Language", "fr"))).selectFirst("html").attr("lang"));
        assertEquals("en", Jsoup.parse(text(get("/consent/cookies?lang=%3Cscript%3E"))).selectFirst("html").attr("lang"));
    }

    @Test
    void assetWhenPostedThen405WithAllowAndJsonError() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(root + "/consent/assets/consent.js"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD", header(r, "Allow"));
        assertTrue(org.consent4j.core.internal.json.StrictJson.readTree(r.body()).get("error").asText().contains("GET and HEAD"));
    }

    @Test
    void assetWhenUnknownOrTraversingThen404Json() throws Exception {
        for (String path : new String[] {"/consent/assets/nope.js", "/consent/assets/texts/ro.json", "/consent/assets/catalog/xx.json",
                "/consent/assets/texts/..%2F..%2Fconsent.js", "/consent/assets/i18n/en.json", "/consent/assets/Banner.class"}) {
            HttpResponse<byte[]> r = get(path);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " -> " + r.statusCode());
            if (r.statusCode() == 404) {
                assertTrue(org.consent4j.core.internal.json.StrictJson.readTree(r.body()).get("error").asText().contains("unknown banner asset"), path);
            }
        }
    }

    @Test
    void headWhenRequestedThenHeadersWithoutBody() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(root + "/consent/assets/consent.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(0, r.body().length);
        assertFalse(header(r, "ETag").isEmpty());
    }

    @Test
    void consentModeScriptWhenEnabledThenVisitorDefaultsNeverStored() throws Exception {
        HttpResponse<byte[]> fr = get("/consent/assets/consent-mode.js?where=FR", "Accept-Encoding", "gzip");
        assertEquals("private, no-store", header(fr, "Cache-Control"));
        assertEquals("", header(fr, "ETag"));
        assertEquals("", header(fr, "Content-Encoding"));
        assertTrue(text(fr).contains("\"analytics_storage\":\"denied\""), text(fr));
        assertTrue(text(fr).contains("\"wait_for_update\":500"), text(fr));
        String ca = text(get("/consent/assets/consent-mode.js?where=US-CA"));
        assertTrue(ca.contains("\"analytics_storage\":\"granted\"") && !ca.contains("wait_for_update"), ca);
        assertEquals(404, get("/shop/consent/assets/consent-mode.js").statusCode());
    }

    @Test
    void headMarkupWhenUnderContextPathThenEveryUrlUnderIt() throws Exception {
        Document doc = Jsoup.parse(text(get("/shop/page", "Accept-Language", "de")));
        JsonNode boot = org.consent4j.core.internal.json.StrictJson.readTree(doc.getElementById(LoaderMarkup.BOOT_ID).data());
        assertEquals("/shop/consent", boot.get("prefix").asText());
        assertTrue(boot.get("texts").asText().startsWith("/shop/consent/assets/texts/de.json?v="));
        String src = doc.select("head script[src]").attr("src");
        assertTrue(src.startsWith("/shop/consent/assets/consent.js?v="), src);
        assertEquals(src, doc.select("body script").attr("src"));
        HttpResponse<byte[]> texts = get(boot.get("texts").asText());
        assertEquals("public, max-age=31536000, immutable", header(texts, "Cache-Control"));
        assertEquals("/shop/consent/cookies", org.consent4j.core.internal.json.StrictJson.readTree(texts.body()).get("links").get("declaration").asText());
        assertEquals(200, get(boot.get("css").asText()).statusCode());
    }

    @Test
    void createWhenPrefixMalformedOrMappingUnknownCategoryThenRejected() {
        for (String prefix : new String[] {"consent", "/consent/", "/", "/con sent", "/a//b"}) {
            assertThrows(IllegalArgumentException.class, () -> Banner.create(CATALOG, BannerConfig.defaults(), prefix), prefix);
        }
        BannerConfig config = BannerConfig.builder().consentMode(true)
                .consentModeMapping(ConsentModeMapping.builder().map("ad_storage", "ads").build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Banner.create(CATALOG, config, "/consent"));
        assertTrue(e.getMessage().contains("ad_storage -> ads"), e.getMessage());
    }

    @Test
    void handlesWhenPathsThenOnlyAssetsAndDeclaration() {
        assertTrue(BANNER.handles("/consent/cookies"));
        assertTrue(BANNER.handles("/consent/assets/consent.js"));
        assertFalse(BANNER.handles("/consent"));
        assertFalse(BANNER.handles("/consent/cookies/x"));
        assertFalse(BANNER.handles("/consentx/assets/consent.js"));
        assertEquals(Texts.BUNDLED, BANNER.languages());
    }
}
