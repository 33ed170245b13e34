package org.consent4j.testkit;

import java.util.Locale;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdiction;

/**
 * Attributes an observation to a catalog service and asks the decision engine whether the state
 * allows it: a denied service is a violation; an unattributed third-party host or cookie is a warning
 * (an unclassified cookie counts as non-essential, but only the catalog can say whose it is).
 */
final class Judge {

    private final Catalog catalog;
    private final VisitorConsent visitor;
    private final String siteHost;
    private final String consentCookie;
    private final String state;

    Judge(Catalog catalog, VisitorConsent visitor, String siteHost, String consentCookie, String state) {
        this.catalog = catalog;
        this.visitor = visitor;
        this.siteHost = siteHost.toLowerCase(Locale.ROOT);
        this.consentCookie = consentCookie;
        this.state = state;
    }

    /** The service an observation belongs to, if the catalog knows it. */
    Optional<Service> attribute(Observation o) {
        return o.kind() == Observation.Kind.COOKIE ? catalog.serviceForCookie(o.subject())
                : catalog.serviceForHost(o.subject(), path(o.evidence(), o.subject()));
    }

    /** The path of the first URL on {@code host} the evidence quotes, for attribution by host and path; "" if none. */
    static String path(String evidence, String host) {
        String lower = evidence.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("//" + host);
        if (at < 0) {
            return "";
        }
        int from = at + 2 + host.length();
        if (from < evidence.length() && evidence.charAt(from) == ':') {
            from++;
            while (from < evidence.length() && Character.isDigit(evidence.charAt(from))) {
                from++;
            }
        }
        if (from >= evidence.length() || evidence.charAt(from) != '/') {
            return "";
        }
        int end = from;
        while (end < evidence.length() && " \t\"'<>?#".indexOf(evidence.charAt(end)) < 0) {
            end++;
        }
        return evidence.substring(from, end);
    }

    /** Whether the observation is the site's own business: a request to its host or the consent cookie itself. */
    boolean own(Observation o) {
        if (o.kind() == Observation.Kind.COOKIE) {
            return o.subject().equals(consentCookie);
        }
        return o.subject().equalsIgnoreCase(siteHost);
    }

    /** The finding for an observation, if any. */
    Optional<Finding> judge(Observation o) {
        if (own(o)) {
            return Optional.empty();
        }
        Jurisdiction j = visitor.jurisdiction();
        String kind = o.kind().name().toLowerCase(Locale.ROOT);
        Optional<Service> service = attribute(o);
        if (service.isEmpty()) {
            boolean cookie = o.kind() == Observation.Kind.COOKIE;
            return Optional.of(new Finding(Finding.Severity.WARNING, state, j.code(), o.path(), kind, o.source(), "", "",
                    o.evidence(), cookie ? "unclassified-cookie" : "unclassified-host",
                    cookie ? "cookie '" + o.subject() + "' is not in the catalog: treat it as non-essential, or declare it in the site catalog"
                            : "host " + o.subject() + " is not in the catalog: declare the service in the site catalog so it can be judged"));
        }
        Service s = service.get();
        Decision d = visitor.service(s.id());
        if (d.allowed()) {
            return Optional.empty();
        }
        String explanation = String.format(Locale.ROOT, "%s: %s; %s rules (%s): %s", s.name(), d.reason().sentence(),
                j.code(), j.regime(), String.join(", ", j.laws()));
        return Optional.of(new Finding(Finding.Severity.VIOLATION, state, j.code(), o.path(), kind, o.source(), s.id(),
                s.category(), o.evidence(), d.reason().code(), explanation));
    }
}
