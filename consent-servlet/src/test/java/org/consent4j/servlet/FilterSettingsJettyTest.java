package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.consentCookieSet;
import static org.consent4j.servlet.TestSetup.cookieNamesSet;
import static org.consent4j.servlet.TestSetup.get;
import static org.consent4j.servlet.TestSetup.request;
import static org.consent4j.servlet.TestSetup.send;
import static org.consent4j.servlet.TestSetup.setCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter configured the web.xml way (init-parameters, a JSON file, context attributes) on Jetty 12. */
final class FilterSettingsJettyTest {

    private static TestContainer startWith(Map<String, String> initParameters, ConsentFilter filter) {
        Map<String, Object> attributes = Map.of(ConsentFilter.ENGINE_ATTRIBUTE, TestSetup.ENGINE,
                ConsentFilter.SINK_ATTRIBUTE, new RecordingSink());
        return TestContainer.jetty(new TestContainer.Registration(filter, initParameters, attributes,
                EnumSet.of(DispatcherType.REQUEST)), Map.of("/s/*", new ScenarioServlet()));
    }

    @Test
    void initParametersWhenGivenThenPrefixCookieJurisdictionPoliciesApplied() throws Exception {
        ConsentFilter filter = new ConsentFilter();
        try (TestContainer c = startWith(Map.of("prefix", "/privacy", "cookie-name", "choice", "jurisdiction", "fixed:DE",
                "keys", TestSetup.KEYS.format(), "cookie-secure", "false", "unknown-cookies", "allow", "cache", "private",
                "necessary-cookies", "XSRF-TOKEN, csrf"), filter)) {
            HttpResponse<String> state = get(c.uri("/privacy"));
            assertEquals(200, state.statusCode());
            assertTrue(state.body().contains("\"jurisdiction\":\"DE\""), state.body());
            assertEquals(404, get(c.uri("/consent")).statusCode());

            HttpResponse<String> post = send(request(c.uri("/privacy"), "X-Consent4j", "1", "Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"accept\":\"none\"}")).build());
            assertEquals(200, post.statusCode(), post.body());
            assertTrue(setCookies(post).stream().anyMatch(v -> v.startsWith("choice=2~t1~")), setCookies(post)::toString);

            HttpResponse<String> app = get(c.uri("/s/add-cookie?c=mystery&c=XSRF-TOKEN&c=_ga"));
            assertEquals(List.of("mystery", "XSRF-TOKEN"), cookieNamesSet(app));
            assertEquals("private", app.headers().firstValue("cache-control").orElse(""));
            assertFalse(filter.unknownCookies().snapshot().get(0).blocked());
            assertEquals("mystery", filter.unknownCookies().snapshot().get(0).name());

            HttpResponse<String> cached = get(c.uri("/s/cache-public?c=XSRF-TOKEN"));
            assertEquals("max-age=600, private", cached.headers().firstValue("cache-control").orElse(""));
            assertEquals(List.of(), cached.headers().allValues("vary"));
        }
    }

    @Test
    void configFileWhenGivenThenSettingsReadAndInitParametersWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("consent.json");
        Files.writeString(file, """
                {"prefix": "/c", "jurisdiction": "cloudfront | fixed:US-CA", "expire-domains": ["example.com"],
                 "keys": "%s", "cookie-secure": false, "max-body": 1024}
                """.formatted(TestSetup.KEYS.format()));
        ConsentFilter filter = new ConsentFilter();
        try (TestContainer c = startWith(Map.of(ConsentFilter.CONFIG_FILE_PARAM, file.toString(), "max-body", "2048"), filter)) {
            assertTrue(get(c.uri("/c")).body().contains("\"jurisdiction\":\"US-CA\""));
            assertTrue(get(c.uri("/c"), "CloudFront-Viewer-Country", "FR").body().contains("\"jurisdiction\":\"FR\""));
            assertEquals(2048, filter.config().maxBody());
            HttpResponse<String> r = get(c.uri("/s/plain"), "Sec-GPC", "1", "Cookie", "_fbp=fb.1.2");
            List<String> expiries = setCookies(r);
            assertEquals(2, expiries.size(), expiries::toString);
            assertTrue(expiries.stream().anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("domain=example.com")), expiries::toString);
        }
    }

    @Test
    void jurisdictionWhenEachCdnSendsItsHeadersThenResolved() throws Exception {
        ConsentFilter filter = new ConsentFilter();
        try (TestContainer c = startWith(Map.of("jurisdiction", "cloudfront | vercel | appengine | cloudflare",
                "keys", TestSetup.KEYS.format()), filter)) {
            assertTrue(get(c.uri("/consent"), "CloudFront-Viewer-Country", "US", "CloudFront-Viewer-Country-Region", "TX")
                    .body().contains("\"jurisdiction\":\"US-TX\""));
            assertTrue(get(c.uri("/consent"), "X-Vercel-IP-Country", "US", "X-Vercel-IP-Country-Region", "CA")
                    .body().contains("\"jurisdiction\":\"US-CA\""));
            assertTrue(get(c.uri("/consent"), "X-AppEngine-Country", "US", "X-AppEngine-Region", "ca")
                    .body().contains("\"jurisdiction\":\"US-CA\""));
            assertTrue(get(c.uri("/consent"), "X-AppEngine-Country", "ZZ", "CF-IPCountry", "DE")
                    .body().contains("\"jurisdiction\":\"DE\""));
            assertEquals(List.of("CloudFront-Viewer-Country", "CloudFront-Viewer-Country-Region", "X-Vercel-IP-Country",
                    "X-Vercel-IP-Country-Region", "X-AppEngine-Country", "X-AppEngine-Region", "CF-IPCountry", "cf-region-code"),
                    filter.config().jurisdictionResolver().headers());
            HttpResponse<String> r = get(c.uri("/s/add-cookie?c=JSESSIONID"));
            assertTrue(SetCookieGateContract.varyTokens(r).contains("x-appengine-region"), r.headers().allValues("vary")::toString);
        }
    }

    @Test
    void generatedKeyWhenNoneConfiguredThenChoicesWorkWithinTheInstance() {
        ConsentFilter filter = new ConsentFilter();
        try (TestContainer c = startWith(Map.of("cookie-secure", "false", "jurisdiction", "fixed:FR"), filter)) {
            HttpResponse<String> post = send(request(c.uri("/consent"), "X-Consent4j", "1", "Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"accept\":\"all\"}")).build());
            String cookie = consentCookieSet(post).orElseThrow();
            assertTrue(cookie.startsWith("2~gen~"), cookie); // version 2: the choice carries per-category revisions
            assertTrue(get(c.uri("/consent"), "Cookie", "consent4j=" + cookie).body().contains("\"needsPrompt\":false"));
            assertFalse(TestSetup.CODEC.decode(cookie).isPresent(), "another key set must not accept it");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void cookieCustomizerWhenGivenThenAppliedToTheConsentCookie() throws Exception {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().cookieDomain("127.0.0.1.nip.test")
                .cookieCustomizer(c -> c.setAttribute("Priority", "High")).build());
        try (TestContainer c = TestContainer.jetty(TestContainer.Registration.of(filter), Map.of())) {
            HttpResponse<String> post = send(request(c.uri("/consent"), "X-Consent4j", "1", "Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"accept\":\"all\"}")).build());
            String header = setCookies(post).get(0);
            assertTrue(header.contains("Priority=High") && header.contains("Domain=127.0.0.1.nip.test"), header);
        }
    }

    @Test
    void initWhenSettingUnknownThenServletExceptionNamingIt() {
        ServletException e = assertThrows(ServletException.class,
                () -> new ConsentFilter().init(new Config(Map.of("cookie-nmae", "x"), Map.of(ConsentFilter.ENGINE_ATTRIBUTE, TestSetup.ENGINE))));
        assertTrue(e.getMessage().contains("unknown consent filter setting(s) [cookie-nmae]"), e.getMessage());
    }

    @Test
    void initWhenSettingValueBadThenServletExceptionNamingSettingAndValue() {
        ServletException e = assertThrows(ServletException.class,
                () -> new ConsentFilter().init(new Config(Map.of("unknown-cookies", "maybe"), Map.of(ConsentFilter.ENGINE_ATTRIBUTE, TestSetup.ENGINE))));
        assertTrue(e.getMessage().contains("'unknown-cookies'") && e.getMessage().contains("'maybe' is not block or allow"), e.getMessage());
    }

    @Test
    void initWhenNoEngineThenBundledDefaultsAndAWrongAttributeIsRefused(@TempDir Path dir) throws Exception {
        ConsentFilter filter = new ConsentFilter();
        filter.init(new Config(Map.of("jurisdiction", "fixed:US-CA"), Map.of()));
        assertEquals(org.consent4j.core.catalog.Catalogs.bundled().revision(), filter.config().engine().catalog().revision());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"version\": 1, \"services\": [{\"id\": \"x\", \"category\": \"nope\"}]}");
        ServletException bad = assertThrows(ServletException.class,
                () -> new ConsentFilter().init(new Config(Map.of("catalog", broken.toString()), Map.of())));
        assertTrue(bad.getMessage().contains("misconfigured") && bad.getMessage().contains("broken.json"), bad.getMessage());
        ServletException wrongType = assertThrows(ServletException.class,
                () -> new ConsentFilter().init(new Config(Map.of(), Map.of(ConsentFilter.ENGINE_ATTRIBUTE, "engine"))));
        assertTrue(wrongType.getMessage().contains("not a ConsentEngine"), wrongType.getMessage());
    }

    @Test
    void statsWhenNotStartedThenClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ConsentFilter().stats());
        assertTrue(e.getMessage().contains("not started"), e.getMessage());
    }

    /** A filter configuration as a container would pass it, over a real servlet context of Jetty's. */
    private record Config(Map<String, String> parameters, Map<String, Object> attributes) implements FilterConfig {
        @Override
        public String getFilterName() {
            return "consent";
        }

        @Override
        public ServletContext getServletContext() {
            org.eclipse.jetty.ee10.servlet.ServletContextHandler handler = new org.eclipse.jetty.ee10.servlet.ServletContextHandler();
            ServletContext context = handler.getServletContext();
            attributes.forEach(context::setAttribute);
            return context;
        }

        @Override
        public String getInitParameter(String name) {
            return parameters.get(name);
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }
}
