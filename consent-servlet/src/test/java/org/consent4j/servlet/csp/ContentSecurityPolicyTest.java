package org.consent4j.servlet.csp;

import static org.consent4j.servlet.csp.CspFixtures.directive;
import static org.consent4j.servlet.csp.CspFixtures.granted;
import static org.consent4j.servlet.csp.CspFixtures.noChoice;
import static org.consent4j.servlet.csp.CspFixtures.policy;
import static org.consent4j.servlet.csp.CspFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consent4j.core.decision.Choice;
import org.junit.jupiter.api.Test;

final class ContentSecurityPolicyTest {

    private static final CspConfig DEFAULTS = CspConfig.defaults();

    @Test
    void header_optInWithoutChoice_listsSelfNecessaryHostsAndNonceOnly() {
        HttpServletRequest request = request("");
        String header = policy(DEFAULTS).header(request, noChoice());
        String nonce = CspNonce.find(request).orElseThrow();
        for (String d : Sources.DIRECTIVES) {
            List<String> sources = directive(header, d);
            assertTrue(sources != null && sources.get(0).equals("'self'"), d + " in " + header);
            assertTrue(sources.contains("cdn.example.net") && sources.contains("*.cdn.example.net"), d + " in " + header);
        }
        assertEquals(List.of("'self'", "'nonce-" + nonce + "'", "cdn.example.net", "*.cdn.example.net"),
                directive(header, "script-src"));
        for (String tracker : List.of("facebook.com", "segmetrics.com", "google-analytics.com", "chat.example.org")) {
            assertFalse(header.contains(tracker), tracker + " in " + header);
        }
        assertTrue(header.endsWith("; report-uri /consent/csp-report"), header);
    }

    @Test
    void header_marketingGranted_listsItsHostsWithSubdomains() {
        String header = policy(DEFAULTS).header(request(""), granted("marketing"));
        List<String> connect = directive(header, "connect-src");
        for (String host : List.of("connect.facebook.net", "facebook.com", "youtube.com", "segmetrics.com")) {
            assertTrue(connect.contains("*." + host), host + " in " + connect);
        }
        assertTrue(connect.contains("connect.facebook.net"), connect.toString());
        assertFalse(header.contains("google-analytics.com"), header);
    }

    @Test
    void header_isDeterministicAndTheNonceIsTheRequests() {
        ContentSecurityPolicy a = policy(DEFAULTS);
        ContentSecurityPolicy b = policy(DEFAULTS);
        HttpServletRequest r1 = request("/shop");
        HttpServletRequest r2 = request("/shop");
        String h1 = a.header(r1, granted("analytics"));
        String h2 = b.header(r2, granted("analytics"));
        String n1 = CspNonce.find(r1).orElseThrow();
        String n2 = CspNonce.find(r2).orElseThrow();
        assertNotEquals(n1, n2);
        assertEquals(h1.replace(n1, "N"), h2.replace(n2, "N"));
        assertEquals(h1, a.header(r1, granted("analytics")), "the same request keeps its nonce");
        assertEquals(a.key(granted("analytics")), b.key(granted("analytics")));
        assertNotEquals(a.key(granted("analytics")), a.key(granted("analytics", "marketing")));
        assertEquals(a.key(noChoice()), a.key(granted()), "no choice and all refused list the same hosts");
        assertTrue(h1.contains("report-uri /shop/consent/csp-report"), h1);
    }

    @Test
    void header_unsafeInlineScripts_noNonce() {
        HttpServletRequest request = request("");
        String header = policy(CspConfig.builder().unsafeInlineScripts(true).build()).header(request, noChoice());
        assertEquals(List.of("'self'", "'unsafe-inline'", "cdn.example.net", "*.cdn.example.net"),
                directive(header, "script-src"));
        assertTrue(CspNonce.find(request).isEmpty());
    }

    @Test
    void header_usesTheApplicationsNonce() {
        HttpServletRequest request = request("");
        request.setAttribute("app.nonce", "AppNonce0123456789abcd");
        String header = policy(CspConfig.builder().nonceAttribute("app.nonce").build()).header(request, noChoice());
        assertTrue(directive(header, "script-src").contains("'nonce-AppNonce0123456789abcd'"), header);
        assertEquals("AppNonce0123456789abcd", CspNonce.of(request));
    }

    @Test
    void header_siteSourcesGoInTheirDirectiveOnly() {
        String header = policy(CspConfig.builder().sources("img-src https://img.example-cdn.com; connect-src api.example.com")
                .build()).header(request(""), noChoice());
        assertTrue(directive(header, "img-src").contains("https://img.example-cdn.com"), header);
        assertTrue(directive(header, "connect-src").contains("api.example.com"), header);
        assertFalse(directive(header, "script-src").contains("api.example.com"), header);
        assertEquals(List.of("'self'", "data:", "blob:", "https://img.example-cdn.com", "cdn.example.net",
                "*.cdn.example.net"), directive(header, "img-src"));
    }

    @Test
    void header_servicesScopeLeavesOtherServicesOut() {
        String header = policy(CspConfig.builder().services(Set.of("meta-pixel")).build())
                .header(request(""), granted("marketing", "analytics"));
        assertTrue(header.contains("*.facebook.com"), header);
        assertFalse(header.contains("segmetrics.com") || header.contains("google-analytics.com")
                || header.contains("cdn.example.net"), header);
    }

    @Test
    void create_unknownServiceInScope_fails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> policy(CspConfig.builder().services(Set.of("meta-pixel", "no-such-service")).build()));
        assertTrue(e.getMessage().contains("[no-such-service]"), e.getMessage());
    }

    @Test
    void create_enforceWithAPolicyThatCanGrowTooLong_fails_reportOnlyLeavesItOut() {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hosts.add("https://very-long-host-name-number-" + i + ".images.example.com");
        }
        CspConfig.Builder b = CspConfig.builder().maxPolicyLength(2048).source("img-src", hosts.toArray(String[]::new));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> policy(b.mode(CspMode.ENFORCE).build()));
        assertTrue(e.getMessage().contains("csp-services"), e.getMessage());
        ContentSecurityPolicy reportOnly = policy(b.mode(CspMode.REPORT_ONLY).build());
        assertEquals("", reportOnly.header(request(""), noChoice()));
        assertEquals(1, reportOnly.policiesTooLong());
    }

    @Test
    void apply_reportOnlyAndEnforceNameTheirHeaders_offAddsNothing() {
        List<String> names = new ArrayList<>();
        policy(DEFAULTS).apply(request(""), noChoice(), (n, v) -> names.add(n));
        assertEquals(List.of("Content-Security-Policy-Report-Only"), names);
        names.clear();
        policy(DEFAULTS).apply(request("", true), noChoice(), (n, v) -> names.add(n));
        assertEquals(List.of("Content-Security-Policy-Report-Only", "Reporting-Endpoints"), names);
        names.clear();
        policy(CspConfig.builder().mode(CspMode.ENFORCE).reportEndpoint(false).build())
                .apply(request(""), noChoice(), (n, v) -> names.add(n + ": " + v));
        assertEquals(1, names.size());
        assertTrue(names.get(0).startsWith("Content-Security-Policy: script-src 'self'"), names.get(0));
        assertFalse(names.get(0).contains("report-uri"), names.get(0));
        names.clear();
        policy(CspConfig.builder().mode(CspMode.OFF).build()).apply(request(""), noChoice(), (n, v) -> names.add(n));
        assertEquals(List.of(), names);
    }

    @Test
    void reportingEndpoints_onSecurePages_namesTheGroupAndTheContextsPath() {
        List<String> values = new ArrayList<>();
        policy(DEFAULTS).apply(request("/shop", true), noChoice(), (n, v) -> values.add(v));
        assertTrue(values.get(0).endsWith("; report-uri /shop/consent/csp-report; report-to consent4j-csp"), values.get(0));
        assertEquals("consent4j-csp=\"/shop/consent/csp-report\"", values.get(1));
    }

    @Test
    void template_perServiceChoicesAreHonoured() {
        // Marketing granted but Meta Pixel refused on its own: the pixel's hosts stay out.
        String header = policy(DEFAULTS).header(request(""), CspFixtures.visitor("FR", false,
                Map.of("marketing", Choice.GRANTED), Map.of("meta-pixel", Choice.DENIED)));
        assertTrue(header.contains("*.segmetrics.com"), header);
        assertFalse(header.contains("facebook"), header);
    }

    @Test
    void template_gpcRemovesSharingServicesInCalifornia() {
        String withoutGpc = policy(DEFAULTS).header(request(""), CspFixtures.visitor("US-CA", false, Map.of(), Map.of()));
        String withGpc = policy(DEFAULTS).header(request(""), CspFixtures.visitor("US-CA", true, Map.of(), Map.of()));
        assertTrue(withoutGpc.contains("*.facebook.com"), withoutGpc);
        assertFalse(withGpc.contains("facebook.com"), withGpc);
    }

    @Test
    void handles_onlyThePrefixedReportPath() {
        ContentSecurityPolicy csp = policy(DEFAULTS);
        assertTrue(csp.handles("/consent/csp-report"));
        assertFalse(csp.handles("/consent/csp-reports"));
        assertFalse(csp.handles("/other/csp-report"));
        assertFalse(policy(CspConfig.builder().reportEndpoint(false).build()).handles("/consent/csp-report"));
    }

    @Test
    void withoutCovered_dropsSubdomainsOfListedHostsOnly() {
        assertEquals(List.of("a.example", "b.other.example", "example.org"),
                Policies.withoutCovered(new java.util.TreeSet<>(Set.of("a.example", "x.a.example", "y.x.a.example",
                        "b.other.example", "example.org", "www.example.org"))));
    }

    @Test
    void cspMode_parsesItsTexts() {
        for (CspMode m : CspMode.values()) {
            assertEquals(m, CspMode.parse(m.text().toUpperCase(java.util.Locale.ROOT)));
        }
        assertThrows(IllegalArgumentException.class, () -> CspMode.parse("on"));
    }
}
