package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.cookieNamesExpired;
import static org.consent4j.servlet.TestSetup.cookieNamesSet;
import static org.consent4j.servlet.TestSetup.get;
import static org.consent4j.servlet.TestSetup.grantAll;
import static org.consent4j.servlet.TestSetup.setCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Set-Cookie gate over real HTTP, run on each container. The visitor is in France (opt-in) unless
 * a test sends a consent cookie: Google Analytics, SegMetrics and the language preference are refused,
 * the container session (necessary) is allowed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SetCookieGateContract {

    private static final String[] FRANCE = {"CF-IPCountry", "FR"};

    private TestContainer container;
    private ConsentFilter filter;

    abstract TestContainer start(TestContainer.Registration registration, Map<String, jakarta.servlet.http.HttpServlet> servlets);

    @BeforeAll
    void startContainer() {
        filter = new ConsentFilter(TestSetup.config().build());
        container = start(TestContainer.Registration.of(filter), Map.of("/s/*", new ScenarioServlet()));
    }

    @AfterAll
    void stopContainer() throws Exception {
        container.close();
    }

    private HttpResponse<String> fromFrance(String path, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(FRANCE, 0, all, 0, 2);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return get(container.uri(path), all);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void addCookieWhenServiceNotAllowedThenDroppedAndNecessaryPasses() {
        HttpResponse<String> r = fromFrance("/s/add-cookie?c=_ga&c=JSESSIONID&c=sm_uid&c=lang&c=_ga_ABC123");
        assertEquals(200, r.statusCode());
        assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
    }

    @Test
    void addCookieWhenVisitorGrantedAllThenEveryKnownCookiePasses() {
        HttpResponse<String> r = fromFrance("/s/add-cookie?c=_ga&c=JSESSIONID&c=sm_uid&c=lang",
                "Cookie", "consent4j=" + grantAll("FR"));
        assertEquals(List.of("_ga", "JSESSIONID", "sm_uid", "lang"), cookieNamesSet(r));
    }

    @Test
    void addHeaderWhenAnySpellingOfSetCookieThenGated() {
        for (String spelling : List.of("Set-Cookie", "set-cookie", "SET-COOKIE", "sEt-CoOkIe")) {
            HttpResponse<String> r = fromFrance("/s/add-header?h=" + spelling + "&v=" + q("_ga=GA1.2.3; Path=/")
                    + "&v=" + q("JSESSIONID=abc; Path=/"));
            assertEquals(List.of("JSESSIONID"), cookieNamesSet(r), spelling);
        }
    }

    @Test
    void addHeaderWhenAllowedThenValuePassesUnchanged() {
        String value = "JSESSIONID=abc123; Path=/app; Max-Age=3600; HttpOnly; SameSite=Strict";
        HttpResponse<String> r = fromFrance("/s/add-header?v=" + q(value));
        assertEquals(List.of(value), setCookies(r));
    }

    @Test
    void addHeaderWhenValueCarriesAttributesThenJudgedByName() {
        HttpResponse<String> r = fromFrance("/s/add-header?v="
                + q("_ga=GA1.2.3; Domain=example.com; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Secure")
                + "&v=" + q("sm_sid=1; Max-Age=1800") + "&v=" + q("JSESSIONID=x; Expires=Wed, 21 Oct 2037 07:28:00 GMT"));
        assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
    }

    @Test
    void addHeaderWhenRefusedCookieFoldedAfterCommaThenDropped() {
        HttpResponse<String> r = fromFrance("/s/add-header?v=" + q("JSESSIONID=x, _ga=y; Path=/"));
        assertEquals(List.of(), setCookies(r));
    }

    @Test
    void addHeaderWhenItDeletesARefusedCookieThenPasses() {
        String value = "_ga=; Max-Age=0; Path=/";
        HttpResponse<String> r = fromFrance("/s/add-header?v=" + q(value));
        assertEquals(List.of(value), setCookies(r));
    }

    @Test
    void addHeaderWhenUnparseableThenBlockedAndInventoried() {
        HttpResponse<String> r = fromFrance("/s/add-header?v=" + q("no-equals-sign-here"));
        assertEquals(List.of(), setCookies(r));
        assertTrue(filter.unknownCookies().snapshot().stream()
                .anyMatch(u -> u.name().equals(CookieInventory.UNPARSEABLE) && u.blocked()));
    }

    @Test
    void addCookieWhenUnknownAndPolicyBlockThenDroppedAndInventoried() {
        HttpResponse<String> r = fromFrance("/s/add-cookie?c=mystery_cookie&c=JSESSIONID",
                "Cookie", "consent4j=" + grantAll("FR"));
        assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
        UnknownCookie seen = filter.unknownCookies().snapshot().stream()
                .filter(u -> u.name().equals("mystery_cookie")).findFirst().orElseThrow();
        assertTrue(seen.blocked());
        assertTrue(seen.count() >= 1);
        assertEquals("/s/add-cookie", seen.firstPath());
    }

    @Test
    void setHeaderWhenNullThenApplicationCookiesRemovedAndOwnExpiriesKept() {
        HttpResponse<String> r = fromFrance("/s/set-header?c=JSESSIONID", "Cookie", "_ga=GA1.old");
        assertEquals(List.of(), cookieNamesSet(r));
        assertEquals(List.of("_ga"), cookieNamesExpired(r));
    }

    @Test
    void setHeaderWhenValueRefusedThenDroppedAndEarlierCookiesReplaced() {
        HttpResponse<String> r = fromFrance("/s/set-header?c=JSESSIONID&h=set-cookie&v=" + q("_ga=1; Path=/"),
                "Cookie", "_ga=GA1.old");
        assertEquals(List.of(), cookieNamesSet(r));
        assertEquals(List.of("_ga"), cookieNamesExpired(r));
    }

    @Test
    void setHeaderWhenValueAllowedThenItReplacesEarlierCookies() {
        HttpResponse<String> r = fromFrance("/s/set-header?c=JSESSIONID&v=" + q("JSESSIONID=new; Path=/"));
        assertEquals(List.of("JSESSIONID=new; Path=/"), setCookies(r));
    }

    @Test
    void intAndDateHeadersNamedSetCookieThenBlockedAsUnparseable() {
        HttpResponse<String> r = fromFrance("/s/int-header");
        assertEquals(200, r.statusCode());
        assertEquals(List.of(), setCookies(r));
    }

    @Test
    void resetWhenCalledThenOwnCookiesRestoredAndLaterCookiesGated() {
        HttpResponse<String> r = fromFrance("/s/reset?c=_ga&c=JSESSIONID", "Cookie", "sm_uid=old");
        assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
        assertTrue(setCookies(r).stream().anyMatch(v -> v.startsWith("JSESSIONID=after-reset")), setCookies(r)::toString);
        assertEquals(List.of("sm_uid"), cookieNamesExpired(r));
        assertTrue(r.headers().firstValue("X-Before").isEmpty());
        assertTrue(varyTokens(r).contains("cookie"), r.headers().map()::toString);
    }

    @Test
    void commitEarlyWhenCookiesComeAfterCommitThenNoRefusedCookieAppears() {
        HttpResponse<String> r = fromFrance("/s/commit-early?c=_ga&c=JSESSIONID");
        assertEquals(200, r.statusCode());
        assertEquals("early body", r.body());
        assertFalse(cookieNamesSet(r).contains("_ga"), setCookies(r)::toString);
    }

    @Test
    void sendRedirectWhenRefusedCookieSetBeforeThenDropped() {
        HttpResponse<String> r = fromFrance("/s/redirect?c=_ga&c=JSESSIONID");
        assertEquals(302, r.statusCode());
        assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
    }

    @Test
    void sendErrorWhenRefusedCookieSetBeforeThenDropped() {
        HttpResponse<String> r = fromFrance("/s/error?c=_ga&c=sm_uid");
        assertEquals(404, r.statusCode());
        assertEquals(List.of(), cookieNamesSet(r));
    }

    @Test
    void asyncWhenCookiesSetOnAnotherThreadThenGated() {
        HttpResponse<String> r = fromFrance("/s/async?c=_ga&c=JSESSIONID");
        assertEquals(200, r.statusCode());
        assertEquals("async ok", r.body());
        assertEquals(List.of("JSESSIONID", "JSESSIONID"), cookieNamesSet(r));
    }

    @Test
    void forwardWhenTargetSetsRefusedCookieThenDropped() {
        HttpResponse<String> r = fromFrance("/s/forward?c=_ga&c=JSESSIONID");
        assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
    }

    @Test
    void includeWhenTargetSetsCookiesThenNoRefusedCookieReachesTheBrowser() {
        HttpResponse<String> r = fromFrance("/s/include?c=_ga&c=sm_uid");
        assertEquals(200, r.statusCode());
        assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
    }

    @Test
    void browserCookieOnSubdomainRequestThenExpiredHostOnlyAndOnEveryParentDomain() throws IOException {
        List<String> headers = rawSetCookies("www.shop.example.test", "/s/plain",
                "CF-IPCountry: FR", "Cookie: _ga=GA1.1; JSESSIONID=s");
        List<String> expiries = new java.util.ArrayList<>();
        for (String h : headers) {
            String lower = h.toLowerCase(Locale.ROOT);
            assertTrue(lower.startsWith("_ga=;") && (lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")), h);
            expiries.add(attribute(h, "domain") + " " + attribute(h, "path"));
        }
        assertEquals(List.of(" /", "shop.example.test /", "example.test /"), expiries);
    }

    @Test
    void browserCookieOnIpAddressRequestThenExpiredHostOnly() throws IOException {
        List<String> headers = rawSetCookies("127.0.0.1", "/s/plain", "CF-IPCountry: FR", "Cookie: _ga=GA1.1");
        assertEquals(1, headers.size(), headers::toString);
        assertEquals("", attribute(headers.get(0), "domain"));
    }

    /** The value of a Set-Cookie attribute, without a leading dot for Domain; empty when absent. */
    private static String attribute(String setCookie, String name) {
        for (String part : setCookie.split(";")) {
            String[] kv = part.trim().split("=", 2);
            if (kv[0].equalsIgnoreCase(name)) {
                String v = kv.length > 1 ? kv[1].trim() : "";
                return v.startsWith(".") ? v.substring(1) : v;
            }
        }
        return "";
    }

    /** Sends a GET with the given Host over a plain socket (the JDK client will not set Host) and returns the Set-Cookie values. */
    private List<String> rawSetCookies(String host, String path, String... headers) throws IOException {
        java.net.URI base = container.uri("/");
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + base.getPort()
                    + "\r\nConnection: close\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            List<String> values = new java.util.ArrayList<>();
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Set-Cookie:", 0, 11)) {
                    values.add(line.substring(11).trim());
                }
            }
            return values;
        }
    }

    @Test
    void browserCookiesOfRefusedServicesThenExpiredOthersLeftAlone() {
        HttpResponse<String> r = fromFrance("/s/plain",
                "Cookie", "_ga=GA1.1; sm_uid=2; lang=fr; JSESSIONID=s; mystery=1; _ga_XYZ=3");
        assertEquals(List.of("_ga", "sm_uid", "lang", "_ga_XYZ"), cookieNamesExpired(r));
        assertEquals(List.of(), cookieNamesSet(r));
        for (String v : setCookies(r)) {
            assertTrue(v.toLowerCase(Locale.ROOT).contains("path=/"), v);
        }
    }

    @Test
    void browserCookiesWhenVisitorGrantedThenNothingExpired() {
        HttpResponse<String> r = fromFrance("/s/plain", "Cookie", "_ga=GA1.1; sm_uid=2; consent4j=" + grantAll("FR"));
        assertEquals(List.of(), setCookies(r));
    }

    @Test
    void varyWhenACookieIsSetThenCookieGpcAndLocationHeaders() {
        HttpResponse<String> r = fromFrance("/s/add-cookie?c=JSESSIONID");
        assertTrue(varyTokens(r).containsAll(List.of("cookie", "sec-gpc", "cf-ipcountry", "cf-region-code")),
                r.headers().allValues("vary")::toString);
    }

    @Test
    void varyWhenResponseDoesNotDependOnConsentThenAbsent() {
        HttpResponse<String> r = fromFrance("/s/plain");
        assertEquals(List.of(), r.headers().allValues("vary"));
    }

    @Test
    void varyWhenApplicationSetsVaryAfterwardsThenMerged() {
        HttpResponse<String> r = fromFrance("/s/vary-app?c=JSESSIONID");
        assertTrue(varyTokens(r).containsAll(List.of("accept-language", "cookie", "sec-gpc")),
                r.headers().allValues("vary")::toString);
    }

    @Test
    void varyWhenHtmlThenAdded() {
        HttpResponse<String> r = fromFrance("/s/html");
        assertTrue(varyTokens(r).contains("cookie"), r.headers().allValues("vary")::toString);
    }

    @Test
    void varyWhenServerCodeAsksTheContextThenAdded() {
        HttpResponse<String> r = fromFrance("/s/context");
        assertTrue(varyTokens(r).contains("sec-gpc"), r.headers().allValues("vary")::toString);
    }

    @Test
    void errorPageWhenOnlyRequestDispatchMappedThenCookiesSetBeforeTheErrorAreStillGated() {
        HttpResponse<String> r = fromFrance("/s/teapot");
        assertEquals(418, r.statusCode());
        assertFalse(cookieNamesSet(r).contains("sm_uid"), setCookies(r)::toString);
    }

    static List<String> varyTokens(HttpResponse<?> r) {
        return r.headers().allValues("vary").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
