package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Visitors who chose in Cookiebot or OneTrust before the site moved to consent4j, on Jetty 12 over
 * HTTP: the choice carries over without a banner, and a forged or malformed cookie is no choice.
 */
final class ConsentImportsJettyTest {

    private static TestContainer container;
    private static final RecordingSink RECORDS = new RecordingSink();

    @BeforeAll
    static void start() {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().recordSink(RECORDS)
                .source(ConsentImports.cookiebot(TestSetup.REVISION))
                .source(ConsentImports.oneTrust(TestSetup.REVISION))
                .jurisdictionResolver(request -> "FR")
                .build());
        container = TestContainer.jetty(TestContainer.Registration.of(filter), Map.of("/s/*", new ScenarioServlet()));
    }

    @AfterAll
    static void stop() throws Exception {
        container.close();
    }

    private static String cookiebot(String statistics, String marketing, long utc) {
        String literal = "{stamp:'k3Vb0vYbQ1Wz9hZl4xq2Jg==',necessary:true,preferences:false,statistics:" + statistics
                + ",marketing:" + marketing + ",method:'explicit',ver:1,utc:" + utc + ",region:'fr'}";
        return "CookieConsent=" + URLEncoder.encode(literal, StandardCharsets.UTF_8);
    }

    private static String context(String cookie) {
        HttpResponse<String> r = get(container.uri("/s/context"), "Cookie", cookie);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void cookiebotStatisticsOnlyBecomesAnalyticsOnlyWithoutABanner() {
        long yesterday = Instant.now().minus(1, ChronoUnit.DAYS).toEpochMilli();
        String body = context(cookiebot("true", "false", yesterday));
        assertTrue(body.contains("analytics=allow"), body);
        assertTrue(body.contains("marketing=deny"), body);
        assertTrue(body.contains("functional=deny"), body);
        assertTrue(body.contains("prompt=false"), body);
    }

    @Test
    void anImportIsRecordedOnceAndRewrittenIntoTheSignedCookie() {
        String foreign = cookiebot("true", "false", Instant.now().minus(2, ChronoUnit.DAYS).toEpochMilli());
        int before = RECORDS.records().size();
        HttpResponse<String> first = get(container.uri("/s/context"), "Cookie", foreign);
        String signed = TestSetup.consentCookieSet(first).orElseThrow(() -> new AssertionError(
                "the imported choice is stored in the signed cookie: " + first.headers().allValues("set-cookie")));
        assertEquals(before + 1, RECORDS.records().size());
        assertEquals(org.consent4j.core.decision.ConsentMethod.IMPORT, RECORDS.records().get(before).method());
        HttpResponse<String> second = get(container.uri("/s/context"), "Cookie",
                foreign + "; " + ConsentFilterConfig.DEFAULT_COOKIE_NAME + "=" + signed);
        assertTrue(second.body().contains("analytics=allow") && second.body().contains("prompt=false"), second.body());
        assertEquals(before + 1, RECORDS.records().size(), "the signed cookie wins: no second import record");
        assertTrue(TestSetup.consentCookieSet(second).isEmpty());
    }

    @Test
    void oneTrustPerformanceOnlyBecomesAnalyticsOnlyWithoutABanner() {
        String consent = "OptanonConsent=" + URLEncoder.encode("isGpcEnabled=0&datestamp=Sun Dec 06 2026 10:00:00 GMT+0100"
                + "&version=202409.1.0&isIABGlobal=false&hosts=&consentId=3f1c&interactionCount=1&landingPath=NotLandingPage"
                + "&groups=C0001:1,C0002:1,C0003:0,C0004:0,C0005:0&AwaitingReconsent=false", StandardCharsets.UTF_8);
        String closed = "OptanonAlertBoxClosed=" + Instant.now().minus(1, ChronoUnit.DAYS);
        String body = context(consent + "; " + closed);
        assertTrue(body.contains("analytics=allow"), body);
        assertTrue(body.contains("marketing=deny"), body);
        assertTrue(body.contains("prompt=false"), body);
        String defaultsOnly = context(consent);
        assertTrue(defaultsOnly.contains("analytics=deny") && defaultsOnly.contains("prompt=true"),
                "OneTrust's cookie without OptanonAlertBoxClosed is no choice: " + defaultsOnly);
    }

    @Test
    void malformedFutureOrIncompleteCookiesAreNoChoice() {
        long tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toEpochMilli();
        for (String cookie : new String[] {cookiebot("true", "true", tomorrow), "CookieConsent=-1",
                "CookieConsent=%7Bstatistics%3Atrue%7D", "CookieConsent=%E0%A4%A", "CookieConsent=" + "x".repeat(5000),
                cookiebot("yes", "false", 1_700_000_000_000L),
                "OptanonConsent=groups%3DC0002%3A1; OptanonAlertBoxClosed=not-a-date",
                "OptanonConsent=groups%3DC0002%3A7; OptanonAlertBoxClosed=2026-01-01T00:00:00Z"}) {
            String body = context(cookie);
            assertTrue(body.contains("analytics=deny") && body.contains("prompt=true"), cookie + " -> " + body);
        }
    }

    @Property(tries = 300)
    void anyCookiebotValueParsesOrIsNoChoice(@ForAll @StringLength(max = 200) String value) {
        // never throws, whatever the value
        new CookiebotSource(TestSetup.REVISION, ConsentImports.COOKIEBOT_CATEGORIES).parse(value);
        new OneTrustSource(TestSetup.REVISION, ConsentImports.ONETRUST_GROUPS).parse(value, value);
    }
}
