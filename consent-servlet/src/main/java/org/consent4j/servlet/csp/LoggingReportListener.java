package org.consent4j.servlet.csp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link CspReportListener}: the first report of each host and kind at INFO, the rest at DEBUG. */
final class LoggingReportListener implements CspReportListener {

    private static final Logger LOG = LoggerFactory.getLogger(CspReportListener.class);

    private final int capacity;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    LoggingReportListener(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void violation(CspViolation v) {
        String key = v.kind() + " " + v.host();
        boolean first = seen.size() < capacity && seen.add(key);
        if (first && LOG.isInfoEnabled()) {
            if (v.kind() == CspViolation.Kind.UNKNOWN_HOST) {
                LOG.info("CSP report: {} {} from host {} that no catalogued service uses (page {}); add it to the "
                        + "site's catalog if it is a service", v.enforced() ? "blocked" : "would block", v.directive(),
                        v.host(), v.documentUrl());
            } else {
                LOG.info("CSP report: {} {} from host {} of service '{}', which the visitor's policy did not list "
                        + "(page {})", v.enforced() ? "blocked" : "would block", v.directive(), v.host(), v.serviceId(),
                        v.documentUrl());
            }
        } else {
            LOG.debug("CSP report: {} {} {} ({})", v.kind(), v.host(), v.directive(), v.documentUrl());
        }
    }

    @Override
    public String toString() {
        return "CspReportListener.logging()";
    }
}
