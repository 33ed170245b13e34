package org.consent4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class HttpAuditTest {

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
        return ConsentAudit.builder().catalog(Fixtures.catalog()).jurisdictions(Fixtures.jurisdictions());
    }

    private static Set<String> violations(AuditReport report, String state, String jurisdiction) {
        return report.violations().stream().filter(f -> f.state().equals(state) && f.jurisdiction().equals(jurisdiction))
                .map(f -> f.service() + " " + f.source()).collect(Collectors.toSet());
    }

    @Test
    void auditWhenNoChoiceInFranceThenFindsEveryStaticLeak() {
        AuditReport report = audit().locations(List.of("FR")).states(List.of(AuditState.noChoice())).build().run(plain.uri());

        assertEquals(Set.of("google-analytics script-src", "google-analytics set-cookie", "meta-pixel set-cookie",
                "youtube iframe-src", "meta-pixel noscript"), violations(report, "no-choice", "FR"));
        assertFalse(report.clean());
        Finding script = report.violations().stream().filter(f -> f.source().equals("script-src")).findFirst().orElseThrow();
        assertEquals("no-choice-opt-in", script.rule());
        assertEquals("analytics", script.category());
        assertTrue(script.evidence().contains("https://www.googletagmanager.com/gtag/js?id=G-LEAK"), script.evidence());
        assertTrue(script.explanation().contains("GDPR"), script.explanation());
    }

    @Test
    void auditWhenMarkupIsGatedOrDeletesACookieThenItIsNotReported() {
        AuditReport report = audit().locations(List.of("FR")).states(List.of(AuditState.noChoice())).build().run(plain.uri());

        assertTrue(report.findings().stream().noneMatch(f -> f.evidence().contains("fbevents.js")), report.summary());
        assertTrue(report.findings().stream().noneMatch(f -> f.evidence().contains("_old_tracker")), report.summary());
        assertTrue(report.findings().stream().noneMatch(f -> f.evidence().contains("segmetrics")),
                "a tag injected at run time is visible only to the browser driver");
    }

    @Test
    void auditWhenHostIsUnknownThenWarnsUnclassified() {
        AuditReport report = audit().states(List.of(AuditState.noChoice())).build().run(plain.uri());

        List<Finding> unclassified = report.warnings().stream().filter(f -> f.rule().equals("unclassified-host")).toList();
        assertEquals(1, unclassified.size(), report.summary());
        assertTrue(unclassified.get(0).evidence().contains("cdn.unknown-widgets.example"));
        assertEquals("default", unclassified.get(0).jurisdiction());
    }

    @Test
    void auditWhenSiteHasNoEndpointThenChoicesAreNotAppliedButGpcIs() {
        AuditReport report = audit().locations(List.of("FR"))
                .states(List.of(AuditState.rejectAll(), AuditState.gpcOnly())).build().run(plain.uri());

        AuditReport.Run reject = report.runs().get(0);
        assertFalse(reject.applied());
        assertTrue(reject.note().contains("no consent endpoint"), reject.note());
        assertTrue(reject.cells().values().stream().allMatch(c -> c.status() == AuditReport.Status.NOT_APPLIED));
        assertTrue(report.warnings().stream().anyMatch(f -> f.rule().equals("state-not-applied") && f.state().equals("reject")));
        assertTrue(report.runs().get(1).applied());
        assertFalse(violations(report, "gpc", "FR").isEmpty());
    }

    @Test
    void auditWhenVisitorAcceptsAllThenNothingIsAViolation() {
        AuditReport report = audit().locations(List.of("FR")).states(List.of(AuditState.acceptAll())).build()
                .run(withEndpoint.uri());

        assertTrue(report.runs().get(0).applied(), report.runs().get(0).note());
        assertTrue(report.clean(), report.summary());
        assertEquals(AuditReport.Status.FIRED_ALLOWED, report.runs().get(0).cells().get("google-analytics").status());
    }

    @Test
    void auditWhenOnlyAnalyticsOrRejectThenOnlyUnconditionalTagsLeak() {
        AuditReport report = audit().locations(List.of("FR"))
                .states(List.of(AuditState.only("analytics"), AuditState.rejectAll())).build().run(withEndpoint.uri());

        assertEquals(Set.of("meta-pixel set-cookie", "youtube iframe-src", "meta-pixel noscript"),
                violations(report, "only:analytics", "FR"));
        assertEquals(Set.of("meta-pixel set-cookie", "youtube iframe-src", "meta-pixel noscript"),
                violations(report, "reject", "FR"));
        assertEquals(AuditReport.Status.FIRED_ALLOWED, report.runs().get(0).cells().get("google-analytics").status());
        assertEquals(AuditReport.Status.BLOCKED, report.runs().get(1).cells().get("google-analytics").status());
        assertTrue(report.violations().stream().allMatch(f -> f.rule().equals("denied")), report.summary());
    }

    @Test
    void auditWhenCaliforniaWithGpcThenOnlySharingServicesAreViolations() {
        AuditReport report = audit().locations(List.of("US-CA"))
                .states(List.of(AuditState.noChoice(), AuditState.gpcOnly())).build().run(withEndpoint.uri());

        assertEquals(Set.of(), violations(report, "no-choice", "US-CA"), "opt-out regime: allowed until the visitor opts out");
        assertEquals(Set.of("meta-pixel set-cookie", "youtube iframe-src", "meta-pixel noscript"),
                violations(report, "gpc", "US-CA"));
        assertTrue(report.violations().stream().allMatch(f -> f.rule().equals("gpc-opt-out")));
        assertTrue(report.warnings().stream().noneMatch(f -> f.rule().equals("location-mismatch")), report.summary());
    }

    @Test
    void auditWhenSiteResolvesAnotherLocationThenWarnsMismatch() {
        AuditReport report = ConsentAudit.builder().catalog(Fixtures.catalog()).jurisdictions(Fixtures.jurisdictions())
                .locations(List.of("DE-BY")).states(List.of(AuditState.noChoice())).build().run(withEndpoint.uri());

        Finding mismatch = report.warnings().stream().filter(f -> f.rule().equals("location-mismatch")).findFirst().orElseThrow();
        assertEquals("DE", mismatch.jurisdiction());
        assertTrue(mismatch.evidence().contains("DE-BY"), mismatch.evidence());
    }

    @Test
    void auditWhenSeveralPathsThenEachIsLoadedAndReportedByPath() {
        AuditReport report = audit().locations(List.of("FR")).paths(List.of("/", "/pricing"))
                .states(List.of(AuditState.noChoice())).build().run(plain.uri());

        Set<String> paths = report.violations().stream().map(Finding::path).collect(Collectors.toSet());
        assertEquals(Set.of("/", "/pricing"), paths);
    }
}
