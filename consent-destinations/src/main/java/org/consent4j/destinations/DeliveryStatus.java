package org.consent4j.destinations;

/** What became of an event at one destination. */
public enum DeliveryStatus {
    /** The consent allowed it and the transport returned normally. */
    DELIVERED,
    /** The consent did not allow it; the transport was not called. */
    SUPPRESSED,
    /** The consent allowed it but the transport threw. */
    FAILED
}
