package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.grantAll;
import static org.consent4j.servlet.TestSetup.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consent4j.servlet.banner.BannerConfig;
import org.consent4j.servlet.csp.CspConfig;
import org.consent4j.servlet.csp.CspMode;
import org.consent4j.servlet.csp.CspNonce;
import org.consent4j.servlet.csp.CspViolation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The consent-derived policy in the filter, over real HTTP, on each container: which responses carry
 * it, under which header, with which nonce; the application's own policy beside it; the report
 * endpoint's answers. The visitor is in France.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CspContract {

    static final String[] FRANCE = {"CF-IPCountry", "FR"};
    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9_-]+)'");

    private final List<CspViolation> violations = new CopyOnWriteArrayList<>();
    private TestContainer reportOnly;
    private ConsentFilter reportOnlyFilter;
    private TestContainer enforce;

    abstract TestContainer start(TestContainer.Registration registration, Map<String, HttpServlet> servlets);

    @BeforeAll
    void startContainers() {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().banner(BannerConfig.builder().consentMode(true).build())
                .csp(CspConfig.builder().listener(violations::add).build()).build());
        reportOnlyFilter = filter;
        reportOnly = start(TestContainer.Registration.of(filter), Map.of("/h/*", new Pages()));
        ConsentFilter strict = new ConsentFilter(TestSetup.config().csp(CspConfig.builder().mode(CspMode.ENFORCE)
                .reportsPerMinute(2).sources("img-src https://images.example-cdn.com").build()).build());
        enforce = start(TestContainer.Registration.of(strict), Map.of("/h/*", new Pages()));
    }

    @AfterAll
    void stopContainers() throws Exception {
        reportOnly.close();
        enforce.close();
    }

    /** HTML with an inline script carrying the request's nonce, or JSON; an own policy when asked. */
    static final class Pages extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String app = req.getParameter("app");
            String when = req.getParameter("when");
            if (req.getRequestURI().endsWith("/json")) {
                resp.setContentType("application/json");
                resp.getWriter().write("{\"ok\":true}");
                return;
            }
            resp.setContentType("text/html;charset=utf-8");
            if (app != null && "before".equals(when)) {
                resp.setHeader("Content-Security-Policy", app);
            }
            if (req.getParameter("reset") != null) {
                // The first bytes reach the gate (which decides and adds the policy) but not the client.
                var stream = resp.getOutputStream();
                stream.write("<!DOCTYPE html><html><head><title>t</title></head><body><p>hello</p>".getBytes(StandardCharsets.UTF_8));
                resp.resetBuffer();
                stream.write(("<!DOCTYPE html><html><head><title>t</title></head><body><p>again</p><script nonce=\""
                        + CspNonce.of(req) + "\">var x=1;</script></body></html>").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (app != null && "after".equals(when)) {
                // The first bytes reach the gate, which adds the consent policy; then the application sets its own.
                var stream = resp.getOutputStream();
                stream.write("<!DOCTYPE html><html><head><title>t</title></head><body>".getBytes(StandardCharsets.UTF_8));
                resp.setHeader("Content-Security-Policy", app);
                stream.write("<p>hello</p></body></html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            var out = resp.getWriter();
            // Templates ask for the nonce while they render, before the body reaches the gate.
            out.write("<!DOCTYPE html><html><head><title>t</title></head><body><p>hello</p>");
            out.write("<script nonce=\"" + CspNonce.of(req) + "\">var x=1;</script></body></html>");
        }
    }

    private static HttpResponse<String> get(TestContainer c, String path, String... headers) {
        String[] all = new String[FRANCE.length + headers.length];
        System.arraycopy(FRANCE, 0, all, 0, FRANCE.length);
        System.arraycopy(headers, 0, all, FRANCE.length, headers.length);
        return TestSetup.get(c.uri(path), all);
    }

    private static String nonceOf(String policy) {
        Matcher m = NONCE.matcher(policy);
        assertTrue(m.find(), policy);
        return m.group(1);
    }

    @Test
    void htmlPage_reportOnlyByDefault_nonceSharedWithTheBannerAndThePage() {
        HttpResponse<String> r = get(reportOnly, "/h/page");
        assertEquals(200, r.statusCode());
        List<String> policies = r.headers().allValues("Content-Security-Policy-Report-Only");
        assertEquals(1, policies.size(), r.headers().map().toString());
        assertTrue(r.headers().allValues("Content-Security-Policy").isEmpty());
        String nonce = nonceOf(policies.get(0));
        String body = r.body();
        // The banner's inline Consent Mode default, its script tag and the page's own script carry it.
        assertTrue(body.contains("<script nonce=\"" + nonce + "\">window.dataLayer"), body);
        assertTrue(body.contains("defer=\"\" nonce=\"" + nonce + "\""), body);
        assertTrue(body.contains("<script nonce=\"" + nonce + "\">var x=1;"), body);
        assertTrue(body.contains("\"csp\":{\"mode\":\"report-only\",\"key\":\""), body);
        assertTrue(policies.get(0).contains("report-uri /consent/csp-report"), policies.get(0));
        // Plain HTTP: browsers use the Reporting API only on secure pages, so report-uri alone.
        assertFalse(policies.get(0).contains("report-to"), policies.get(0));
        assertTrue(r.headers().allValues("Reporting-Endpoints").isEmpty());
        String vary = String.join(",", r.headers().allValues("Vary"));
        assertTrue(vary.contains("Cookie") && vary.contains("Sec-GPC"), vary);
    }

    @Test
    void eachResponseHasItsOwnNonce() {
        String a = nonceOf(get(reportOnly, "/h/page").headers().firstValue("Content-Security-Policy-Report-Only").orElseThrow());
        String b = nonceOf(get(reportOnly, "/h/page").headers().firstValue("Content-Security-Policy-Report-Only").orElseThrow());
        assertNotEquals(a, b);
    }

    @Test
    void jsonResponse_noPolicy() {
        HttpResponse<String> r = get(reportOnly, "/h/json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().allValues("Content-Security-Policy-Report-Only").isEmpty());
        assertTrue(r.headers().allValues("Reporting-Endpoints").isEmpty());
    }

    @Test
    void grant_listsTheGrantedHostsAndChangesTheKey() {
        HttpResponse<String> none = get(reportOnly, "/h/page");
        HttpResponse<String> all = get(reportOnly, "/h/page", "Cookie", "consent4j=" + grantAll("FR"));
        String p0 = none.headers().firstValue("Content-Security-Policy-Report-Only").orElseThrow();
        String p1 = all.headers().firstValue("Content-Security-Policy-Report-Only").orElseThrow();
        assertFalse(p0.contains("facebook.com"), p0);
        assertTrue(p1.contains("*.facebook.com") && p1.contains("*.segmetrics.com"), p1);
        HttpResponse<String> state0 = get(reportOnly, "/consent");
        HttpResponse<String> state1 = get(reportOnly, "/consent", "Cookie", "consent4j=" + grantAll("FR"));
        String k0 = state0.body().replaceAll(".*\"csp\":\\{\"mode\":\"report-only\",\"key\":\"([^\"]+)\".*", "$1");
        String k1 = state1.body().replaceAll(".*\"csp\":\\{\"mode\":\"report-only\",\"key\":\"([^\"]+)\".*", "$1");
        assertTrue(k0.length() < 20 && k1.length() < 20, state0.body());
        assertNotEquals(k0, k1);
    }

    @Test
    void enforceMode_sendsTheEnforcingHeaderWithTheSitesSources() {
        HttpResponse<String> r = get(enforce, "/h/page");
        String policy = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(r.headers().allValues("Content-Security-Policy-Report-Only").isEmpty());
        assertTrue(policy.startsWith("script-src 'self' 'nonce-"), policy);
        assertTrue(policy.contains("img-src 'self' data: blob: https://images.example-cdn.com"), policy);
    }

    @Test
    void applicationPolicy_setBeforeOrAfterTheBody_staysBesideOurs() {
        String app = "default-src 'none'; img-src https://app.example";
        for (String when : List.of("before", "after")) {
            HttpResponse<String> r = get(enforce, "/h/page?when=" + when + "&app="
                    + java.net.URLEncoder.encode(app, StandardCharsets.UTF_8));
            List<String> policies = r.headers().allValues("Content-Security-Policy");
            assertEquals(2, policies.size(), when + ": " + policies);
            assertTrue(policies.contains(app), when + ": " + policies);
            assertTrue(policies.stream().anyMatch(p -> p.startsWith("script-src 'self' 'nonce-")), when + ": " + policies);
        }
    }

    @Test
    void resetBuffer_keepsOnePolicyWithTheSameNonce() {
        HttpResponse<String> r = get(enforce, "/h/page?reset=1");
        List<String> policies = r.headers().allValues("Content-Security-Policy");
        assertEquals(1, policies.size(), policies.toString());
        assertTrue(r.body().contains("again") && r.body().contains("nonce=\"" + nonceOf(policies.get(0)) + "\""), r.body());
    }

    /** Posts a report on a connection of its own: a refused body may leave the server closing it. */
    private HttpResponse<String> report(TestContainer c, String type, byte[] body) {
        HttpRequest.Builder b = request(c.uri("/consent/csp-report"));
        if (type != null) {
            b.header("Content-Type", type);
        }
        try {
            return java.net.http.HttpClient.newHttpClient().send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reportEndpoint_takesBothFormats_andTellsTheListener() {
        violations.clear();
        HttpResponse<String> legacy = report(reportOnly, "application/csp-report", """
                {"csp-report":{"document-uri":"http://127.0.0.1/h/page","effective-directive":"script-src-elem",
                "blocked-uri":"https://connect.facebook.net/en_US/fbevents.js","disposition":"report"}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(204, legacy.statusCode(), legacy.body());
        HttpResponse<String> reporting = report(reportOnly, "application/reports+json", """
                [{"type":"csp-violation","url":"http://127.0.0.1/h/page","body":{"blockedURL":"https://pixel.unknown.example/p.gif",
                "effectiveDirective":"img-src","disposition":"enforce","documentURL":"http://127.0.0.1/h/page"}}]"""
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(204, reporting.statusCode(), reporting.body());
        assertEquals(2, violations.size(), violations.toString());
        assertEquals(CspViolation.Kind.SERVICE_NOT_ALLOWED, violations.get(0).kind());
        assertEquals("meta-pixel", violations.get(0).serviceId());
        assertFalse(violations.get(0).enforced());
        assertEquals(CspViolation.Kind.UNKNOWN_HOST, violations.get(1).kind());
        assertEquals("pixel.unknown.example", violations.get(1).host());
        assertTrue(violations.get(1).enforced());
        // Both reports also reach the site inventory: an unknown host, and a service the site has not declared.
        org.consent4j.core.discovery.DiscoveryReport found = reportOnlyFilter.discovery().report();
        assertTrue(found.of(org.consent4j.core.discovery.Sighting.Kind.UNKNOWN_HOST).stream()
                .anyMatch(x -> x.subject().equals("pixel.unknown.example")), found.toString());
    }

    @Test
    void reportEndpoint_refusesWhatItCannotTake_neverWith500() {
        assertEquals(400, report(reportOnly, "application/csp-report", "{not json".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(400, report(reportOnly, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(415, report(reportOnly, "text/plain", "x".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(415, report(reportOnly, null, "x".getBytes(StandardCharsets.UTF_8)).statusCode());
        byte[] big = ("{\"csp-report\":{\"blocked-uri\":\"https://a.example/" + "x".repeat(20_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(413, report(reportOnly, "application/csp-report", big).statusCode());
        HttpResponse<String> getIt = get(reportOnly, "/consent/csp-report");
        assertEquals(405, getIt.statusCode());
        assertEquals("POST", getIt.headers().firstValue("Allow").orElseThrow());
        byte[] deep = "[".repeat(5000).getBytes(StandardCharsets.UTF_8);
        assertEquals(400, report(reportOnly, "application/reports+json", deep).statusCode());
    }

    @Test
    void reportEndpoint_rateLimited() {
        byte[] body = "{\"csp-report\":{\"blocked-uri\":\"inline\"}}".getBytes(StandardCharsets.UTF_8);
        int limited = 0;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = report(enforce, "application/csp-report", body);
            assertTrue(r.statusCode() == 204 || r.statusCode() == 429, r.statusCode() + " " + r.body());
            if (r.statusCode() == 429) {
                limited++;
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
            }
        }
        assertTrue(limited >= 2, "at most 2 a minute: " + limited + " of 4 limited");
    }
}
