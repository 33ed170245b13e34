package org.consent4j.servlet.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class ReportParserTest {

    /** As Chromium sends it for report-uri. */
    static final String LEGACY = """
            {"csp-report":{"document-uri":"https://shop.example/basket?id=42","referrer":"","violated-directive":"script-src-elem",
            "effective-directive":"script-src-elem","original-policy":"script-src 'self'","disposition":"enforce",
            "blocked-uri":"https://connect.facebook.net/en_US/fbevents.js?v=2","status-code":200,"script-sample":""}}""";
    /** As Chromium sends it for report-to. */
    static final String REPORTING = """
            [{"age":10,"body":{"blockedURL":"https://tracker.unknown.example/p.gif","disposition":"report",
            "documentURL":"https://shop.example/","effectiveDirective":"img-src","originalPolicy":"img-src 'self'",
            "referrer":"","sample":"","statusCode":200},"type":"csp-violation","url":"https://shop.example/",
            "user_agent":"Mozilla/5.0"},{"age":3,"body":{"id":"x"},"type":"deprecation","url":"https://shop.example/"},
            {"age":1,"body":{"blockedURL":"inline","effectiveDirective":"script-src-elem","disposition":"enforce"},
            "type":"csp-violation","url":"https://shop.example/"}]""";

    private final ReportEndpoint endpoint = new ReportEndpoint(CspFixtures.CATALOG, CspConfig.defaults(),
            Clock.fixed(CspFixtures.NOW, ZoneOffset.UTC), System::nanoTime);

    @Test
    void parse_reportUriFormat() {
        List<ReportParser.Raw> r = ReportParser.parse(LEGACY.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new ReportParser.Raw("https://connect.facebook.net/en_US/fbevents.js?v=2", "script-src-elem",
                "https://shop.example/basket?id=42", "enforce")), r);
        CspViolation v = endpoint.violation(r.get(0), "shop.example").orElseThrow();
        assertEquals(new CspViolation(CspViolation.Kind.SERVICE_NOT_ALLOWED, "connect.facebook.net", "meta-pixel",
                "https://connect.facebook.net/en_US/fbevents.js", "script-src-elem", "https://shop.example/basket", true,
                CspFixtures.NOW), v);
    }

    @Test
    void parse_reportingApiFormat_skipsOtherTypesAndNonHosts() {
        List<ReportParser.Raw> r = ReportParser.parse(REPORTING.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, r.size());
        CspViolation v = endpoint.violation(r.get(0), "shop.example").orElseThrow();
        assertEquals(CspViolation.Kind.UNKNOWN_HOST, v.kind());
        assertEquals("tracker.unknown.example", v.host());
        assertEquals("", v.serviceId());
        assertEquals(false, v.enforced());
        assertEquals(Optional.empty(), endpoint.violation(r.get(1), "shop.example"), "inline is not a host");
    }

    @Test
    void parse_legacyViolatedDirectiveWhenNoEffectiveOne() {
        List<ReportParser.Raw> r = ReportParser.parse("{\"csp-report\":{\"blocked-uri\":\"https://a.example/x\",\"violated-directive\":\"img-src 'self'\"}}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("img-src", r.get(0).directive());
    }

    @Test
    void parse_refusesWhatHoldsNoReport() {
        for (String body : List.of("", "nope", "{}", "42", "{\"csp-report\":[]}", "[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]")) {
            assertThrows(IllegalArgumentException.class, () -> ReportParser.parse(body.getBytes(StandardCharsets.UTF_8)), body);
        }
    }

    @Test
    void violation_ownHostIsNotReported() {
        assertTrue(endpoint.violation(new ReportParser.Raw("https://shop.example:8443/x.js", "script-src-elem", "", ""),
                "shop.example").isEmpty());
    }

    @Test
    void host_readsHttpAndWebSocketUrlsOnly() {
        assertEquals(Optional.of("a.example"), ReportEndpoint.host("HTTPS://user:pw@A.Example.:8443/p?q#f"));
        assertEquals(Optional.of("live.example"), ReportEndpoint.host("wss://live.example"));
        assertEquals(Optional.of("[::1]"), ReportEndpoint.host("http://[::1]:8080/"));
        for (String s : List.of("inline", "eval", "data", "blob:https://a.example/1", "javascript:x", "https://", "https://a b/",
                "ftp://a.example/")) {
            assertEquals(Optional.empty(), ReportEndpoint.host(s), s);
        }
    }

    @Test
    void trim_dropsQueryFragmentAndControls() {
        assertEquals("https://a.example/p", ReportEndpoint.trim("https://a.example/p?email=x@y#z"));
        assertEquals("https://a.example/?", ReportEndpoint.trim("https://a.example/\n"));
        assertEquals(512, ReportEndpoint.trim("https://a.example/" + "x".repeat(1000)).length());
    }

    /** Whatever arrives, the parser answers reports or a clear IllegalArgumentException, nothing else. */
    @Property(tries = 400)
    void parse_readsOrRefusesAnything(@ForAll("bodies") String body) {
        try {
            List<ReportParser.Raw> reports = ReportParser.parse(body.getBytes(StandardCharsets.UTF_8));
            assertTrue(reports.size() <= ReportParser.MAX_REPORTS);
            for (ReportParser.Raw r : reports) {
                endpoint.violation(r, "shop.example").ifPresent(v -> {
                    assertTrue(v.blockedUrl().length() <= 512 && !v.host().isEmpty());
                    assertTrue(v.host().equals(v.host().toLowerCase(java.util.Locale.ROOT)));
                });
            }
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> urls = Arbitraries.oneOf(Arbitraries.of("inline", "eval", "https://a.example/x", "http://B.example:1/",
                "wss://[::1]/", "https://" , "data:", "https://x@y@z/"), noise);
        Arbitrary<String> legacy = urls.map(u -> "{\"csp-report\":{\"blocked-uri\":" + quote(u)
                + ",\"effective-directive\":\"img-src\"}}");
        Arbitrary<String> reporting = urls.list().ofMaxSize(40).map(list -> {
            StringBuilder sb = new StringBuilder("[");
            for (String u : list) {
                sb.append(sb.length() > 1 ? "," : "").append("{\"type\":\"csp-violation\",\"body\":{\"blockedURL\":")
                        .append(quote(u)).append("}}");
            }
            return sb.append(']').toString();
        });
        Arbitrary<String> cut = Arbitraries.oneOf(legacy, reporting).flatMap(s ->
                Arbitraries.integers().between(0, s.length()).map(n -> s.substring(0, n)));
        return Arbitraries.oneOf(legacy, reporting, cut, noise);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
