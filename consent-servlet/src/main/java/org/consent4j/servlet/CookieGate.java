package org.consent4j.servlet;

import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.Reason;
import org.consent4j.core.decision.VisitorConsent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides, per cookie name, whether a {@code Set-Cookie} may reach the visitor. Thread-safe. */
final class CookieGate {

    private static final Logger LOG = LoggerFactory.getLogger(CookieGate.class);

    private final Catalog catalog;
    private final String consentCookieName;
    private final Set<String> necessary;
    private final UnknownCookiePolicy policy;
    private final CookieInventory inventory;
    private final Counters counters;

    CookieGate(Catalog catalog, String consentCookieName, Set<String> necessary, UnknownCookiePolicy policy,
               CookieInventory inventory, Counters counters) {
        this.catalog = catalog;
        this.consentCookieName = consentCookieName;
        this.necessary = Set.copyOf(necessary);
        this.policy = policy;
        this.inventory = inventory;
        this.counters = counters;
    }

    /** Whether a cookie with this name may be set for this visitor. */
    boolean admits(String name, boolean deletion, VisitorConsent visitor, String path) {
        if (deletion || name.equals(consentCookieName) || necessary.contains(name)) {
            return true;
        }
        Optional<Service> service = catalog.serviceForCookie(name);
        if (service.isPresent()) {
            Decision d = visitor.service(service.get().id());
            if (d.allowed()) {
                return true;
            }
            dropped(name, service.get(), d, path);
            return false;
        }
        return unknown(name, path);
    }

    /**
     * Whether a {@code Set-Cookie} header value may be sent, judged by every name it could set. The
     * attributes are only read when the cookie would otherwise be refused, to see whether it merely
     * deletes.
     */
    boolean admitsHeader(String value, VisitorConsent visitor, String path) {
        String name = SetCookieValue.name(value);
        if (name.isEmpty()) {
            return unknown(CookieInventory.UNPARSEABLE, path);
        }
        if (!admitsQuietly(name, visitor) && !admits(name, SetCookieValue.deletes(value, visitor.now()), visitor, path)) {
            return false;
        }
        // A pair folded in after a comma would be a new cookie to a splitting client, never a deletion.
        for (String folded : SetCookieValue.folded(value)) {
            if (!admits(folded, false, visitor, path)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the name passes without counting or reporting anything (no refusal, no unknown). */
    private boolean admitsQuietly(String name, VisitorConsent visitor) {
        if (name.equals(consentCookieName) || necessary.contains(name)) {
            return true;
        }
        Optional<Service> service = catalog.serviceForCookie(name);
        return service.isPresent() && visitor.service(service.get().id()).allowed();
    }

    private void dropped(String name, Service service, Decision d, String path) {
        counters.cookieDropped(name, Optional.of(service.id()), d.reason());
        if (LOG.isDebugEnabled()) {
            LOG.debug("dropped Set-Cookie '{}' of service {} on {}: {}", CookieInventory.printable(name),
                    service.id(), CookieInventory.printable(path), d);
        }
    }

    private boolean unknown(String name, String path) {
        boolean block = policy == UnknownCookiePolicy.BLOCK;
        inventory.record(name, path, block);
        if (block) {
            counters.cookieDropped(name, Optional.empty(), Reason.UNKNOWN_TARGET);
        }
        return !block;
    }

    Optional<Service> serviceForCookie(String name) {
        if (name.equals(consentCookieName) || necessary.contains(name)) {
            return Optional.empty();
        }
        return catalog.serviceForCookie(name);
    }

    CookieInventory inventory() {
        return inventory;
    }
}
