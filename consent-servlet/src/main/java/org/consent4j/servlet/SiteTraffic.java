package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.discovery.Discovery;
import org.consent4j.html.GateListener;
import org.consent4j.html.GatePolicy;
import org.consent4j.html.GatedElement;
import org.consent4j.html.HtmlGate;

/**
 * What the filter learns from, and does with, the hosts its HTML pages load from: every third-party
 * URL the gate checks goes to {@link Discovery}, and under {@link UnknownHostPolicy#BLOCK} an unknown
 * third-party host is gated as a marketing service. The request's host and the configured first-party
 * hosts (each with its subdomains) are the site's own.
 */
final class SiteTraffic {

    /** The category an unknown third-party host is gated under when blocked. */
    static final String UNKNOWN_HOST_CATEGORY = "marketing";

    private final Discovery discovery;
    private final UnknownHostPolicy policy;
    private final String[] firstParty;

    SiteTraffic(Discovery discovery, UnknownHostPolicy policy, Set<String> firstPartyHosts) {
        this.discovery = discovery;
        this.policy = policy;
        this.firstParty = firstPartyHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    Discovery discovery() {
        return discovery;
    }

    /** The gated page of one response: the visitor's decisions, unknown hosts per policy, URLs reported. */
    HtmlGate.PageBuilder page(HtmlGate gate, HttpServletRequest request, ConsentContext context) {
        VisitorConsent visitor = context.visitor();
        String pageHost = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        String page = request.getRequestURI() == null ? "/" : request.getRequestURI();
        GatePolicy decisions = GatePolicy.of(visitor);
        GatePolicy pagePolicy = new GatePolicy() {
            @Override
            public boolean allowsService(String serviceId) {
                return decisions.allowsService(serviceId);
            }

            @Override
            public boolean allowsCategory(String categoryId) {
                return decisions.allowsCategory(categoryId);
            }

            @Override
            public boolean allowsUnknownHost(String host) {
                return policy == UnknownHostPolicy.REPORT || firstParty(host, pageHost)
                        || visitor.category(UNKNOWN_HOST_CATEGORY).allowed();
            }
        };
        GateListener listener = new GateListener() {
            @Override
            public void gated(GatedElement element) {
            }

            @Override
            public void url(String element, String host, String path, Optional<Service> service) {
                if (!firstParty(host, pageHost)) {
                    discovery.host(host, path, element, page);
                }
            }
        };
        return gate.page(pagePolicy).listener(listener);
    }

    /** Whether {@code host} is the page's host or a configured first-party host, or a subdomain of one. */
    boolean firstParty(String host, String pageHost) {
        if (covers(pageHost, host)) {
            return true;
        }
        for (String d : firstParty) {
            if (covers(d, host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(String domain, String host) {
        int extra = host.length() - domain.length();
        return !domain.isEmpty() && host.endsWith(domain) && (extra == 0 || extra > 0 && host.charAt(extra - 1) == '.');
    }
}
