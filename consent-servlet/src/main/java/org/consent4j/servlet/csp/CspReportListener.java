package org.consent4j.servlet.csp;

/**
 * Receives the violations browsers report to the consent-derived policy's report endpoint: hosts no
 * catalogued service uses, and hosts of services the visitor's policy did not list. The site
 * inventory listens here; the default logs each new host once.
 *
 * <p>Called on the request thread of the report, after the endpoint's rate and size limits, so it
 * must be fast and thread-safe; anything slow belongs on a queue. An exception it throws is logged
 * and does not change the answer to the browser.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CspReportListener {

    /** Logs the first violation of each host and kind at INFO (up to 1,024 of them), the rest at DEBUG. */
    static CspReportListener logging() {
        return new LoggingReportListener(1024);
    }

    /** One reported violation. */
    void violation(CspViolation violation);
}
