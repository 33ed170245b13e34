/**
 * A Content-Security-Policy per visitor, derived from consent: the browser itself refuses requests
 * to hosts of services the visitor has not allowed, including requests made by code the HTML gate
 * never saw (tags a tag manager injects, first-party {@code fetch} or {@code sendBeacon} calls).
 *
 * <p>The filter builds it from {@link org.consent4j.servlet.csp.CspConfig}; see
 * {@link org.consent4j.servlet.csp.ContentSecurityPolicy} for what the policy lists and how it
 * combines with a policy of the application's own. Violation reports reach a
 * {@link org.consent4j.servlet.csp.CspReportListener}.
 */
@NullMarked
package org.consent4j.servlet.csp;

import org.jspecify.annotations.NullMarked;
