package org.consent4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.testkit.AuditDriver;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.core.testing.External;
import org.consent4j.testkit.AuditReport;
import org.consent4j.testkit.AuditState;
import org.consent4j.testkit.Chromium;
import org.consent4j.testkit.ConsentAudit;
import org.consent4j.testkit.Finding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator on the demo, over HTTP and in a real browser: with the filter off it reports the
 * leaks, with the filter on it reports no violation.
 */
final class DemoAuditTest {

    @TempDir
    static Path dir;
    private static DemoServer.Running filtered;
    private static DemoServer.Running unfiltered;
    private static Catalog catalog;

    @BeforeAll
    static void startDemos() throws Exception {
        filtered = DemoServer.start(0, dir.resolve("records.jsonl"));
        unfiltered = DemoServer.start(0, dir.resolve("unfiltered.jsonl"), false);
        catalog = DemoCatalog.load();
    }

    @AfterAll
    static void stopDemos() throws Exception {
        filtered.stop();
        unfiltered.stop();
    }

    private static ConsentAudit audit() {
        return ConsentAudit.builder()
                .catalog(catalog)
                .jurisdictions(Jurisdictions.bundled())
                .locations(List.of("FR", "DE", "US-CA"))
                .paths(List.of("/"))
                .driver(AuditDriver.HTTP)
                .build();
    }

    @Test
    void withoutTheFilterTheValidatorReportsTheLeaks() {
        AuditReport report = audit().run(unfiltered.uri());
        assertFalse(report.clean(), report.summary());
        Set<String> leakedCookies = services(report, "cookie");
        assertTrue(leakedCookies.containsAll(Set.of("google-analytics", "segmetrics", "meta-pixel", "demo-language")),
                "cookie leaks: " + leakedCookies);
        Set<String> leakedRequests = services(report, "request");
        assertTrue(leakedRequests.containsAll(Set.of("google-tag-manager", "meta-pixel", "youtube", "google-maps",
                "linkedin-insight")), "request leaks: " + leakedRequests);
    }

    @Test
    void withTheFilterTheValidatorReportsNoViolation() {
        AuditReport report = audit().run(filtered.uri());
        assertTrue(report.violations().isEmpty(),
                report.violations().stream().map(Finding::line).collect(Collectors.joining("\n")));
        assertTrue(report.runs().stream().allMatch(AuditReport.Run::applied), "every state was applied through POST /consent");
    }

    @Test
    void inABrowserWithoutTheFilterTheValidatorSeesTheTrackersLoad() {
        AuditReport report = browserAudit().run(unfiltered.uri());
        Set<String> leakedRequests = services(report, "request");
        // Loaded by the page's own tags (gtag.js, the GTM, Meta, Segment, SegMetrics, Hotjar and LinkedIn
        // loaders) and its iframes, as a visitor's browser would.
        assertTrue(leakedRequests.containsAll(Set.of("google-tag-manager", "meta-pixel", "segment", "segmetrics", "hotjar",
                "linkedin-insight", "youtube", "google-maps")), "request leaks: " + leakedRequests);
        assertTrue(services(report, "cookie").containsAll(Set.of("google-analytics", "segmetrics", "meta-pixel")),
                report.summary());
    }

    @Test
    void inABrowserWithTheFilterNothingTracksBeforeConsent() {
        AuditReport report = browserAudit().run(filtered.uri());
        assertTrue(report.violations().isEmpty(),
                report.violations().stream().map(Finding::line).collect(Collectors.joining("\n")));
        assertTrue(report.runs().stream().allMatch(AuditReport.Run::applied), report.summary());
    }

    /** In headless Chromium: a first visit and a rejection in France, a first visit with GPC in California. */
    private static ConsentAudit browserAudit() {
        Chromium chromium = Chromium.system();
        External.assume(chromium.available(), chromium.missing().orElse("Chromium")
                + " (apt-get install chromium chromium-driver)");
        return ConsentAudit.builder()
                .catalog(catalog)
                .jurisdictions(Jurisdictions.bundled())
                .locations(List.of("FR", "US-CA"))
                .states(List.of(AuditState.noChoice(), AuditState.rejectAll(), AuditState.gpcOnly()))
                .paths(List.of("/"))
                .driver(AuditDriver.BROWSER)
                .chromium(chromium)
                .build();
    }

    private static Set<String> services(AuditReport report, String kind) {
        return report.violations().stream().filter(f -> f.kind().equals(kind)).map(Finding::service)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
