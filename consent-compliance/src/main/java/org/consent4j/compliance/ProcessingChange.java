package org.consent4j.compliance;

import java.util.Objects;

/**
 * One material difference between two records of processing.
 *
 * @param kind        what changed
 * @param serviceId   the service it concerns
 * @param description a sentence for people, e.g. "SegMetrics added: transfer to US (…), risk high"
 */
public record ProcessingChange(Kind kind, String serviceId, String description) {

    /** Checks that every component is present. */
    public ProcessingChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(description, "description");
    }

    /** The kinds of change that make a record of processing out of date. */
    public enum Kind {
        /** The site uses a service it did not use. */
        SERVICE_ADDED,
        /** The site no longer uses a service. */
        SERVICE_REMOVED,
        /** A service's recipient changed. */
        RECIPIENT_CHANGED,
        /** A service's purposes changed. */
        PURPOSES_CHANGED,
        /** A service's lawful basis changed. */
        LEGAL_BASIS_CHANGED,
        /** A service's transfer country or safeguard changed. */
        TRANSFER_CHANGED,
        /** A service's risk level changed. */
        RISK_CHANGED,
        /** A service sets a new cookie, or no longer sets one. */
        COOKIES_CHANGED,
        /** A cookie's lifetime changed. */
        RETENTION_CHANGED,
        /** The DPIA screening's result for a service changed. */
        DPIA_RESULT_CHANGED
    }
}
