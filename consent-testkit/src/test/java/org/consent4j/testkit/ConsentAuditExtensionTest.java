package org.consent4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.consent4j.core.testing.External;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

final class ConsentAuditExtensionTest {

    private static final Path REPORTS = Path.of("target", "consent-audit-test");

    @RegisterExtension
    static final ConsentAuditExtension CONSENT = ConsentAuditExtension.of(Fixtures.catalog(), Fixtures.jurisdictions())
            .locations("FR").paths("/", "/pricing").reportDirectory(REPORTS);

    @RegisterExtension
    static final ConsentAuditExtension NO_BROWSER = ConsentAuditExtension.of(Fixtures.catalog(), Fixtures.jurisdictions())
            .browser().reportDirectory(REPORTS)
            .configure(b -> b.chromium(new Chromium(Path.of("no-such-dir", "chromium"), Path.of("no-such-dir", "chromedriver"))));

    private static LeakySite site;

    @BeforeAll
    static void start() throws Exception {
        site = LeakySite.start(true);
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @Test
    void assertNoTrackingWithoutConsentWhenTagsLeakThenFailsListingEachAndNamesTheReport() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> CONSENT.assertNoTrackingWithoutConsent(site.uri(), AuditState.noChoice(), AuditState.rejectAll()));

        String message = e.getMessage();
        assertTrue(message.startsWith("12 trackers fired without consent on " + site.uri()), message);
        assertTrue(message.contains("VIOLATION [reject, FR] /pricing youtube (marketing)"), message);
        Path html = REPORTS.resolve("ConsentAuditExtensionTest.assertNoTrackingWithoutConsentWhenTagsLeakThenFailsListingEachAndNamesTheReport.html");
        assertTrue(message.contains(html.toAbsolutePath().toString()), message);
        assertTrue(Files.exists(html));
        assertTrue(Files.exists(Path.of(html.toString().replace(".html", ".json"))));
    }

    @Test
    void assertNoTrackingWithoutConsentWhenEverythingIsAcceptedThenPassesAndReturnsTheReport() {
        AuditReport report = CONSENT.assertNoTrackingWithoutConsent(site.uri(), AuditState.acceptAll());

        assertTrue(report.clean());
        assertEquals(2, report.paths().size());
    }

    @Test
    void auditWhenBrowserIsMissingThenSkipsLoudlyOrFailsUnderCi() {
        Class<? extends Throwable> expected = External.required() ? AssertionFailedError.class : TestAbortedException.class;
        Throwable t = assertThrows(expected, () -> NO_BROWSER.audit(site.uri(), AuditState.noChoice()));
        assertTrue(t.getMessage().contains("no-such-dir"), t.getMessage());
    }

    @Test
    void assertionsWhenUsedWithoutTheExtensionThenFailTheSameWay() {
        ConsentAudit audit = ConsentAudit.builder().catalog(Fixtures.catalog()).jurisdictions(Fixtures.jurisdictions())
                .states(java.util.List.of(AuditState.gpcOnly())).locations(java.util.List.of("US-CA")).build();

        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ConsentAssertions.assertNoTrackingWithoutConsent(audit, site.uri()));
        assertTrue(e.getMessage().contains("GPC opt-out"), e.getMessage());
    }
}
