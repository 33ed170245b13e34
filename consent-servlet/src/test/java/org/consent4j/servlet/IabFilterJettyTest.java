package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.iab.GppString;
import org.consent4j.iab.IabSignals;
import org.consent4j.iab.IabStrings;
import org.consent4j.iab.TcString;
import org.consent4j.iab.UsNat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IAB signals through the filter on Jetty 12 over HTTP: off by default; on, in {@link ConsentContext},
 * the state GET {prefix} answers and the page's head; incoming GPP and TC strings as signals.
 */
final class IabFilterJettyTest {

    private static final int CMP = 4000;
    private static final String[] CALIFORNIA = {"CF-IPCountry", "US", "cf-region-code", "CA"};
    private static final String[] FRANCE = {"CF-IPCountry", "FR"};
    private static final RecordingSink RECORDS = new RecordingSink();
    private static TestContainer on;
    private static TestContainer off;
    private static TestContainer accepting;

    /** Prints what server code sees through {@link ConsentContext#iabSignals()}. */
    static final class SignalsServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ConsentContext c = ConsentContext.of(req);
            IabStrings s = c.iabSignals();
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write("gpp=" + s.gpp().orElse("-") + "\ntc=" + s.tcString().orElse("-") + "\nusp="
                    + s.usPrivacy().orElse("-") + "\ngpc=" + c.gpc() + "\nanalytics=" + c.allows("analytics")
                    + "\nprompt=" + c.needsPrompt() + "\n");
        }
    }

    @BeforeAll
    static void start() {
        IabConfig iab = IabConfig.builder().cmp(CMP, 2, 150).publisherCountry("FR").build();
        Map<String, HttpServlet> servlets = Map.of("/i/*", new SignalsServlet(), "/s/*", new ScenarioServlet());
        on = TestContainer.jetty(TestContainer.Registration.of(new ConsentFilter(TestSetup.config().iab(iab).build())),
                servlets);
        off = TestContainer.jetty(TestContainer.Registration.of(new ConsentFilter(TestSetup.config().build())), servlets);
        accepting = TestContainer.jetty(TestContainer.Registration.of(new ConsentFilter(TestSetup.config()
                .recordSink(RECORDS).iab(iab.toBuilder().tcfConsent(true).build()).build())), servlets);
    }

    @AfterAll
    static void stop() throws Exception {
        on.close();
        off.close();
        accepting.close();
    }

    private static Map<String, String> lines(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> m = new java.util.HashMap<>();
        for (String line : r.body().split("\n")) {
            int eq = line.indexOf('=');
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }

    private static JsonNode state(TestContainer c, String... headers) throws IOException {
        HttpResponse<String> r = get(c.uri("/consent"), headers);
        assertEquals(200, r.statusCode(), r.body());
        return StrictJson.readTree(r.body());
    }

    private static String[] with(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String tcString(Set<String> granted, int cmpId) {
        IabSignals signals = IabSignals.builder().catalog(TestSetup.ENGINE.catalog()).cmp(cmpId, 1, 150).build();
        ConsentState.Builder b = ConsentState.builder(Instant.now().minus(1, ChronoUnit.DAYS), TestSetup.REVISION)
                .jurisdiction("FR");
        for (String c : List.of("functional", "analytics", "marketing")) {
            b = granted.contains(c) ? b.grant(c) : b.deny(c);
        }
        VisitorConsent v = TestSetup.ENGINE.evaluate("FR", Signals.NONE, Optional.of(b.build()));
        return signals.tcString(v, "FR").orElseThrow().encode();
    }

    @Test
    void offByDefaultNothingIsMadeOrServed() throws IOException {
        Map<String, String> seen = lines(get(off.uri("/i/"), with(CALIFORNIA, "Sec-GPC", "1")));
        assertEquals("-", seen.get("gpp"));
        assertEquals("-", seen.get("usp"));
        assertFalse(state(off, CALIFORNIA).has("iab"));
        String html = get(off.uri("/s/html"), CALIFORNIA).body();
        assertFalse(html.contains("__gpp") || html.contains("iab.js"), html);
    }

    @Test
    void californianWithGpcGetsUsnatOptedOutAndUsPrivacyInContextAndState() throws IOException {
        Map<String, String> seen = lines(get(on.uri("/i/"), with(CALIFORNIA, "Sec-GPC", "1")));
        UsNat usnat = GppString.parse(seen.get("gpp")).usNat().orElseThrow();
        assertEquals(1, usnat.saleOptOut());
        assertEquals(1, usnat.sharingOptOut());
        assertEquals(Optional.of(true), usnat.gpc());
        assertEquals("1YYN", seen.get("usp"));
        assertEquals("-", seen.get("tc"));

        JsonNode iab = state(on, with(CALIFORNIA, "Sec-GPC", "1")).get("iab");
        assertEquals(seen.get("gpp"), iab.get("gpp").asText());
        assertEquals("1YYN", iab.get("usPrivacy").asText());
        assertEquals(1, iab.at("/parsedSections/usnat/0/SaleOptOut").asInt());
        assertTrue(iab.at("/parsedSections/usnat/1/Gpc").asBoolean());
        assertEquals(CMP, iab.get("cmpId").asInt());
        assertFalse(iab.get("gdprApplies").asBoolean());
    }

    @Test
    void htmlPagesGetTheStubBeforeTheirOwnContentAndTheScriptIsServedVersioned() {
        String html = get(on.uri("/s/html"), CALIFORNIA).body();
        int stub = html.indexOf("w.__gpp=");
        int data = html.indexOf("id=\"consent4j-iab\"");
        int own = html.indexOf("<p>hello</p>");
        assertTrue(stub > 0 && data > stub && own > data, html);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("src=\"(/consent/assets/iab\\.js\\?v=[^\"]+)\"").matcher(html);
        assertTrue(m.find(), html);
        // The head budget: the stub, the data and the script tag stay small whatever the catalog's size.
        int start = html.lastIndexOf("<script", stub);
        int end = html.indexOf("</script>", m.end()) + "</script>".length();
        assertTrue(end - start < 3072, "IAB head markup of " + (end - start) + " bytes");
        HttpResponse<String> script = get(on.uri(m.group(1)));
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Cache-Control").orElse("").contains("immutable"),
                script.headers().map().toString());
        assertTrue(script.body().contains("__tcfapi") && script.body().contains("getUSPData"));
    }

    @Test
    void anIncomingGppOptOutIsHonouredLikeGpc() {
        String optedOut = GppString.of(UsNat.of(true, false, false, false)).encode();
        Map<String, String> seen = lines(get(on.uri("/i/?gpp=" + optedOut), CALIFORNIA));
        assertEquals("true", seen.get("gpc"), "a GPP opt-out of sale acts as Sec-GPC");
        assertEquals("1YYN", seen.get("usp"));
        String gpcField = GppString.of(UsNat.of(false, false, false, true)).encode();
        assertEquals("true", lines(get(on.uri("/i/"), with(CALIFORNIA, "X-GPP", gpcField))).get("gpc"),
                "the Gpc field in a GPP header is Sec-GPC");
        String none = GppString.of(UsNat.of(false, false, false, false)).encode();
        assertEquals("false", lines(get(on.uri("/i/?gpp=" + none), CALIFORNIA)).get("gpc"));
        assertEquals("false", lines(get(off.uri("/i/?gpp=" + optedOut), CALIFORNIA)).get("gpc"),
                "not read when IAB signals are off");
    }

    @Test
    void aMalformedIncomingStringIsNoSignalAndNever500() {
        java.util.Random random = new java.util.Random(18);
        List<String> junk = new java.util.ArrayList<>(List.of("", "D", "DBABLA~", "DBABLA~%%%", "C" + "A".repeat(2500),
                "DBABLA~BVQqAAAAAg", "1YYN", "%ZZ", "~~~~", "DBACNY~CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA~1YNN"));
        for (int i = 0; i < 40; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(80); n > 0; n--) {
                s.append((char) (32 + random.nextInt(95)));
            }
            junk.add(s.toString());
        }
        for (String j : junk) {
            String q = URLEncoder.encode(j, StandardCharsets.UTF_8);
            Map<String, String> seen = lines(get(on.uri("/i/?gpp=" + q + "&gdpr_consent=" + q), CALIFORNIA));
            assertEquals("false", seen.get("gpc"), j);
        }
    }

    @Test
    void anIncomingTcStringIsNotConsentUnlessTheSiteAcceptsIt() {
        String tc = tcString(Set.of("analytics"), CMP);
        Map<String, String> ignored = lines(get(on.uri("/i/?gdpr_consent=" + tc), FRANCE));
        assertEquals("false", ignored.get("analytics"), "opt-in regime: a TC string is not consent by default");
        assertEquals("true", ignored.get("prompt"));

        int before = RECORDS.records().size();
        HttpResponse<String> r = get(accepting.uri("/i/?gdpr_consent=" + tc), FRANCE);
        Map<String, String> accepted = lines(r);
        assertEquals("true", accepted.get("analytics"));
        assertEquals("false", accepted.get("prompt"));
        assertEquals(before + 1, RECORDS.records().size());
        assertEquals(ConsentMethod.IMPORT, RECORDS.records().get(before).method());
        assertTrue(TestSetup.consentCookieSet(r).isPresent(), "rewritten into the signed cookie");
        assertEquals(TcString.parse(tc).purposesConsent(), TcString.parse(accepted.get("tc")).purposesConsent());

        Map<String, String> foreign = lines(get(accepting.uri("/i/?gdpr_consent=" + tcString(Set.of("analytics"), 12)), FRANCE));
        assertEquals("false", foreign.get("analytics"), "another CMP's string is not this site's choice");
        assertEquals("true", foreign.get("prompt"));
    }

    @Test
    void jsonSettingsConfigureTheSignals() {
        ConsentFilterConfig.Builder b = ConsentFilterConfig.builder().engine(TestSetup.ENGINE);
        ConsentFilterSettings.apply(b, ConsentFilterSettings.readJson("""
                {"iab": true, "iab-cmp-id": 4000, "iab-vendor-list-version": 150, "iab-cmp-version": 3,
                 "iab-publisher-country": "de", "iab-tcf-purposes": ["11:functional|analytics"],
                 "iab-incoming-header": "", "iab-tcf-consent": true}""", "test"), n -> null);
        IabConfig c = b.build().iab();
        assertTrue(c.enabled());
        assertEquals(4000, c.cmpId());
        assertEquals(3, c.cmpVersion());
        assertEquals(150, c.vendorListVersion());
        assertEquals("DE", c.publisherCountry());
        assertEquals(Set.of("functional", "analytics"), c.tcfPurposes().get(11));
        assertEquals("", c.incomingHeader());
        assertTrue(c.tcfConsent());
        assertFalse(ConsentFilterConfig.builder().engine(TestSetup.ENGINE).build().iab().enabled(), "off by default");

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ConsentFilterSettings.apply(
                ConsentFilterConfig.builder(), Map.of("iab-cmp-id", "5000", "iab-vendor-list-version", "1"), n -> null));
        assertTrue(bad.getMessage().contains("iab-"), bad.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> {
            ConsentFilterConfig.Builder u = ConsentFilterConfig.builder().engine(TestSetup.ENGINE);
            ConsentFilterSettings.apply(u, Map.of("iab", "true", "iab-tcf-purposes", "1:no-such-category"), n -> null);
            u.build();
        });
        assertTrue(unknown.getMessage().contains("iab-tcf-purposes") || unknown.getMessage().contains("no-such-category"),
                unknown.getMessage());
    }
}
