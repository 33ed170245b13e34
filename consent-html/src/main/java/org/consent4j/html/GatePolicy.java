package org.consent4j.html;

import java.util.Objects;
import org.consent4j.core.decision.VisitorConsent;

/**
 * What one response may load: the gate asks it about each service and category it finds.
 *
 * <p>The gate itself never gates a service or category the catalog marks as required
 * ({@code necessary}), whatever the policy says. Implementations must be cheap and must not throw;
 * one policy is used by one response at a time.
 */
public interface GatePolicy {

    /** Whether the service with this catalog id may load. */
    boolean allowsService(String serviceId);

    /** Whether elements annotated with this category (and no known service) may load. */
    boolean allowsCategory(String categoryId);

    /**
     * Whether an element may load from a host the catalog does not know (with the path it names).
     * The default allows it: an unknown third party is reported, not gated. A policy that blocks
     * unknown hosts (treating them as a marketing service) answers false for third-party hosts the
     * visitor has not allowed marketing for; the gate then marks the element with the service id
     * {@value HtmlGate#UNKNOWN_HOST} and the category {@code marketing}.
     *
     * @param host the lower-case host name, never the page's own when the caller knows it
     */
    default boolean allowsUnknownHost(String host) {
        return true;
    }

    /**
     * The decisions of one visitor: {@link VisitorConsent#service(String)} and
     * {@link VisitorConsent#category(String)}. Ids the catalog does not know are denied.
     */
    static GatePolicy of(VisitorConsent visitor) {
        Objects.requireNonNull(visitor, "visitor");
        return new GatePolicy() {
            @Override
            public boolean allowsService(String serviceId) {
                return visitor.service(serviceId).allowed();
            }

            @Override
            public boolean allowsCategory(String categoryId) {
                return visitor.category(categoryId).allowed();
            }

            @Override
            public String toString() {
                return "GatePolicy.of(" + visitor + ")";
            }
        };
    }

    /** Allows everything: the gate then changes nothing but the head injection. */
    static GatePolicy allowAll() {
        return Fixed.ALLOW_ALL;
    }

    /** Denies every service and category that is not required. */
    static GatePolicy denyAll() {
        return Fixed.DENY_ALL;
    }

    /** The two constant policies. */
    enum Fixed implements GatePolicy {
        /** Allows everything. */
        ALLOW_ALL(true),
        /** Denies everything that is not required. */
        DENY_ALL(false);

        private final boolean allowed;

        Fixed(boolean allowed) {
            this.allowed = allowed;
        }

        @Override
        public boolean allowsService(String serviceId) {
            return allowed;
        }

        @Override
        public boolean allowsCategory(String categoryId) {
            return allowed;
        }
    }
}
