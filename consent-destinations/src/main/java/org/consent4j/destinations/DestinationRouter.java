package org.consent4j.destinations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.Reason;
import org.consent4j.core.decision.VisitorConsent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards server-side events to destinations, each only where the visitor's consent allows it, and
 * counts what was delivered, suppressed (and why) and failed.
 *
 * <p>The rules, for each destination in routing order:
 * <ol>
 *   <li>A destination that declares no service and no purpose receives nothing
 *       ({@value Delivery#NO_CONDITION}).</li>
 *   <li>Page and track events: delivered only if the visitor's decision allows every declared service
 *       ({@link VisitorConsent#service}) and every declared purpose ({@link VisitorConsent#purpose}). The
 *       first denial, services before purposes, gives the reason.</li>
 *   <li>Personal events (identify, or any event with a user id) carry personal data and need the stricter
 *       of two rules: rule 2, and no opt-out of sharing personal information. Each allowed condition
 *       was allowed on one of three grounds, and the weakest one counts:
 *     <ul>
 *       <li>{@code necessary}, or {@code granted-over-gpc}: delivered.</li>
 *       <li>An explicit grant ({@code granted}): delivered unless Global Privacy Control is on where the
 *           jurisdiction honours it ({@value Delivery#IDENTIFY_GPC_OPT_OUT}); a grant never overrides
 *           the signal silently.</li>
 *       <li>An opt-out or notice default ({@code opt-out-default}, {@code notice-default}): delivered
 *           unless GPC is on where honoured, or the visitor denied a category that carries sale, sharing
 *           or targeted advertising ({@value Delivery#IDENTIFY_SHARING_DENIED}): that denial is the
 *           banner's "Do Not Sell or Share".</li>
 *     </ul>
 *     GPC opts a consumer out of the sale and sharing of personal information, for the browser and any
 *     profile associated with it (Cal. Code Regs. tit. 11, § 7025(c)(1)). The router cannot know whether
 *     a destination receives the data as a contracted service provider, so it treats every personal
 *     event as sharing. A personal event is therefore never delivered where a page event would not be.</li>
 *   <li>An allowed event goes to the destination's {@link Transport}. If it throws, the delivery is
 *       {@link DeliveryStatus#FAILED} ({@value Delivery#TRANSPORT_FAILED}), the error is logged, and the
 *       next destination is served: nothing is thrown to the caller.</li>
 * </ol>
 *
 * <p>The router takes the visitor's consent per send, so it serves web requests
 * ({@code ConsentContext.visitor()}), message consumers and batch jobs alike (see
 * {@link SubjectConsentLookup}). It needs the catalog the consent was evaluated against.
 *
 * <p>Immutable apart from its counters; thread-safe. Build one per application.
 */
public final class DestinationRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationRouter.class);

    private final Catalog catalog;
    private final List<Route> routes;

    private DestinationRouter(Catalog catalog, List<Route> routes) {
        this.catalog = catalog;
        this.routes = List.copyOf(routes);
    }

    /** A builder for a router whose destinations name services and purposes of {@code catalog}. */
    public static Builder builder(Catalog catalog) {
        return new Builder(catalog);
    }

    /**
     * Sends {@code event} to every destination the visitor's consent allows.
     *
     * @param consent the visitor's consent, evaluated against this router's catalog
     * @return the outcome at each destination, in routing order; never throws for a transport failure
     */
    public DeliveryReport send(Event event, VisitorConsent consent) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(consent, "consent");
        List<Delivery> deliveries = new ArrayList<>(routes.size());
        for (Route route : routes) {
            Delivery d = decide(route, event, consent);
            if (d.status() == DeliveryStatus.DELIVERED) {
                d = transmit(route, event, d);
            } else if (LOG.isDebugEnabled()) {
                LOG.debug("suppressed {} event for {}", event.type(), d);
            }
            route.counters.count(d);
            deliveries.add(d);
        }
        return new DeliveryReport(event, deliveries);
    }

    /**
     * What {@link #send} would do at each destination, without calling a transport or counting; every
     * outcome is {@link DeliveryStatus#DELIVERED} or {@link DeliveryStatus#SUPPRESSED}.
     */
    public DeliveryReport check(Event event, VisitorConsent consent) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(consent, "consent");
        List<Delivery> deliveries = new ArrayList<>(routes.size());
        for (Route route : routes) {
            deliveries.add(decide(route, event, consent));
        }
        return new DeliveryReport(event, deliveries);
    }

    /** The routed destinations, in routing order. */
    public List<Destination> destinations() {
        return routes.stream().map(r -> r.destination).toList();
    }

    /** A snapshot of the counters, one entry per destination in routing order. */
    public RouterStats stats() {
        return new RouterStats(routes.stream().map(r -> r.counters.snapshot()).toList());
    }

    private Delivery transmit(Route route, Event event, Delivery allowed) {
        try {
            route.transport.deliver(route.destination, event);
            return allowed;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("transport of destination '{}' failed for a {} event: {}", route.destination.name(), event.type(),
                    e.toString());
            LOG.debug("transport failure of destination '{}'", route.destination.name(), e);
            return new Delivery(route.destination.name(), DeliveryStatus.FAILED, Delivery.TRANSPORT_FAILED,
                    allowed.target(), "allowed, but the transport failed: " + e.getClass().getSimpleName());
        }
    }

    private Delivery decide(Route route, Event event, VisitorConsent consent) {
        if (route.kinds.length == 0) {
            return route.unconditioned;
        }
        int weakest = -1;
        @Nullable Decision weakestDecision = null;
        for (int i = 0; i < route.kinds.length; i++) {
            Decision d = route.kinds[i] == SERVICE ? consent.service(route.ids[i]) : consent.purpose(route.ids[i]);
            if (!d.allowed()) {
                return route.outcome(i, d);
            }
            if (weakestDecision == null || strength(d.reason()) < strength(weakestDecision.reason())) {
                weakest = i;
                weakestDecision = d;
            }
        }
        Objects.requireNonNull(weakestDecision, "a conditioned destination has at least one condition");
        if (event.personal()) {
            Delivery refused = identifyRule(route, weakest, weakestDecision, consent);
            if (refused != null) {
                return refused;
            }
        }
        return route.outcome(weakest, weakestDecision);
    }

    private @Nullable Delivery identifyRule(Route route, int condition, Decision weakest, VisitorConsent consent) {
        int strength = strength(weakest.reason());
        if (strength >= STRONG) {
            return null;
        }
        String name = route.destination.name();
        String target = route.targets[condition];
        boolean gpcOptOut = consent.gpcOptOutApplies();
        if (gpcOptOut) {
            return new Delivery(name, DeliveryStatus.SUPPRESSED, Delivery.IDENTIFY_GPC_OPT_OUT, target,
                    "personal event: Global Privacy Control opts the visitor out of sharing personal information ("
                            + route.labels[condition] + " allowed only as " + weakest.reason().code() + ")");
        }
        if (strength == DEFAULT) {
            Optional<String> denied = deniedSharingCategory(consent);
            if (denied.isPresent()) {
                return new Delivery(name, DeliveryStatus.SUPPRESSED, Delivery.IDENTIFY_SHARING_DENIED, target,
                        "personal event: the visitor denied '" + denied.get()
                                + "', which covers sale or sharing, and " + route.labels[condition]
                                + " is allowed only by default (" + weakest.reason().code() + ")");
            }
        }
        return null;
    }

    /** The first category (banner order) the visitor denied that carries sale, sharing or targeted ads. */
    private Optional<String> deniedSharingCategory(VisitorConsent consent) {
        Optional<ConsentState> state = consent.state();
        if (state.isEmpty()) {
            return Optional.empty();
        }
        for (Category c : catalog.categories()) {
            if (catalog.gpcScopedCategory(c.id()) && state.get().category(c.id()).orElse(null) == Choice.DENIED) {
                return Optional.of(c.id());
            }
        }
        return Optional.empty();
    }

    private static final int DEFAULT = 0;
    private static final int GRANT = 1;
    private static final int STRONG = 2;

    /** How firm the ground of an allowance is: a default, an explicit grant, or stronger. */
    private static int strength(Reason reason) {
        return switch (reason) {
            case NECESSARY, GRANTED_OVER_GPC -> STRONG;
            case GRANTED -> GRANT;
            // Defaults, and any allowance this router does not know: treat as the weakest ground.
            default -> DEFAULT;
        };
    }

    @Override
    public String toString() {
        return "DestinationRouter" + destinations().stream().map(Destination::name).toList();
    }

    private static final byte SERVICE = 0;
    private static final byte PURPOSE = 1;
    private static final int REASONS = Reason.values().length;

    /** A destination, its transport and counters, and its conditions flattened: services, then purposes. */
    private static final class Route {
        final Destination destination;
        final Transport transport;
        final Counters counters;
        final byte[] kinds;
        final String[] ids;
        final String[] targets;
        final String[] labels;
        final Delivery unconditioned;
        /**
         * Outcomes settled by one condition's decision, made once: a racy but benign cache, since
         * {@link Delivery} is immutable with final fields.
         */
        private final @Nullable Delivery[] outcomes;

        Route(Destination destination, Transport transport) {
            this.destination = destination;
            this.transport = transport;
            this.counters = new Counters(destination.name());
            int n = destination.services().size() + destination.purposes().size();
            kinds = new byte[n];
            ids = new String[n];
            targets = new String[n];
            labels = new String[n];
            int i = 0;
            for (String id : destination.services()) {
                set(i++, SERVICE, "service", id);
            }
            for (String id : destination.purposes()) {
                set(i++, PURPOSE, "purpose", id);
            }
            outcomes = new Delivery[n * REASONS * 2];
            unconditioned = new Delivery(destination.name(), DeliveryStatus.SUPPRESSED, Delivery.NO_CONDITION, "",
                    "declares no consent condition (no service, no purpose): denied by default");
        }

        private void set(int i, byte kind, String word, String id) {
            kinds[i] = kind;
            ids[i] = id;
            targets[i] = word + ":" + id;
            labels[i] = word + " '" + id + "'";
        }

        /** Delivered or suppressed as condition {@code i}'s decision says. */
        Delivery outcome(int i, Decision decision) {
            int slot = ((i * REASONS) + decision.reason().ordinal()) * 2 + (decision.allowed() ? 1 : 0);
            Delivery d = outcomes[slot];
            if (d == null) {
                d = new Delivery(destination.name(), decision.allowed() ? DeliveryStatus.DELIVERED : DeliveryStatus.SUPPRESSED,
                        decision.reason().code(), targets[i], labels[i] + ": " + decision.reason().sentence());
                outcomes[slot] = d;
            }
            return d;
        }
    }

    /** Configures a {@link DestinationRouter}. Not thread-safe. */
    public static final class Builder {
        private final Catalog catalog;
        private final Map<String, Map.Entry<Destination, Transport>> routes = new LinkedHashMap<>();

        private Builder(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /**
         * Routes events to {@code destination} through {@code transport}. An unconditioned destination is
         * accepted, logged as a warning, and receives nothing.
         *
         * @throws IllegalArgumentException if a destination of the same name is already routed
         */
        public Builder route(Destination destination, Transport transport) {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(transport, "transport");
            if (routes.containsKey(destination.name())) {
                throw new IllegalArgumentException("destination '" + destination.name()
                        + "' is already routed: give each destination a unique name");
            }
            routes.put(destination.name(), Map.entry(destination, transport));
            return this;
        }

        /**
         * The router.
         *
         * @throws IllegalArgumentException listing every service or purpose a destination names that the
         *                                  catalog does not know
         */
        public DestinationRouter build() {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<Destination, Transport> r : routes.values()) {
                Destination d = r.getKey();
                for (String id : d.services()) {
                    if (catalog.service(id).isEmpty()) {
                        problems.add(String.format(Locale.ROOT,
                                "destination '%s' names service '%s', which the catalog does not know", d.name(), id));
                    }
                }
                for (String id : d.purposes()) {
                    if (catalog.purpose(id).isEmpty()) {
                        problems.add(String.format(Locale.ROOT,
                                "destination '%s' names purpose '%s', which the catalog does not know", d.name(), id));
                    }
                }
                if (!d.conditioned()) {
                    LOG.warn("destination '{}' declares no consent condition: it will receive nothing until it names"
                            + " the services or purposes it serves", d.name());
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid destinations: " + String.join("; ", problems)
                        + " (add them to the site catalog, or fix the ids)");
            }
            List<Route> built = new ArrayList<>();
            routes.values().forEach(r -> built.add(new Route(r.getKey(), r.getValue())));
            return new DestinationRouter(catalog, built);
        }
    }
}
