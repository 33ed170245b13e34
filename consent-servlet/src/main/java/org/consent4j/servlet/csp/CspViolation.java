package org.consent4j.servlet.csp;

import java.time.Instant;
import java.util.Objects;

/**
 * One request to a host that a visitor's consent-derived policy did not list, as a browser reported
 * it to the report endpoint.
 *
 * @param kind        whether the host belongs to a catalogued service or to none
 * @param host        the blocked host, lower case (e.g. {@code connect.facebook.net})
 * @param serviceId   the catalogued service the host belongs to; empty for {@link Kind#UNKNOWN_HOST}
 * @param blockedUrl  the blocked URL without query or fragment, at most 512 characters
 * @param directive   the directive that did not allow it (e.g. {@code script-src-elem}, {@code connect-src})
 * @param documentUrl the page's URL without query or fragment, at most 512 characters; empty when not reported
 * @param enforced    whether the browser blocked the request ({@code enforce}) or only reported it
 * @param receivedAt  when the report arrived
 * @since 0.1.0
 */
public record CspViolation(Kind kind, String host, String serviceId, String blockedUrl, String directive,
                           String documentUrl, boolean enforced, Instant receivedAt) {

    /** What the blocked host is to the catalog. */
    public enum Kind {
        /** No catalogued service uses the host: a candidate for the site's inventory. */
        UNKNOWN_HOST,
        /**
         * A catalogued service uses the host, and the visitor's policy did not list it: the visitor had
         * not allowed the service (or the site did not list it among its services), yet the page
         * tried to reach it.
         */
        SERVICE_NOT_ALLOWED
    }

    /** Checks that every component is present. */
    public CspViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(blockedUrl, "blockedUrl");
        Objects.requireNonNull(directive, "directive");
        Objects.requireNonNull(documentUrl, "documentUrl");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a violation needs the blocked host");
        }
        if ((kind == Kind.UNKNOWN_HOST) != serviceId.isEmpty()) {
            throw new IllegalArgumentException("serviceId must be empty exactly for UNKNOWN_HOST, was '" + serviceId
                    + "' for " + kind);
        }
    }
}
