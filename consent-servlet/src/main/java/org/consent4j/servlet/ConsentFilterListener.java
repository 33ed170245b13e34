package org.consent4j.servlet;

import java.util.Optional;
import org.consent4j.core.decision.Reason;

/**
 * Told about the filter's refusals as they happen, for metrics: each {@code Set-Cookie} the gate
 * drops, with the reason of the decision behind it.
 *
 * <p>Called on the request thread while the response is written: keep it fast and do not throw (an
 * exception is logged once and otherwise ignored). Give it with {@link ConsentFilter#listener}.
 *
 * @since 0.1.0
 */
public interface ConsentFilterListener {

    /** A listener that ignores everything. */
    ConsentFilterListener NONE = new ConsentFilterListener() {
    };

    /**
     * The gate dropped a {@code Set-Cookie}.
     *
     * @param cookieName the cookie's name
     * @param serviceId  the catalogued service the cookie belongs to; empty for a cookie the catalog does not
     *                   know (dropped because unknown cookies are blocked)
     * @param reason     why the service is not allowed; {@link Reason#UNKNOWN_TARGET} for an unknown cookie
     */
    default void cookieDropped(String cookieName, Optional<String> serviceId, Reason reason) {
    }
}
