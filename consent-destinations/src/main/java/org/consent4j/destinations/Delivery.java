package org.consent4j.destinations;

import java.util.Objects;

/**
 * The outcome of one event at one destination: delivered, suppressed or failed, the reason code, the
 * condition that decided it, and a sentence for people.
 *
 * <p>Reason codes are stable: a decision's {@link org.consent4j.core.decision.Reason#code()} (e.g.
 * {@code no-choice-opt-in}, {@code gpc-opt-out}, {@code denied}, {@code granted}) when a consent decision
 * settled it, or one of the codes defined here. Immutable.
 *
 * @param destination the destination's name
 * @param status      delivered, suppressed or failed
 * @param reason      a stable reason code
 * @param target      the condition that decided it, {@code service:ID} or {@code purpose:ID}; empty when no
 *                    condition did (an unconditioned destination)
 * @param explanation a sentence for people, e.g. {@code service 'segmetrics': opt-in regime, no choice yet}
 */
public record Delivery(String destination, DeliveryStatus status, String reason, String target, String explanation) {

    /** Suppressed: the destination declares no consent condition. */
    public static final String NO_CONDITION = "no-condition";
    /**
     * Suppressed: a personal event (identify, or an event with a user id), and Global Privacy Control, honoured
     * where the visitor is, opts them out of sharing personal information.
     */
    public static final String IDENTIFY_GPC_OPT_OUT = "identify-gpc-opt-out";
    /**
     * Suppressed: a personal event allowed only by an opt-out or notice default, and the visitor denied a
     * category that carries sale, sharing or targeted advertising.
     */
    public static final String IDENTIFY_SHARING_DENIED = "identify-sharing-denied";
    /** Failed: the consent allowed it but the transport threw. */
    public static final String TRANSPORT_FAILED = "transport-failed";

    /** Checks that every component is present. */
    public Delivery {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** Whether the event reached the destination. */
    public boolean delivered() {
        return status == DeliveryStatus.DELIVERED;
    }

    /** E.g. {@code segmetrics-crm-webhook: suppressed (service 'segmetrics': opt-in regime, no choice yet)}. */
    @Override
    public String toString() {
        return destination + ": " + status.name().toLowerCase(java.util.Locale.ROOT) + " (" + explanation + ")";
    }
}
