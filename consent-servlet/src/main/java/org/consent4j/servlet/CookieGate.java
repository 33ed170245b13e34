package org.consent4j.servlet;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Decision;
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
            counters.cookiesDropped.increment();
            if (LOG.isDebugEnabled()) {
                LOG.debug("dropped Set-Cookie '{}' of service {} on {}: {}", CookieInventory.printable(name),
                        service.get().id(), CookieInventory.printable(path), d);
            }
            return false;
        }
        return unknown(name, path);
    }

    /** Whether a {@code Set-Cookie} header value may be sent, judged by every name it could set. */
    boolean admitsHeader(String value, VisitorConsent visitor, String path) {
        SetCookieValue parsed = SetCookieValue.parse(value, visitor.now());
        List<String> names = parsed.names();
        if (names.isEmpty()) {
            return unknown(CookieInventory.UNPARSEABLE, path);
        }
        if (!admits(names.get(0), parsed.deletion(), visitor, path)) {
            return false;
        }
        // A pair folded in after a comma would be a new cookie to a splitting client, never a deletion.
        for (int i = 1; i < names.size(); i++) {
            if (!admits(names.get(i), false, visitor, path)) {
                return false;
            }
        }
        return true;
    }

    private boolean unknown(String name, String path) {
        boolean block = policy == UnknownCookiePolicy.BLOCK;
        inventory.record(name, path, block);
        if (block) {
            counters.cookiesDropped.increment();
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
