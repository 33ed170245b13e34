package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.CODEC;
import static org.consent4j.servlet.TestSetup.SUBJECT;
import static org.consent4j.servlet.TestSetup.consentCookieSet;
import static org.consent4j.servlet.TestSetup.cookieNamesExpired;
import static org.consent4j.servlet.TestSetup.get;
import static org.consent4j.servlet.TestSetup.grantAll;
import static org.consent4j.servlet.TestSetup.request;
import static org.consent4j.servlet.TestSetup.send;
import static org.consent4j.servlet.TestSetup.setCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.records.ConsentRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The consent endpoints over real HTTP, run on each container. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsentEndpointsContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordingSink sink = new RecordingSink();
    private TestContainer container;
    private ConsentFilter filter;
    private String origin;

    abstract TestContainer start(TestContainer.Registration registration, Map<String, HttpServlet> servlets);

    @BeforeAll
    void startContainer() {
        filter = new ConsentFilter(TestSetup.config().recordSink(sink).gpcLastUpdate(LocalDate.of(2026, 1, 15)).build());
        container = start(TestContainer.Registration.of(filter), Map.of("/s/*", new ScenarioServlet()));
        origin = container.base().toString().replaceAll("/$", "");
    }

    @AfterAll
    void stopContainer() throws Exception {
        container.close();
    }

    @BeforeEach
    void resetSink() {
        sink.clear();
        sink.failing(false);
    }

    private HttpResponse<String> post(String contentType, String body, String... headers) {
        HttpRequest.Builder b = request(container.uri("/consent"), headers);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> postJson(String body, String... headers) {
        return post("application/json", body, headers);
    }

    private String[] sameOrigin(String... more) {
        String[] all = new String[more.length + 4];
        all[0] = "Origin";
        all[1] = origin;
        all[2] = "CF-IPCountry";
        all[3] = "FR";
        System.arraycopy(more, 0, all, 4, more.length);
        return all;
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"),
                r.headers().map()::toString);
        return JSON.readTree(r.body());
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no entry " + id + " in " + array);
    }

    private static ConsentCookie decode(HttpResponse<String> r) {
        return CODEC.decode(consentCookieSet(r).orElseThrow(() -> new AssertionError("no consent cookie in " + setCookies(r))))
                .orElseThrow(() -> new AssertionError("consent cookie does not verify"));
    }

    private void assertError(HttpResponse<String> r, int status, String fragment) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        String message = json(r).get("error").asText();
        assertTrue(message.contains(fragment), message);
        assertTrue(consentCookieSet(r).isEmpty(), setCookies(r)::toString);
        assertEquals(List.of(), sink.records());
        assertEquals("no-store", r.headers().firstValue("cache-control").orElse(""));
    }

    @Test
    void getWhenNoChoiceAndUnknownLocationThenFallbackStateAsJson() throws Exception {
        HttpResponse<String> r = get(container.uri("/consent"));
        assertEquals(200, r.statusCode());
        JsonNode s = json(r);
        assertEquals("default", s.get("jurisdiction").asText());
        assertEquals("OPT_IN", s.get("regime").asText());
        assertEquals("GDPR", s.get("laws").get(0).asText());
        assertFalse(s.get("gpc").asBoolean());
        assertFalse(s.get("gpcHonoured").asBoolean());
        assertEquals(TestSetup.REVISION, s.get("revision").asText());
        assertTrue(s.get("needsPrompt").asBoolean());
        assertEquals("", s.get("subject").asText());
        assertTrue(s.get("choice").isNull());
        JsonNode necessary = find(s.get("categories"), "necessary");
        assertTrue(necessary.get("required").asBoolean());
        assertEquals("allow", necessary.get("decision").asText());
        assertEquals("necessary", necessary.get("reason").asText());
        JsonNode analytics = find(s.get("categories"), "analytics");
        assertEquals("deny", analytics.get("decision").asText());
        assertEquals("no-choice-opt-in", analytics.get("reason").asText());
        JsonNode segmetrics = find(s.get("services"), "segmetrics");
        assertEquals("marketing", segmetrics.get("category").asText());
        assertEquals("deny", segmetrics.get("decision").asText());
        assertEquals("no-store", r.headers().firstValue("cache-control").orElse(""));
    }

    @Test
    void getWhenChoiceStoredThenStateShowsItAndSubject() throws Exception {
        HttpResponse<String> r = get(container.uri("/consent"), "CF-IPCountry", "fr", "Cookie", "consent4j=" + grantAll("FR"));
        JsonNode s = json(r);
        assertEquals("FR", s.get("jurisdiction").asText());
        assertFalse(s.get("needsPrompt").asBoolean());
        assertEquals(SUBJECT, s.get("subject").asText());
        assertEquals("ACCEPT_ALL", s.get("choice").get("method").asText());
        assertFalse(s.get("choice").get("gpc").asBoolean());
        assertTrue(s.get("choice").get("decidedAt").asText().endsWith("Z"));
        assertEquals("granted", find(s.get("categories"), "analytics").get("reason").asText());
        assertEquals("allow", find(s.get("services"), "youtube").get("decision").asText());
    }

    @Test
    void getWhenUsCaliforniaWithGpcThenOptOutRegimeAndGpcHonoured() throws Exception {
        JsonNode s = json(get(container.uri("/consent"), "CF-IPCountry", "US", "cf-region-code", "CA", "Sec-GPC", "1"));
        assertEquals("US-CA", s.get("jurisdiction").asText());
        assertEquals("OPT_OUT", s.get("regime").asText());
        assertTrue(s.get("gpc").asBoolean());
        assertTrue(s.get("gpcHonoured").asBoolean());
        assertFalse(s.get("needsPrompt").asBoolean());
        assertEquals("gpc-opt-out", find(s.get("categories"), "marketing").get("reason").asText());
        assertEquals("opt-out-default", find(s.get("categories"), "analytics").get("reason").asText());
    }

    @Test
    void postAcceptAllWhenSameOriginThenCookieSetRecordWrittenAndStateReturned() throws Exception {
        HttpResponse<String> r = postJson("{\"accept\":\"all\",\"locale\":\"fr\",\"textsHash\":\"sha256:abc\"}", sameOrigin());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode s = json(r);
        assertEquals("allow", find(s.get("categories"), "marketing").get("decision").asText());
        assertFalse(s.get("needsPrompt").asBoolean());
        ConsentCookie cookie = decode(r);
        assertEquals(Choice.GRANTED, cookie.state().categories().get("analytics"));
        assertEquals(ConsentMethod.ACCEPT_ALL, cookie.state().method());
        assertEquals("FR", cookie.state().jurisdiction());
        assertEquals(22, cookie.subjectId().length());
        assertEquals(cookie.subjectId(), s.get("subject").asText());
        String header = setCookies(r).stream().filter(v -> v.startsWith("consent4j=")).findFirst().orElseThrow();
        String lower = header.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("path=/") && lower.contains("httponly") && lower.contains("samesite=lax")
                && lower.contains("max-age=" + 182L * 86_400), header);
        assertTrue(header.length() < 260, header);
        List<ConsentRecord> records = sink.records();
        assertEquals(1, records.size());
        ConsentRecord record = records.get(0);
        assertEquals(cookie.subjectId(), record.subjectId());
        assertEquals(ConsentMethod.ACCEPT_ALL, record.method());
        assertEquals("FR", record.jurisdiction());
        assertEquals(TestSetup.REVISION, record.catalogRevision());
        assertEquals(Map.of("functional", Choice.GRANTED, "analytics", Choice.GRANTED, "marketing", Choice.GRANTED),
                record.categories());
        assertEquals("fr", record.locale());
        assertEquals("sha256:abc", record.textsHash());
        assertEquals("", record.clientAddress());
    }

    @Test
    void postCategoriesWhenSomeListedThenUnlistedDenied() throws Exception {
        HttpResponse<String> r = postJson("{\"categories\":{\"analytics\":true,\"necessary\":true}}", sameOrigin());
        assertEquals(200, r.statusCode(), r.body());
        ConsentCookie cookie = decode(r);
        assertEquals(Map.of("functional", Choice.DENIED, "analytics", Choice.GRANTED, "marketing", Choice.DENIED),
                cookie.state().categories());
        assertEquals(ConsentMethod.CUSTOM, sink.records().get(0).method());
    }

    @Test
    void postServicesWhenServiceGrantedInRefusedCategoryThenPerServiceGrantStoredRecordedAndHonoured() throws Exception {
        HttpResponse<String> r = postJson("{\"categories\":{\"analytics\":true,\"marketing\":false},"
                + "\"services\":{\"segmetrics\":true}}", sameOrigin());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode s = json(r);
        assertEquals("deny", find(s.get("categories"), "marketing").get("decision").asText());
        assertEquals("allow", find(s.get("services"), "segmetrics").get("decision").asText());
        assertEquals("deny", find(s.get("services"), "meta-pixel").get("decision").asText());
        assertEquals("deny", find(s.get("services"), "youtube").get("decision").asText());
        ConsentCookie cookie = decode(r);
        assertEquals(Map.of("segmetrics", Choice.GRANTED), cookie.state().services());
        assertEquals(Choice.DENIED, cookie.state().categories().get("marketing"));
        ConsentRecord record = sink.records().get(0);
        assertEquals(ConsentMethod.CUSTOM, record.method());
        assertEquals(Map.of("segmetrics", Choice.GRANTED), record.services());
        assertEquals(Choice.DENIED, record.categories().get("marketing"));

        // The next requests: the grant reaches ConsentContext and the Set-Cookie gate, the category stays refused.
        String consent = "consent4j=" + consentCookieSet(r).orElseThrow();
        HttpResponse<String> context = get(container.uri("/s/context"), "Cookie", consent, "CF-IPCountry", "FR");
        assertTrue(context.body().contains("segmetrics=allow"), context.body());
        assertTrue(context.body().contains("marketing=deny"), context.body());
        HttpResponse<String> cookies = get(container.uri("/s/add-cookie?c=sm_uid&c=_fbp"), "Cookie", consent,
                "CF-IPCountry", "FR");
        List<String> set = setCookies(cookies);
        assertTrue(set.stream().anyMatch(v -> v.startsWith("sm_uid=v-sm_uid")), set::toString);
        assertFalse(set.stream().anyMatch(v -> v.startsWith("_fbp=v-")), set::toString);
    }

    @Test
    void postServicesWhenServiceRefusedInGrantedCategoryThenPerServiceRefusal() throws Exception {
        HttpResponse<String> r = postJson("{\"categories\":{\"marketing\":true},\"services\":{\"youtube\":false}}",
                sameOrigin());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode s = json(r);
        assertEquals("deny", find(s.get("services"), "youtube").get("decision").asText());
        assertEquals("allow", find(s.get("services"), "meta-pixel").get("decision").asText());
        assertEquals(Map.of("youtube", Choice.DENIED), sink.records().get(0).services());
    }

    @Test
    void postFormWhenServiceListedThenPerServiceGrant() throws Exception {
        HttpResponse<String> r = post("application/x-www-form-urlencoded", "category=analytics&service=youtube",
                sameOrigin("Accept", "application/json"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("allow", find(json(r).get("services"), "youtube").get("decision").asText());
        assertEquals(Map.of("youtube", Choice.GRANTED), decode(r).state().services());
        assertEquals(Choice.DENIED, decode(r).state().categories().get("marketing"));
        HttpResponse<String> alone = post("application/x-www-form-urlencoded", "service=youtube",
                sameOrigin("Accept", "application/json"));
        assertEquals(200, alone.statusCode(), alone.body());
        assertEquals(Choice.DENIED, decode(alone).state().categories().get("analytics"));
        assertEquals(Map.of("youtube", Choice.GRANTED), decode(alone).state().services());
    }

    @Test
    void postServicesWhenInvalidThen400NamingTheProblem() throws Exception {
        assertError(postJson("{\"categories\":{},\"services\":{\"bogus\":true}}", sameOrigin()), 400,
                "unknown service 'bogus'");
        assertError(post("application/x-www-form-urlencoded", "service=bogus", sameOrigin()), 400, "unknown service 'bogus'");
        assertError(postJson("{\"services\":{\"youtube\":true}}", sameOrigin()), 400, "\"services\" goes with \"categories\"");
        assertError(postJson("{\"accept\":\"all\",\"services\":{\"youtube\":true}}", sameOrigin()), 400,
                "\"services\" goes with \"categories\"");
        assertError(postJson("{\"categories\":{},\"services\":[\"youtube\"]}", sameOrigin()), 400,
                "\"services\" must be an object");
        assertError(postJson("{\"categories\":{},\"services\":{\"youtube\":\"yes\"}}", sameOrigin()), 400,
                "service 'youtube' must be true or false");
        assertError(postJson("{\"categories\":{},\"services\":{\"container-session\":false}}", sameOrigin()), 400,
                "service 'container-session' is strictly necessary");
    }

    @Test
    void postWhenVisitorHasSubjectThenSubjectKept() {
        HttpResponse<String> r = postJson("{\"accept\":\"none\"}", sameOrigin("Cookie", "consent4j=" + grantAll("FR")));
        assertEquals(200, r.statusCode(), r.body());
        ConsentCookie cookie = decode(r);
        assertEquals(SUBJECT, cookie.subjectId());
        assertEquals(ConsentMethod.REJECT_ALL, cookie.state().method());
        assertEquals(Choice.DENIED, cookie.state().categories().get("marketing"));
    }

    @Test
    void postFormWhenBrowserFormThenRedirectBackToSameOriginReferer() {
        String referer = origin + "/shop/page?x=1";
        HttpResponse<String> r = post("application/x-www-form-urlencoded", "accept=none&submit=Reject",
                sameOrigin("Referer", referer));
        assertEquals(303, r.statusCode(), r.body());
        assertEquals(referer, r.headers().firstValue("location").orElse(""));
        assertEquals(ConsentMethod.REJECT_ALL, decode(r).state().method());
        assertEquals(1, sink.records().size());
    }

    @Test
    void postFormWhenRefererIsAnotherSiteThenRedirectToRoot() {
        HttpResponse<String> r = post("application/x-www-form-urlencoded", "accept=all",
                "Sec-Fetch-Site", "same-origin", "Referer", "https://elsewhere.example/page");
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/", r.headers().firstValue("location").orElse(""));
    }

    @Test
    void postFormWhenCategoriesRepeatedAndJsonAcceptedThenJsonAnswer() throws Exception {
        HttpResponse<String> r = post("application/x-www-form-urlencoded; charset=UTF-8",
                "category=analytics&category=functional", sameOrigin("Accept", "application/json"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode s = json(r);
        assertEquals("allow", find(s.get("categories"), "functional").get("decision").asText());
        assertEquals("deny", find(s.get("categories"), "marketing").get("decision").asText());
        assertEquals(Choice.GRANTED, decode(r).state().categories().get("analytics"));
    }

    @Test
    void deleteWhenSameOriginThenWithdrawalRecordedAndRefusedCookiesExpired() throws Exception {
        HttpResponse<String> r = send(request(container.uri("/consent"),
                sameOrigin("Cookie", "consent4j=" + grantAll("FR") + "; _ga=GA1.2; sm_uid=9; JSESSIONID=s")).DELETE().build());
        assertEquals(200, r.statusCode(), r.body());
        ConsentCookie cookie = decode(r);
        assertEquals(ConsentMethod.WITHDRAWAL, cookie.state().method());
        assertEquals(SUBJECT, cookie.subjectId());
        assertTrue(cookie.state().categories().values().stream().allMatch(c -> c == Choice.DENIED));
        assertEquals(List.of("_ga", "sm_uid"), cookieNamesExpired(r));
        assertEquals(ConsentMethod.WITHDRAWAL, sink.records().get(0).method());
        assertEquals("denied", find(json(r).get("categories"), "analytics").get("reason").asText());
    }

    @Test
    void postWithdrawWhenJsonThenWithdrawal() {
        HttpResponse<String> r = postJson("{\"withdraw\":true}", sameOrigin());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(ConsentMethod.WITHDRAWAL, decode(r).state().method());
    }

    @Test
    void postAcceptAllAfterRefusalThenCookiesOfNowAllowedServicesNotExpired() {
        HttpResponse<String> r = postJson("{\"accept\":\"all\"}", sameOrigin("Cookie", "_ga=GA1.2"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of(), cookieNamesExpired(r));
    }

    @Test
    void postWhenOriginIsAnotherSiteThen403() throws Exception {
        HttpResponse<String> r = postJson("{\"accept\":\"all\"}", "Origin", "https://evil.example");
        assertError(r, 403, "Origin 'https://evil.example'");
    }

    @Test
    void postWhenOriginIsNullThen403() throws Exception {
        assertError(postJson("{\"accept\":\"all\"}", "Origin", "null"), 403, "Origin 'null'");
    }

    @Test
    void postWhenFetchMetadataSaysCrossSiteThen403EvenWithMatchingOrigin() throws Exception {
        HttpResponse<String> r = postJson("{\"accept\":\"all\"}", "Sec-Fetch-Site", "cross-site", "Origin", origin);
        assertError(r, 403, "Sec-Fetch-Site is 'cross-site'");
        assertError(postJson("{\"accept\":\"all\"}", "Sec-Fetch-Site", "same-site"), 403, "same-site");
    }

    @Test
    void postWhenNoOriginNoFetchMetadataNoRefererThen403() throws Exception {
        assertError(postJson("{\"accept\":\"all\"}"), 403, "X-Consent4j: 1");
        assertError(postJson("{\"accept\":\"all\"}", "Referer", "https://evil.example/x"), 403, "no Sec-Fetch-Site");
        int refused = (int) filter.stats().crossSiteRefused();
        assertTrue(refused >= 2, "counted " + refused);
    }

    @Test
    void postWhenNoOriginButSameOriginRefererOrCustomHeaderThenAccepted() {
        assertEquals(200, postJson("{\"accept\":\"all\"}", "Referer", origin + "/page").statusCode());
        assertEquals(200, postJson("{\"accept\":\"all\"}", "X-Consent4j", "1").statusCode());
        assertEquals(2, sink.records().size());
    }

    @Test
    void deleteWhenCrossSiteThen403() throws Exception {
        HttpResponse<String> r = send(request(container.uri("/consent"), "Origin", "https://evil.example").DELETE().build());
        assertError(r, 403, "cross-site");
    }

    @Test
    void postWhenBodyLargerThanLimitThen413() throws Exception {
        String big = "{\"accept\":\"all\",\"pad\":\"" + "x".repeat(9000) + "\"}";
        assertError(postJson(big, sameOrigin()), 413, "larger than the limit of 8192 bytes");
    }

    @Test
    void postWhenChunkedBodyLargerThanLimitThen413() throws Exception {
        byte[] big = ("{\"accept\":\"all\",\"pad\":\"" + "x".repeat(9000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest req = request(container.uri("/consent"), sameOrigin("Content-Type", "application/json"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertError(send(req), 413, "larger than the limit");
    }

    @Test
    void postWhenContentTypeUnsupportedOrMissingThen415() throws Exception {
        assertError(post("text/plain", "accept=all", sameOrigin()), 415, "unsupported Content-Type 'text/plain'");
        assertError(post(null, "{\"accept\":\"all\"}", sameOrigin()), 415, "missing Content-Type");
        assertError(post("application/json; charset=UTF-8", "{\"accept\":\"all\"}", sameOrigin("Sec-Fetch-Site", "cross-site")),
                403, "cross-site");
    }

    @Test
    void postWhenUnknownCategoryThen400NamingIt() throws Exception {
        assertError(postJson("{\"categories\":{\"bogus\":true}}", sameOrigin()), 400, "unknown category 'bogus'");
        assertError(post("application/x-www-form-urlencoded", "category=bogus", sameOrigin()), 400, "unknown category 'bogus'");
    }

    @Test
    void postWhenNecessaryRefusedThen400() throws Exception {
        assertError(postJson("{\"categories\":{\"necessary\":false}}", sameOrigin()), 400, "cannot be refused");
    }

    @Test
    void postWhenBodyMalformedThen400WithSpecificMessage() throws Exception {
        assertError(postJson("{\"accept\":", sameOrigin()), 400, "not valid JSON");
        assertError(postJson("[1,2]", sameOrigin()), 400, "must be a JSON object");
        assertError(postJson("", sameOrigin()), 400, "must be a JSON object");
        assertError(postJson("{}", sameOrigin()), 400, "no choice in the request");
        assertError(postJson("{\"accept\":\"all\",\"withdraw\":true}", sameOrigin()), 400, "exactly one of");
        assertError(postJson("{\"accept\":\"maybe\"}", sameOrigin()), 400, "\"accept\" must be \"all\" or \"none\"");
        assertError(postJson("{\"categories\":{\"analytics\":\"yes\"}}", sameOrigin()), 400, "must be true or false");
        assertError(postJson("{\"categories\":[\"analytics\"]}", sameOrigin()), 400, "\"categories\" must be an object");
        assertError(postJson("{\"withdraw\":false}", sameOrigin()), 400, "\"withdraw\" must be true");
        assertError(postJson("{\"accept\":\"all\",\"accept\":\"none\"}", sameOrigin()), 400, "not valid JSON");
        assertError(postJson("{\"accept\":\"all\"} {}", sameOrigin()), 400, "more than one JSON value");
        assertError(postJson("{\"accept\":\"all\",\"locale\":\"<script>\"}", sameOrigin()), 400, "\"locale\" must be");
        assertError(post("application/x-www-form-urlencoded", "accept=all&category=analytics", sameOrigin()), 400, "exactly one of");
        assertError(post("application/x-www-form-urlencoded", "accept=%zz", sameOrigin()), 400, "bad % escape");
        assertTrue(filter.stats().badRequests() >= 14);
    }

    @Test
    void postWhenRecordSinkFailsThen503AndNoCookie() throws Exception {
        sink.failing(true);
        long before = filter.stats().recordFailures();
        assertError(postJson("{\"accept\":\"all\"}", sameOrigin()), 503, "could not be recorded");
        assertEquals(before + 1, filter.stats().recordFailures());
    }

    @Test
    void gpcJsonWhenGetThenSupportDeclared() throws Exception {
        HttpResponse<String> r = get(container.uri("/.well-known/gpc.json"));
        assertEquals(200, r.statusCode());
        JsonNode s = json(r);
        assertTrue(s.get("gpc").asBoolean());
        assertEquals("2026-01-15", s.get("lastUpdate").asText());
        assertEquals(List.of(), r.headers().allValues("vary"));
        assertEquals(405, send(request(container.uri("/.well-known/gpc.json"), sameOrigin())
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    }

    @Test
    void putWhenPrefixThen405WithAllow() throws Exception {
        HttpResponse<String> r = send(request(container.uri("/consent"), sameOrigin())
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, r.statusCode());
        assertTrue(r.headers().firstValue("allow").orElse("").contains("POST"));
        assertTrue(json(r).get("error").asText().contains("method not allowed"));
    }

    @Test
    void pathsUnderThePrefixOtherThanTheBannersThenLeftToTheApplication() {
        HttpResponse<String> r = get(container.uri("/consent/other"));
        assertEquals(404, r.statusCode());
        assertNotEquals("application/json", r.headers().firstValue("content-type").orElse(""));
    }
}
