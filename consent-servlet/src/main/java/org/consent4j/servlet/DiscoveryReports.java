package org.consent4j.servlet;

import java.net.URI;
import org.consent4j.core.discovery.Discovery;
import org.consent4j.servlet.csp.CspReportListener;
import org.consent4j.servlet.csp.CspViolation;

/**
 * Passes each CSP violation to the site's own listener and records its host in the filter's discovery,
 * so a host the policy refused shows up in the inventory report as an unknown host or an undeclared
 * service.
 */
final class DiscoveryReports implements CspReportListener {

    private final CspReportListener next;
    private final Discovery discovery;

    DiscoveryReports(CspReportListener next, Discovery discovery) {
        this.next = next;
        this.discovery = discovery;
    }

    @Override
    public void violation(CspViolation violation) {
        try {
            next.violation(violation);
        } finally {
            discovery.host(violation.host(), path(violation.blockedUrl()), "csp:" + violation.directive(),
                    path(violation.documentUrl()));
        }
    }

    /** The path of a reported URL; empty when the browser sent something that is not a URL. */
    static String path(String url) {
        try {
            String p = URI.create(url).getRawPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return next + " + discovery";
    }
}
