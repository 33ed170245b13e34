package org.consent4j.testkit;

import java.net.URI;
import org.opentest4j.AssertionFailedError;

/**
 * JUnit assertions over consent audits: fail a test when a tracker fires without consent.
 *
 * <pre>{@code
 * ConsentAudit audit = ConsentAudit.builder().catalog(catalog).jurisdictions(table)
 *         .locations(List.of("FR", "US-CA")).build();
 * assertNoTrackingWithoutConsent(audit, URI.create("http://127.0.0.1:" + port + "/"));
 * }</pre>
 *
 * <p>{@link ConsentAuditExtension} adds report files and browser checks on top of these.
 */
public final class ConsentAssertions {

    private ConsentAssertions() {
    }

    /**
     * Audits {@code app} and fails, listing every violation, if any service fired in a state that does
     * not allow it. Warnings do not fail.
     *
     * @return the report, for further assertions
     * @throws AssertionFailedError when there is a violation
     */
    public static AuditReport assertNoTrackingWithoutConsent(ConsentAudit audit, URI app) {
        AuditReport report = audit.run(app);
        assertClean(report, "");
        return report;
    }

    /**
     * Fails, listing every violation, unless {@code report} is {@linkplain AuditReport#clean() clean}.
     *
     * @param hint appended to the message, e.g. where the HTML report was written; may be empty
     * @throws AssertionFailedError when there is a violation
     */
    public static void assertClean(AuditReport report, String hint) {
        if (report.clean()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        int n = report.violations().size();
        message.append(n).append(n == 1 ? " tracker fired" : " trackers fired").append(" without consent on ")
                .append(report.site()).append(':').append(System.lineSeparator());
        for (Finding f : report.violations()) {
            message.append("  ").append(f.line()).append(System.lineSeparator());
        }
        if (!hint.isEmpty()) {
            message.append(hint);
        }
        throw new AssertionFailedError(message.toString().strip());
    }
}
