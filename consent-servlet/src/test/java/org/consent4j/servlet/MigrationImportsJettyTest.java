package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.testing.Fixtures;
import org.consent4j.iab.IdSet;
import org.consent4j.iab.TcString;
import org.consent4j.iab.VendorSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Visitors who chose in cookieconsent v3, Klaro, Didomi or an IAB TCF CMP before the site moved to
 * consent4j, on Jetty 12 over HTTP: the choice carries over without a banner, is recorded once as an
 * import and rewritten into the signed cookie; a malformed, oversized, expired or future-dated cookie is
 * no choice. The sample cookies are built here from each format's documented shape.
 */
final class MigrationImportsJettyTest {

    private static TestContainer container;
    private static final RecordingSink RECORDS = new RecordingSink();

    @BeforeAll
    static void start() {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().recordSink(RECORDS)
                .source(ConsentImports.cookieConsent(TestSetup.REVISION))
                .source(ConsentImports.klaro(Fixtures.catalog()))
                .source(ConsentImports.didomi(TestSetup.REVISION))
                .source(ConsentImports.tcf(TestSetup.REVISION))
                .jurisdictionResolver(request -> "FR")
                .build());
        container = TestContainer.jetty(TestContainer.Registration.of(filter), Map.of("/s/*", new ScenarioServlet()));
    }

    @AfterAll
    static void stop() throws Exception {
        container.close();
    }

    private static String context(String cookie) {
        HttpResponse<String> r = get(container.uri("/s/context"), "Cookie", cookie);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static void analyticsOnlyWithoutABanner(String cookie) {
        String body = context(cookie);
        assertTrue(body.contains("analytics=allow"), cookie + " -> " + body);
        assertTrue(body.contains("marketing=deny"), cookie + " -> " + body);
        assertTrue(body.contains("prompt=false"), cookie + " -> " + body);
    }

    private static void noChoice(String cookie) {
        String body = context(cookie);
        assertTrue(body.contains("analytics=deny") && body.contains("prompt=true"), cookie + " -> " + body);
    }

    static String ccCookie(List<String> accepted, Instant at, long expires) {
        String json = "{\"categories\":[" + String.join(",", accepted.stream().map(c -> "\"" + c + "\"").toList())
                + "],\"revision\":0,\"data\":null,\"consentTimestamp\":\"" + at + "\",\"consentId\":"
                + "\"5b0c9e52-7a1d-4c3e-9f0a-2d6b8e4c1a77\",\"services\":{\"necessary\":[],\"functionality\":[],"
                + "\"analytics\":[\"matomo\"],\"marketing\":[]},\"languageCode\":\"fr\",\"lastConsentTimestamp\":\"" + at
                + "\",\"expirationTime\":" + expires + "}";
        return "cc_cookie=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    static String didomiToken(List<String> enabled, List<String> disabled, Instant at) {
        String json = "{\"user_id\":\"1d0e3c55-86b2-4f4e-a1d3-7c2e9b0f4a18\",\"created\":\"" + at + "\",\"updated\":\""
                + at + "\",\"vendors\":{\"enabled\":[\"google\",\"c:matomo\"],\"disabled\":[]},\"purposes\":{\"enabled\":["
                + String.join(",", enabled.stream().map(p -> "\"" + p + "\"").toList()) + "],\"disabled\":["
                + String.join(",", disabled.stream().map(p -> "\"" + p + "\"").toList()) + "]},\"version\":2}";
        return "didomi_token=" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String tcString(Instant at, int... purposes) {
        Instant day = at.truncatedTo(ChronoUnit.DAYS);
        return new TcString(day, day, 300, 2, 1, "FR", 150, 4, true, false, IdSet.EMPTY, IdSet.of(purposes),
                IdSet.EMPTY, false, "FR", VendorSet.of(IdSet.EMPTY), VendorSet.of(IdSet.EMPTY), List.of(),
                Optional.of(VendorSet.of(IdSet.EMPTY)), Optional.empty()).encode();
    }

    private static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS);
    private static final long IN_SIX_MONTHS = Instant.now().plus(182, ChronoUnit.DAYS).toEpochMilli();

    @Test
    void cookieConsentAnalyticsOnlyBecomesAnalyticsOnly() {
        analyticsOnlyWithoutABanner(ccCookie(List.of("necessary", "analytics"), YESTERDAY, IN_SIX_MONTHS));
        assertTrue(context(ccCookie(List.of("necessary", "analytics"), YESTERDAY, IN_SIX_MONTHS))
                .contains("functional=deny"), "asked about functionality and not accepted: refused");
    }

    @Test
    void klaroServicesBecomeTheirCategories() {
        String json = "{\"google-analytics\":true,\"meta-pixel\":false,\"youtube\":true,\"segmetrics\":false}";
        analyticsOnlyWithoutABanner("klaro=" + URLEncoder.encode(json, StandardCharsets.UTF_8));
    }

    @Test
    void didomiPurposesBecomeCategoriesOnlyWhenAllAreEnabled() {
        analyticsOnlyWithoutABanner(didomiToken(List.of("cookies", "measure_content_performance", "market_research",
                "improve_products"), List.of("select_basic_ads", "create_ads_profile"), YESTERDAY));
        noChoice(didomiToken(List.of("cookies", "measure_content_performance"), List.of(), YESTERDAY));
    }

    @Test
    void aTcStringBecomesCategoriesThroughTheReverseMapping() {
        analyticsOnlyWithoutABanner("euconsent-v2=" + tcString(YESTERDAY, 1, 8, 9, 10));
        String all = context("euconsent-v2=" + tcString(YESTERDAY, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        assertTrue(all.contains("marketing=allow") && all.contains("functional=allow"), all);
        String noPurposeOne = context("euconsent-v2=" + tcString(YESTERDAY, 8, 9, 10));
        assertTrue(noPurposeOne.contains("analytics=deny") && noPurposeOne.contains("prompt=false"),
                "without purpose 1 nothing may be stored: a refusal, " + noPurposeOne);
    }

    @Test
    void anImportIsRecordedOnceAndRewrittenIntoTheSignedCookie() {
        String foreign = didomiToken(List.of("cookies", "measure_content_performance", "market_research",
                "improve_products"), List.of(), Instant.now().minus(3, ChronoUnit.DAYS));
        int before = RECORDS.records().size();
        HttpResponse<String> first = get(container.uri("/s/context"), "Cookie", foreign);
        String signed = TestSetup.consentCookieSet(first).orElseThrow(() -> new AssertionError(
                "the imported choice is stored in the signed cookie: " + first.headers().allValues("set-cookie")));
        assertEquals(before + 1, RECORDS.records().size());
        assertEquals(ConsentMethod.IMPORT, RECORDS.records().get(before).method());
        HttpResponse<String> second = get(container.uri("/s/context"), "Cookie",
                foreign + "; " + ConsentFilterConfig.DEFAULT_COOKIE_NAME + "=" + signed);
        assertTrue(second.body().contains("analytics=allow") && second.body().contains("prompt=false"), second.body());
        assertEquals(before + 1, RECORDS.records().size(), "the signed cookie wins: no second import record");
        assertTrue(TestSetup.consentCookieSet(second).isEmpty());
    }

    @Test
    void malformedOversizedExpiredOrFutureCookiesAreNoChoice() {
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
        long expired = Instant.now().minus(1, ChronoUnit.HOURS).toEpochMilli();
        for (String cookie : List.of(
                ccCookie(List.of("analytics"), tomorrow, IN_SIX_MONTHS),
                ccCookie(List.of("analytics"), YESTERDAY, expired),
                "cc_cookie=%7B%22categories%22%3A%22analytics%22%7D",
                "cc_cookie=" + "%7B".repeat(1500),
                "klaro=" + URLEncoder.encode("{\"google-analytics\":\"yes\"}", StandardCharsets.UTF_8),
                "klaro=" + URLEncoder.encode("[true]", StandardCharsets.UTF_8),
                "klaro=" + "a".repeat(5000),
                didomiToken(List.of("cookies", "measure_content_performance", "market_research", "improve_products"),
                        List.of(), tomorrow),
                "didomi_token=not*base64",
                "didomi_token=" + Base64.getEncoder().encodeToString("{\"purposes\":[]}".getBytes(StandardCharsets.UTF_8)),
                "euconsent-v2=" + tcString(tomorrow.plus(1, ChronoUnit.DAYS), 1, 8, 9, 10),
                "euconsent-v2=COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAA",
                "euconsent-v2=" + "C".repeat(4000))) {
            noChoice(cookie);
        }
    }

    @Property(tries = 300)
    void anyForeignValueParsesOrIsNoChoice(@ForAll @StringLength(max = 300) String value) {
        Instant now = Instant.now();
        // never throws, whatever the value
        new CookieConsentSource(TestSetup.REVISION, ConsentImports.COOKIECONSENT_CATEGORIES).parse(value, now);
        new KlaroSource(TestSetup.REVISION, Map.of("google-analytics", "analytics")).parse(value, now);
        new DidomiSource(TestSetup.REVISION, ConsentImports.DIDOMI_PURPOSES).parse(value, now);
        new DidomiSource(TestSetup.REVISION, ConsentImports.DIDOMI_PURPOSES).parse(
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)), now);
        new TcfSource(TestSetup.REVISION, ConsentImports.TCF_PURPOSES).parse(value, now);
    }

    @Property(tries = 200)
    void cookieConsentGrantsExactlyTheAcceptedMappedCategories(@ForAll boolean functionality,
                                                              @ForAll boolean analytics, @ForAll boolean marketing) {
        List<String> accepted = new java.util.ArrayList<>(List.of("necessary"));
        if (functionality) {
            accepted.add("functionality");
        }
        if (analytics) {
            accepted.add("analytics");
        }
        if (marketing) {
            accepted.add("marketing");
        }
        String value = java.net.URLDecoder.decode(ccCookie(accepted, YESTERDAY, IN_SIX_MONTHS).substring(10),
                StandardCharsets.UTF_8);
        ConsentState s = new CookieConsentSource(TestSetup.REVISION, ConsentImports.COOKIECONSENT_CATEGORIES)
                .parse(value, Instant.now()).orElseThrow();
        assertEquals(Optional.of(functionality ? Choice.GRANTED : Choice.DENIED), s.category("functional"));
        assertEquals(Optional.of(analytics ? Choice.GRANTED : Choice.DENIED), s.category("analytics"));
        assertEquals(Optional.of(marketing ? Choice.GRANTED : Choice.DENIED), s.category("marketing"));
        assertEquals(ConsentMethod.IMPORT, s.method());
    }

    @Property(tries = 200)
    void aTcfCategoryIsGrantedOnlyWhenAllItsPurposesAre(@ForAll Set<@net.jqwik.api.constraints.IntRange(min = 1, max = 11) Integer> purposes) {
        String tc = tcString(YESTERDAY, purposes.stream().mapToInt(Integer::intValue).toArray());
        ConsentState s = new TcfSource(TestSetup.REVISION, ConsentImports.TCF_PURPOSES).parse(tc, Instant.now())
                .orElseThrow();
        ConsentImports.TCF_PURPOSES.forEach((category, needed) -> assertEquals(
                Optional.of(purposes.containsAll(needed) ? Choice.GRANTED : Choice.DENIED), s.category(category),
                category + " with " + purposes));
    }
}
