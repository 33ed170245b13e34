package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.CODEC;
import static org.consent4j.servlet.TestSetup.SUBJECT;
import static org.consent4j.servlet.TestSetup.consentCookie;
import static org.consent4j.servlet.TestSetup.consentCookieSet;
import static org.consent4j.servlet.TestSetup.cookieNamesSet;
import static org.consent4j.servlet.TestSetup.get;
import static org.consent4j.servlet.TestSetup.grantAll;
import static org.consent4j.servlet.TestSetup.request;
import static org.consent4j.servlet.TestSetup.send;
import static org.consent4j.servlet.TestSetup.setCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.records.ConsentRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter's request path on Jetty 12: jurisdiction headers, Global Privacy Control, the consent
 * cookie's bad inputs, GPC opt-out records and the {@link ConsentContext} server code sees.
 */
final class ConsentFilterJettyTest {

    private static final RecordingSink SINK = new RecordingSink();
    private static ConsentFilter filter;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        filter = new ConsentFilter(TestSetup.config().recordSink(SINK).build());
        container = TestContainer.jetty(TestContainer.Registration.of(filter), Map.of("/s/*", new ScenarioServlet()));
    }

    @AfterAll
    static void stop() throws Exception {
        container.close();
    }

    @BeforeEach
    void clearSink() {
        SINK.clear();
        SINK.failing(false);
    }

    /** The lines of /s/context as a map: jurisdiction, location, gpc, subject, prompt and one per id. */
    private static Map<String, String> context(String... headers) {
        HttpResponse<String> r = get(container.uri("/s/context"), headers);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            int eq = line.indexOf('=');
            map.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return map;
    }

    // ---- jurisdiction ---------------------------------------------------------------------------

    @Test
    void jurisdictionWhenCountryHeaderThenThatCountry() {
        assertEquals("FR", context("CF-IPCountry", "FR").get("jurisdiction"));
        assertEquals("FR", context("CF-IPCountry", "fr").get("jurisdiction"));
        assertEquals("DE", context("CF-IPCountry", "DE", "cf-region-code", "BY").get("jurisdiction"));
        assertEquals("DE-BY", context("CF-IPCountry", "DE", "cf-region-code", "BY").get("location"));
    }

    @Test
    void jurisdictionWhenRegionGivenShortOrFullThenSubdivision() {
        assertEquals("US-CA", context("CF-IPCountry", "US", "cf-region-code", "CA").get("jurisdiction"));
        assertEquals("US-CA", context("CF-IPCountry", "US", "cf-region-code", "us-ca").get("jurisdiction"));
        assertEquals("US-TX", context("CF-IPCountry", "US", "cf-region-code", "TX").get("jurisdiction"));
    }

    @Test
    void jurisdictionWhenUnknownMarkerOrMalformedThenFallback() {
        for (String country : List.of("XX", "T1", "ZZ", "France", "", "F", "1!")) {
            assertEquals("default", context("CF-IPCountry", country).get("jurisdiction"), country);
        }
        assertEquals("default", context().get("jurisdiction"));
        assertEquals("US", context("CF-IPCountry", "US", "cf-region-code", "C@").get("location"));
    }

    @Test
    void jurisdictionWhenOtherCdnHeadersThenIgnoredByTheConfiguredResolver() {
        assertEquals("default", context("CloudFront-Viewer-Country", "US", "X-Vercel-IP-Country", "US").get("jurisdiction"));
    }

    // ---- Global Privacy Control ----------------------------------------------------------------

    @Test
    void gpcWhenExactlyOneThenOnAndMarketingOptedOutInCalifornia() {
        Map<String, String> c = context("CF-IPCountry", "US", "cf-region-code", "CA", "Sec-GPC", "1");
        assertEquals("true", c.get("gpc"));
        assertEquals("deny (GPC opt-out of sale, sharing or targeted advertising, a legal duty here)", c.get("marketing"));
        assertEquals("deny (GPC opt-out of sale, sharing or targeted advertising, a legal duty here)", c.get("segmetrics"));
        assertEquals("allow (opt-out regime, not opted out)", c.get("analytics"));
        assertEquals("allow (opt-out regime, not opted out)", c.get("google-analytics"));
    }

    @Test
    void gpcWhenValueIsNotExactlyOneThenIgnored() {
        for (String value : List.of("0", "true", "yes", "01", "1.0", "2", "1, 1", "on")) {
            Map<String, String> c = context("CF-IPCountry", "US", "cf-region-code", "CA", "Sec-GPC", value);
            assertEquals("false", c.get("gpc"), value);
            assertEquals("allow (opt-out regime, not opted out)", c.get("marketing"), value);
        }
    }

    @Test
    void gpcWhenSeveralHeadersAndOneIsExactlyOneThenOn() {
        assertEquals("true", context("Sec-GPC", "0", "Sec-GPC", "1").get("gpc"));
        assertEquals("false", context("Sec-GPC", "0", "Sec-GPC", "true").get("gpc"));
    }

    @Test
    void gpcWhenJurisdictionDoesNotHonourItThenSignalSeenButOptInRulesDecide() {
        Map<String, String> c = context("CF-IPCountry", "FR", "Sec-GPC", "1");
        assertEquals("true", c.get("gpc"));
        assertEquals("deny (opt-in regime, no choice yet)", c.get("marketing"));
    }

    // ---- the consent cookie: bad input means no choice, never a 500 ------------------------------

    private static void assertNoChoice(Map<String, String> c) {
        assertEquals("", c.get("subject"));
        assertEquals("true", c.get("prompt"));
        assertEquals("deny (opt-in regime, no choice yet)", c.get("analytics"));
        assertEquals("allow (necessary: always allowed)", c.get("necessary"));
    }

    @Test
    void consentCookieWhenValidThenChoiceAndSubject() {
        Map<String, String> c = context("CF-IPCountry", "FR", "Cookie", "consent4j=" + grantAll("FR"));
        assertEquals(SUBJECT, c.get("subject"));
        assertEquals("false", c.get("prompt"));
        assertEquals("allow (granted by the visitor)", c.get("analytics"));
        assertEquals("deny (not in the catalog: denied)", c.get("nope"));
    }

    @Test
    void consentCookieWhenForgedThenNoChoice() {
        String valid = grantAll("FR");
        String forged = valid.replace("+marketing", "!marketing");
        long before = filter.stats().consentCookiesRejected();
        assertNoChoice(context("CF-IPCountry", "FR", "Cookie", "consent4j=" + forged));
        String otherKey = org.consent4j.core.cookie.ConsentCookieCodec.of(org.consent4j.core.cookie.KeySet.generate())
                .encode(CODEC.decode(valid).orElseThrow());
        assertNoChoice(context("CF-IPCountry", "FR", "Cookie", "consent4j=" + otherKey));
        assertEquals(before + 2, filter.stats().consentCookiesRejected());
    }

    @Test
    void consentCookieWhenTruncatedThenNoChoice() {
        String valid = grantAll("FR");
        assertNoChoice(context("CF-IPCountry", "FR", "Cookie", "consent4j=" + valid.substring(0, valid.length() - 5)));
        assertNoChoice(context("CF-IPCountry", "FR", "Cookie", "consent4j=" + valid.substring(0, 40)));
    }

    @Test
    void consentCookieWhenOlderThanCookieLimitThenNoChoice() {
        String expired = consentCookie("FR", Duration.ofDays(401), ConsentMethod.ACCEPT_ALL, Map.of("analytics", Choice.GRANTED));
        assertNoChoice(context("CF-IPCountry", "FR", "Cookie", "consent4j=" + expired));
    }

    @Test
    void consentCookieWhenGrantOlderThanJurisdictionMaximumThenExpiredAndAskedAgain() {
        String old = consentCookie("FR", Duration.ofDays(200), ConsentMethod.ACCEPT_ALL, Map.of("analytics", Choice.GRANTED,
                "marketing", Choice.DENIED));
        Map<String, String> c = context("CF-IPCountry", "FR", "Cookie", "consent4j=" + old);
        assertEquals("deny (choice expired)", c.get("analytics"));
        assertEquals("deny (denied by the visitor)", c.get("marketing"));
        assertEquals("true", c.get("prompt"));
        assertEquals(SUBJECT, c.get("subject"));
    }

    @Test
    void consentCookieWhenOversizedThenNoChoice() {
        String valid = grantAll("FR");
        assertNoChoice(context("CF-IPCountry", "FR", "Cookie", "consent4j=" + valid + "x".repeat(3000)));
    }

    @Test
    void consentCookieWhenUnparseableThenNoChoice() {
        for (String value : List.of("hello", "1~t1~", "~~~~~~~~~", "%00%ff", "\"quoted\"", "1~t1~a~b~c~d~e~f~g~h")) {
            assertNoChoice(context("CF-IPCountry", "FR", "Cookie", "consent4j=" + value));
        }
    }

    @Test
    void consentCookieWhenSentTwiceThenTheValidOneCounts() {
        Map<String, String> c = context("CF-IPCountry", "FR", "Cookie", "consent4j=garbage; consent4j=" + grantAll("FR"));
        assertEquals("allow (granted by the visitor)", c.get("analytics"));
    }

    // ---- GPC opt-out records ------------------------------------------------------------------

    @Test
    void gpcWhenStoredGrantInCaliforniaThenOneRecordAndRewrittenCookie() {
        String granted = grantAll("US-CA");
        HttpResponse<String> first = get(container.uri("/s/plain"), "CF-IPCountry", "US", "cf-region-code", "CA",
                "Sec-GPC", "1", "Cookie", "consent4j=" + granted);
        assertEquals(200, first.statusCode());
        List<ConsentRecord> records = SINK.records();
        assertEquals(1, records.size());
        ConsentRecord record = records.get(0);
        assertEquals(ConsentMethod.GPC_OPT_OUT, record.method());
        assertTrue(record.gpc());
        assertEquals(SUBJECT, record.subjectId());
        assertEquals("US-CA", record.jurisdiction());
        assertEquals(Choice.DENIED, record.categories().get("marketing"));
        assertEquals(Choice.GRANTED, record.categories().get("analytics"));

        String rewritten = consentCookieSet(first).orElseThrow(() -> new AssertionError(setCookies(first).toString()));
        ConsentCookie cookie = CODEC.decode(rewritten).orElseThrow();
        assertEquals(ConsentMethod.GPC_OPT_OUT, cookie.state().method());
        assertEquals(Choice.DENIED, cookie.state().categories().get("marketing"));
        assertEquals(CODEC.decode(granted).orElseThrow().state().decidedAt(), cookie.state().decidedAt());
        assertTrue(SetCookieGateContract.varyTokens(first).contains("sec-gpc"));

        HttpResponse<String> second = get(container.uri("/s/plain"), "CF-IPCountry", "US", "cf-region-code", "CA",
                "Sec-GPC", "1", "Cookie", "consent4j=" + rewritten);
        assertEquals(1, SINK.records().size(), "recorded once");
        assertTrue(consentCookieSet(second).isEmpty());

        Map<String, String> withoutSignal = context("CF-IPCountry", "US", "cf-region-code", "CA", "Cookie", "consent4j=" + rewritten);
        assertEquals("deny (denied by the visitor)", withoutSignal.get("marketing"));
        assertEquals("allow (granted by the visitor)", withoutSignal.get("analytics"));
    }

    @Test
    void gpcWhenJurisdictionDoesNotHonourItThenNoRecord() {
        get(container.uri("/s/plain"), "CF-IPCountry", "FR", "Sec-GPC", "1", "Cookie", "consent4j=" + grantAll("FR"));
        assertEquals(List.of(), SINK.records());
    }

    @Test
    void gpcWhenNoStoredChoiceThenSignalHonouredWithoutRecord() {
        HttpResponse<String> r = get(container.uri("/s/plain"), "CF-IPCountry", "US", "cf-region-code", "CA", "Sec-GPC", "1");
        assertEquals(200, r.statusCode());
        assertEquals(List.of(), SINK.records());
        assertTrue(consentCookieSet(r).isEmpty());
    }

    @Test
    void gpcWhenRecordSinkFailsThenCookieNotRewrittenAndRequestServed() {
        SINK.failing(true);
        long before = filter.stats().recordFailures();
        HttpResponse<String> r = get(container.uri("/s/plain"), "CF-IPCountry", "US", "cf-region-code", "CA", "Sec-GPC", "1",
                "Cookie", "consent4j=" + grantAll("US-CA"));
        assertEquals(200, r.statusCode());
        assertEquals("plain", r.body());
        assertTrue(consentCookieSet(r).isEmpty());
        assertEquals(before + 1, filter.stats().recordFailures());
    }

    @Test
    void postWhileGpcOnInCaliforniaThenChoiceRecordsGpcAndGpcStillWins() throws Exception {
        String origin = container.base().toString().replaceAll("/$", "");
        HttpResponse<String> r = send(request(container.uri("/consent"), "Origin", origin, "CF-IPCountry", "US",
                "cf-region-code", "CA", "Sec-GPC", "1", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"accept\":\"all\"}")).build());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(SINK.records().get(0).gpc());
        assertTrue(CODEC.decode(consentCookieSet(r).orElseThrow()).orElseThrow().state().gpc());
        assertTrue(r.body().contains("\"id\":\"marketing\",\"required\":false,\"decision\":\"deny\",\"reason\":\"gpc-opt-out\""),
                r.body());
    }

    // ---- counters ------------------------------------------------------------------------------

    @Test
    void logsWhenCookiesRejectedOrDroppedThenNamesAndReasonsButNeverValuesOrSecrets() throws Exception {
        String forged = grantAll("FR").replace("+analytics", "!analytics");
        context("CF-IPCountry", "FR", "Cookie", "consent4j=" + forged);
        get(container.uri("/s/add-header?v=_fbp%3DMARKER-VALUE-4711%3B%20Path%3D%2F"), "CF-IPCountry", "FR");
        java.nio.file.Path log = java.nio.file.Path.of("target", "servlet-tests.log");
        String text = java.nio.file.Files.readString(log);
        assertTrue(text.contains("consent cookie ignored, treated as no choice: forged"), "log lacks the rejection");
        assertTrue(text.contains("dropped Set-Cookie '_fbp' of service meta-pixel"), "log lacks the dropped cookie");
        assertFalse(text.contains("MARKER-VALUE-4711"), "a cookie value reached the log");
        assertFalse(text.contains(forged.substring(forged.length() - 43)), "a consent cookie reached the log");
        assertFalse(text.contains(TestSetup.KEYS.signing().encodedSecret()), "a key secret reached the log");
    }

    @Test
    void statsWhenCookiesDroppedThenCounted() {
        long before = filter.stats().cookiesDropped();
        HttpResponse<String> r = get(container.uri("/s/add-cookie?c=_ga&c=_fbp"), "CF-IPCountry", "DE");
        assertEquals(List.of(), cookieNamesSet(r));
        assertEquals(before + 2, filter.stats().cookiesDropped());
    }
}
