package org.consent4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.consent4j.core.testing.External;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class BrowserAuditTest {

    private static LeakySite plain;
    private static LeakySite withEndpoint;

    @BeforeAll
    static void start() throws Exception {
        plain = LeakySite.start(false);
        withEndpoint = LeakySite.start(true);
    }

    @AfterAll
    static void stop() throws Exception {
        plain.close();
        withEndpoint.close();
    }

    private static ConsentAudit.Builder audit() {
        Chromium chromium = Chromium.system();
        External.assume(chromium.available(), chromium.missing().orElse(""));
        return ConsentAudit.builder().catalog(Fixtures.catalog()).jurisdictions(Fixtures.jurisdictions())
                .driver(AuditDriver.BROWSER).chromium(chromium);
    }

    private static Set<String> violations(AuditReport report, String state) {
        return report.violations().stream().filter(f -> f.state().equals(state))
                .map(f -> f.service() + " " + f.source()).collect(Collectors.toSet());
    }

    @Test
    void browserAuditWhenNoChoiceThenFindsEveryLeakIncludingTheInjectedTag() {
        AuditReport report = audit().locations(List.of("FR")).states(List.of(AuditState.noChoice())).build().run(plain.uri());

        assertEquals(Set.of("google-analytics network", "google-analytics browser-cookie", "meta-pixel browser-cookie",
                "youtube network", "meta-pixel noscript", "segmetrics network", "segmetrics browser-cookie"),
                violations(report, "no-choice"), report.summary());
        Finding injected = report.violations().stream()
                .filter(f -> f.service().equals("segmetrics") && f.source().equals("network")).findFirst().orElseThrow();
        assertTrue(injected.evidence().contains("http://tracker.segmetrics.com/sm.js?site=leaky"), injected.evidence());
        Finding youtube = report.violations().stream().filter(f -> f.service().equals("youtube")).findFirst().orElseThrow();
        assertTrue(youtube.evidence().contains("www.youtube.com"), youtube.evidence());
        assertTrue(report.findings().stream().noneMatch(f -> f.evidence().contains("fbevents.js")),
                "the gated tag must stay inert in a real browser: " + report.summary());
        assertTrue(report.findings().stream().noneMatch(f -> f.evidence().contains("_old_tracker")), report.summary());
        assertEquals(List.of("https://cdn.unknown-widgets.example/badge.png"),
                report.warnings().stream().map(Finding::evidence).map(e -> e.replace("browser requested ", "")).toList(),
                "the only warning is the unknown host: no browser background traffic may show up");
    }

    @Test
    void browserAuditWhenStatesAreMadeThroughTheEndpointThenJudgesEachState() {
        AuditReport report = audit().locations(List.of("FR"))
                .states(List.of(AuditState.acceptAll(), AuditState.only("analytics"))).build().run(withEndpoint.uri());

        assertTrue(report.runs().stream().allMatch(AuditReport.Run::applied), report.summary());
        assertEquals(Set.of(), violations(report, "accept"), report.summary());
        assertEquals(Set.of("meta-pixel browser-cookie", "youtube network", "meta-pixel noscript", "segmetrics network",
                "segmetrics browser-cookie"), violations(report, "only:analytics"), report.summary());
        assertTrue(report.runs().get(0).observations().stream().noneMatch(o -> o.subject().equals(LeakySite.COOKIE)
                && o.kind() == Observation.Kind.REQUEST));
    }

    @Test
    void browserAuditWhenGpcInCaliforniaThenSiteSeesTheSignalAndLocation() {
        AuditReport report = audit().locations(List.of("US-CA")).states(List.of(AuditState.gpcOnly())).build()
                .run(withEndpoint.uri());

        assertTrue(report.warnings().stream().noneMatch(f -> f.rule().equals("location-mismatch")), report.summary());
        assertEquals("1", withEndpoint.lastGpcHeader, "the page request carries Sec-GPC");
        assertEquals("true", withEndpoint.lastNavigatorGpc, "page scripts read navigator.globalPrivacyControl");
        assertEquals(Set.of("meta-pixel browser-cookie", "youtube network", "meta-pixel noscript", "segmetrics network",
                "segmetrics browser-cookie"), violations(report, "gpc"), report.summary());
        assertTrue(report.violations().stream().allMatch(f -> f.rule().equals("gpc-opt-out")));
    }
}
