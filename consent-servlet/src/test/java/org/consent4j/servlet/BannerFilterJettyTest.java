package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.get;
import static org.consent4j.servlet.TestSetup.grantAll;
import static org.consent4j.servlet.TestSetup.request;
import static org.consent4j.servlet.TestSetup.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consent4j.servlet.banner.BannerConfig;
import org.consent4j.servlet.banner.ConsentModeMapping;
import org.junit.jupiter.api.Test;

/** The banner wired into the filter on Jetty 12: assets and declaration, settings, and the head markup. */
final class BannerFilterJettyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BOOT = Pattern.compile("<script type=\"application/json\" id=\"consent4j-boot\">(.*?)</script>");

    /** An HTML page written through the writer, and a JSON document. */
    static final class Pages extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getRequestURI().endsWith(".json")) {
                resp.setContentType("application/json");
                resp.getWriter().write("{\"head\":\"<head>\"}");
                return;
            }
            resp.setContentType("text/html;charset=utf-8");
            resp.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><title>Shop</title></head><body><p>Hi</p></body></html>");
        }
    }

    private static TestContainer start(ConsentFilter filter) {
        return TestContainer.jetty(TestContainer.Registration.of(filter), Map.of("/p/*", new Pages()));
    }

    private static JsonNode boot(String html) throws IOException {
        Matcher m = BOOT.matcher(html);
        assertTrue(m.find(), "boot block in " + html);
        // ScriptJson escapes '<', '>' and '&' as JSON \\u escapes, which the JSON reader turns back.
        return JSON.readTree(m.group(1));
    }

    @Test
    void portugueseWhenVisitorInBrazilThenBrazilianUnlessEuropeanAskedOrPicked() throws Exception {
        try (TestContainer c = start(new ConsentFilter(TestSetup.config().build()))) {
            HttpResponse<String> br = get(c.uri("/consent/assets/texts.json"), "Accept-Language", "pt", "CF-IPCountry", "BR");
            assertEquals("pt-BR", lang(br));
            assertTrue(br.headers().allValues("vary").toString().toLowerCase(java.util.Locale.ROOT).contains("cf-ipcountry"),
                    "the language depends on the location: " + br.headers().allValues("vary"));
            assertEquals("pt", lang(get(c.uri("/consent/assets/texts.json"), "Accept-Language", "pt", "CF-IPCountry", "PT")));
            assertEquals("pt", lang(get(c.uri("/consent/assets/texts.json"), "Accept-Language", "pt-PT,pt;q=0.9",
                    "CF-IPCountry", "BR")));
            assertEquals("pt-BR", lang(get(c.uri("/consent/assets/texts.json"), "Accept-Language", "pt-BR", "CF-IPCountry", "PT")));
            assertEquals("pt", lang(get(c.uri("/consent/assets/texts.json"), "Accept-Language", "pt", "CF-IPCountry", "BR",
                    "Cookie", "consent4j_lang=pt")), "the switcher's pick wins");
            HttpResponse<String> page = get(c.uri("/p/home"), "Accept-Language", "pt", "CF-IPCountry", "BR");
            assertTrue(boot(page.body()).get("texts").asText().contains("/texts/pt-BR.json"), page.body());
            HttpResponse<String> decl = get(c.uri("/consent/cookies"), "Accept-Language", "pt", "CF-IPCountry", "BR");
            assertEquals("pt-BR", decl.headers().firstValue("content-language").orElse(""));
            assertTrue(decl.body().contains("Consentimento (LGPD, art. 7º, I)"), "Brazilian legal bases cite the LGPD");
            HttpResponse<String> declPt = get(c.uri("/consent/cookies?lang=pt"));
            assertTrue(declPt.body().contains("Consentimento (RGPD, art. 6.º, n.º 1, al. a))"), "European ones the RGPD");
        }
    }

    private static String lang(HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("lang").asText();
    }

    @Test
    void assetsAndDeclarationWhenBannerOnThenServedByTheFilter() throws Exception {
        try (TestContainer c = start(new ConsentFilter(TestSetup.config().build()))) {
            HttpResponse<String> js = get(c.uri("/consent/assets/consent.js"));
            assertEquals(200, js.statusCode());
            assertTrue(js.headers().firstValue("content-type").orElse("").startsWith("text/javascript"), js.headers().toString());
            assertTrue(js.body().contains("consent4j"), "the banner script");
            HttpResponse<String> decl = get(c.uri("/consent/cookies"), "Accept-Language", "de-DE,de;q=0.9");
            assertEquals(200, decl.statusCode());
            assertEquals("de", decl.headers().firstValue("content-language").orElse(""));
            assertTrue(decl.body().contains("Google Analytics 4"), "the catalog's services are declared");
            assertEquals(405, send(request(c.uri("/consent/cookies"), "X-Consent4j", "1")
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
            HttpResponse<String> unknown = get(c.uri("/consent/assets/banner.js"));
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("unknown banner asset"), unknown.body());
            assertEquals(404, get(c.uri("/consent/assets/consent-mode.js")).statusCode(), "Consent Mode is off by default");
            assertEquals(200, get(c.uri("/consent")).statusCode(), "the endpoint itself is still the filter's");
        }
    }

    @Test
    void bannerWhenOffThenPathsUnderThePrefixReachTheApplicationAndNoMarkup() throws Exception {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().banner(false).build());
        assertTrue(filter.config().banner().isEmpty());
        try (TestContainer c = start(filter)) {
            HttpResponse<String> js = get(c.uri("/consent/assets/consent.js"));
            assertEquals(404, js.statusCode());
            assertFalse(js.headers().firstValue("content-type").orElse("").contains("javascript"));
            assertEquals(404, get(c.uri("/consent/cookies")).statusCode());
            String page = get(c.uri("/p/page")).body();
            assertTrue(page.startsWith("<!DOCTYPE html><html lang=\"en\"><head><title>"), page);
        }
    }

    @Test
    void headMarkupWhenHtmlPageThenLoaderAndExactlyTheEndpointsState() throws Exception {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().build());
        try (TestContainer c = start(filter)) {
            String[] visitor = {"CF-IPCountry", "FR", "Accept-Language", "fr", "Cookie", "consent4j=" + grantAll("FR")};
            HttpResponse<String> page = get(c.uri("/p/page"), visitor);
            assertEquals(200, page.statusCode());
            String html = page.body();
            assertTrue(html.startsWith("<!DOCTYPE html><html lang=\"en\"><head><script type=\"application/json\" id=\"consent4j-boot\">"),
                    html);
            assertTrue(html.contains("<script src=\"/consent/assets/consent.js?v="), html);
            assertFalse(html.contains("gtag('consent'"), "no Consent Mode script while it is off");
            JsonNode boot = boot(html);
            String markup = html.substring(html.indexOf("<head>") + 6, html.indexOf("<title>"));
            assertTrue(markup.chars().allMatch(ch -> ch < 0x80), "ASCII, for pages in any charset: " + markup);
            assertEquals("fr", boot.get("lang").asText());
            assertEquals("/consent", boot.get("prefix").asText());
            HttpResponse<String> state = get(c.uri("/consent"), visitor);
            assertFirstPaintOf(JSON.readTree(state.body()), boot.get("state"));
            assertEquals("ACCEPT_ALL", boot.get("state").get("choice").get("method").asText());
            assertFalse(boot.get("state").has("subject"), "nothing that names the visitor: the markup is shared");
            assertTrue(page.headers().firstValue("vary").orElse("").contains("Cookie"), "the page depends on the visitor");

            HttpResponse<String> first = get(c.uri("/p/page"), "CF-IPCountry", "US", "CF-Region-Code", "CA", "Sec-GPC", "1");
            JsonNode s = boot(first.body()).get("state");
            JsonNode full = JSON.readTree(get(c.uri("/consent"), "CF-IPCountry", "US", "CF-Region-Code", "CA", "Sec-GPC", "1").body());
            assertFirstPaintOf(full, s);
            assertEquals("OPT_OUT", s.get("regime").asText());
            assertTrue(s.get("gpc").asBoolean());
            assertEquals("{\"head\":\"<head>\"}", get(c.uri("/p/data.json")).body(), "JSON is left alone");
        }
    }

    /**
     * The page's inline state is GET /consent's, cut to the first paint: the same regime, GPC, prompt,
     * choice kind and category decisions, and exactly the services whose decision differs from their
     * category's.
     */
    private static void assertFirstPaintOf(JsonNode full, JsonNode inline) {
        for (String field : new String[] {"regime", "gpc", "gpcHonoured", "needsPrompt", "revision", "categories"}) {
            assertEquals(full.get(field), inline.get(field), field);
        }
        assertEquals(full.get("choice").isNull(), inline.get("choice").isNull());
        if (!full.get("choice").isNull()) {
            assertEquals(full.get("choice").get("method"), inline.get("choice").get("method"));
        }
        assertTrue(inline.get("partial").asBoolean());
        Map<String, String> categoryDecision = new java.util.HashMap<>();
        full.get("categories").forEach(cat -> categoryDecision.put(cat.get("id").asText(), cat.get("decision").asText()));
        java.util.List<JsonNode> differing = new java.util.ArrayList<>();
        full.get("services").forEach(svc -> {
            if (!svc.get("decision").asText().equals(categoryDecision.get(svc.get("category").asText()))) {
                differing.add(svc);
            }
        });
        java.util.List<JsonNode> listed = new java.util.ArrayList<>();
        inline.get("services").forEach(listed::add);
        assertEquals(differing, listed, "the services listed are those that differ from their category");
    }

    @Test
    void headMarkupWhenInjectionOffThenEmpty() throws Exception {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().banner(BannerConfig.builder().autoInject(false).build())
                .build());
        try (TestContainer c = start(filter)) {
            assertEquals("<!DOCTYPE html><html lang=\"en\"><head><title>Shop</title></head><body><p>Hi</p></body></html>",
                    get(c.uri("/p/page")).body());
            assertEquals(200, get(c.uri("/consent/assets/consent.js")).statusCode(), "the assets are still served");
        }
    }

    @Test
    void initParametersWhenBannerSettingsGivenThenAppliedToTheBanner() throws Exception {
        Map<String, Object> attributes = Map.of(ConsentFilter.ENGINE_ATTRIBUTE, TestSetup.ENGINE);
        ConsentFilter filter = new ConsentFilter();
        Map<String, String> params = Map.of("keys", TestSetup.KEYS.format(), "jurisdiction", "cloudflare", "consent-mode", "true",
                "consent-mode-wait-for-update", "800", "privacy-policy-url", "/privacy", "banner-language", "es");
        try (TestContainer c = TestContainer.jetty(new TestContainer.Registration(filter, params, attributes,
                EnumSet.of(DispatcherType.REQUEST)), Map.of("/p/*", new Pages()))) {
            BannerConfig banner = filter.config().banner().orElseThrow();
            assertTrue(banner.consentMode());
            assertEquals(Duration.ofMillis(800), banner.consentModeWaitForUpdate());
            assertEquals("es", banner.defaultLanguage());
            HttpResponse<String> texts = get(c.uri("/consent/assets/texts.json"), "Accept-Language", "ro");
            assertEquals("es", texts.headers().firstValue("content-language").orElse(""));
            assertEquals("/privacy", JSON.readTree(texts.body()).get("links").get("privacyPolicy").asText());
            HttpResponse<String> cm = get(c.uri("/consent/assets/consent-mode.js"), "CF-IPCountry", "FR");
            assertEquals(200, cm.statusCode());
            assertTrue(cm.body().contains("\"analytics_storage\":\"denied\"") && cm.body().contains("\"wait_for_update\":800"), cm.body());
        }
    }

    @Test
    void settingsWhenBannerPlaceholdersFalseThenOffInTheBannerAndItsTextsDocument() throws Exception {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().settings(Map.of("banner-placeholders", "false")).build());
        assertFalse(filter.config().banner().orElseThrow().placeholders());
        try (TestContainer c = TestContainer.jetty(TestContainer.Registration.of(filter), Map.of("/p/*", new Pages()))) {
            HttpResponse<String> texts = get(c.uri("/consent/assets/texts.json"), "Accept-Language", "fr");
            assertFalse(JSON.readTree(texts.body()).get("placeholders").asBoolean(true), texts.body());
        }
        assertThrows(IllegalArgumentException.class,
                () -> ConsentFilterConfig.builder().settings(Map.of("banner-placeholders", "maybe")));
    }

    @Test
    void settingsWhenBannerValuesBadThenMessageNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsentFilterConfig.builder().settings(Map.of("privacy-policy-url", "javascript:alert(1)")));
        assertTrue(e.getMessage().startsWith("consent filter setting 'privacy-policy-url': "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConsentFilterConfig.builder().settings(Map.of("consent-mode-wait-for-update", "90000")));
        assertTrue(e.getMessage().contains("'consent-mode-wait-for-update'") && e.getMessage().contains("1 minute"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConsentFilterConfig.builder().settings(Map.of("banner-language", "French")));
        assertTrue(e.getMessage().contains("'banner-language'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TestSetup.config().settings(Map.of("banner-language", "ro")).build());
        assertTrue(e.getMessage().contains("'ro' has no texts"), e.getMessage());
    }

    @Test
    void settingsWhenGivenAfterABannerConfigThenOverrideItOneByOne() {
        ConsentFilterConfig config = TestSetup.config()
                .banner(BannerConfig.builder().privacyPolicyUrl("/privacy").defaultLanguage("de").consentMode(true).build())
                .settings(Map.of("consent-mode", "false", "banner-inject", "false"))
                .build();
        BannerConfig banner = config.banner().orElseThrow();
        assertEquals("/privacy", banner.privacyPolicyUrl());
        assertEquals("de", banner.defaultLanguage());
        assertFalse(banner.consentMode());
        assertFalse(banner.autoInject());
        assertTrue(TestSetup.config().build().banner().orElseThrow().autoInject(), "on, injecting, by default");
        assertTrue(config.banner().orElseThrow().placeholders(), "placeholders on by default");
        assertTrue(TestSetup.config().settings(Map.of("banner", "false")).build().banner().isEmpty());
    }

    @Test
    void consentModeMappingWhenCategoryUnknownThenFilterRefusesToStart() {
        BannerConfig bad = BannerConfig.builder().consentMode(true)
                .consentModeMapping(ConsentModeMapping.builder().map("ad_storage", "advertising").build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConsentFilter(TestSetup.config().banner(bad).build()));
        assertTrue(e.getMessage().contains("ad_storage -> advertising"), e.getMessage());
    }
}
