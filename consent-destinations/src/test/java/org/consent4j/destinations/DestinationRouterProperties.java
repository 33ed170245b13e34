package org.consent4j.destinations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.Reason;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;

/** The delivery rules, over generated destinations, visitors and events. */
final class DestinationRouterProperties {

    private static final List<String> SERVICES = Visitors.CATALOG.services().stream().map(Service::id).toList();
    private static final List<String> PURPOSES = Visitors.CATALOG.purposes().stream().map(Purpose::id).toList();
    private static final List<String> CATEGORIES = Visitors.CATALOG.categories().stream().map(Category::id).toList();

    @Property(tries = 600)
    void aDestinationReceivesAnEventOnlyWhereEveryConditionAllowsIt(@ForAll("destinations") List<Destination> destinations,
                                                                     @ForAll("visitors") VisitorConsent visitor,
                                                                     @ForAll("events") Event event) {
        RecordingTransport transport = new RecordingTransport();
        DestinationRouter router = router(destinations, transport);

        DeliveryReport report = router.send(event, visitor);

        for (Destination d : destinations) {
            Delivery delivery = report.delivery(d.name()).orElseThrow();
            boolean received = transport.count(d.name()) > 0;
            boolean allAllowed = d.conditioned()
                    && d.services().stream().allMatch(s -> visitor.service(s).allowed())
                    && d.purposes().stream().allMatch(p -> visitor.purpose(p).allowed());
            assertEquals(delivery.delivered(), received, delivery.toString());
            if (received) {
                assertTrue(allAllowed, delivery + " under " + visitor);
            }
            if (!event.personal()) {
                assertEquals(allAllowed, received, delivery + " under " + visitor);
            }
            if (!d.conditioned()) {
                assertFalse(received);
                assertEquals(Delivery.NO_CONDITION, delivery.reason());
            }
            if (delivery.status() == DeliveryStatus.SUPPRESSED && allAllowed) {
                assertTrue(event.personal(), "only the identify rule suppresses an allowed destination: " + delivery);
            }
        }
    }

    @Property(tries = 600)
    void aPersonalEventIsNeverDeliveredWhereAPageEventWouldBeDenied(@ForAll("destinations") List<Destination> destinations,
                                                                    @ForAll("visitors") VisitorConsent visitor,
                                                                    @ForAll boolean identify) {
        DestinationRouter router = router(destinations, new RecordingTransport());
        Event personal = identify ? Event.identify("user-1", Map.of()) : Event.track("Bought", Map.of()).withUserId("user-1");

        DeliveryReport page = router.check(Event.page("/", Map.of()), visitor);
        DeliveryReport sent = router.send(personal, visitor);

        for (Delivery d : sent.deliveries()) {
            if (d.delivered()) {
                assertTrue(page.delivery(d.destination()).orElseThrow().delivered(), d + " under " + visitor);
            }
        }
    }

    @Property(tries = 600)
    void underHonouredGpcAPersonalEventGoesOnlyWhereEveryConditionIsNecessaryOrGrantedOverGpc(
            @ForAll("destinations") List<Destination> destinations, @ForAll("visitors") VisitorConsent visitor) {
        DestinationRouter router = router(destinations, new RecordingTransport());

        DeliveryReport sent = router.send(Event.identify("user-1", Map.of()), visitor);

        if (!(visitor.signals().gpc() && visitor.jurisdiction().gpcHonoured())) {
            return;
        }
        for (Destination d : destinations) {
            if (sent.delivery(d.name()).orElseThrow().delivered()) {
                List<Decision> decisions = new ArrayList<>();
                d.services().forEach(s -> decisions.add(visitor.service(s)));
                d.purposes().forEach(p -> decisions.add(visitor.purpose(p)));
                assertTrue(decisions.stream().allMatch(x -> x.reason() == Reason.NECESSARY
                        || x.reason() == Reason.GRANTED_OVER_GPC), d + " " + decisions);
            }
        }
    }

    @Property(tries = 600)
    void afterDenyingASharingCategoryAPersonalEventNeedsMoreThanADefault(
            @ForAll("destinations") List<Destination> destinations, @ForAll("visitors") VisitorConsent visitor) {
        DestinationRouter router = router(destinations, new RecordingTransport());

        DeliveryReport sent = router.send(Event.identify("user-1", Map.of()), visitor);

        boolean deniedSharing = visitor.state().map(s -> s.category(Category.MARKETING).orElse(null) == Choice.DENIED)
                .orElse(false);
        if (!deniedSharing) {
            return;
        }
        for (Destination d : destinations) {
            if (sent.delivery(d.name()).orElseThrow().delivered()) {
                List<Decision> decisions = new ArrayList<>();
                d.services().forEach(s -> decisions.add(visitor.service(s)));
                d.purposes().forEach(p -> decisions.add(visitor.purpose(p)));
                assertTrue(decisions.stream().noneMatch(x -> x.reason() == Reason.OPT_OUT_DEFAULT
                        || x.reason() == Reason.NOTICE_DEFAULT), d + " " + decisions);
            }
        }
    }

    @Property(tries = 300)
    void aFailingTransportNeverThrowsAndIsCountedOnlyWhenAllowed(@ForAll("destinations") List<Destination> destinations,
                                                                  @ForAll("visitors") VisitorConsent visitor,
                                                                  @ForAll("events") Event event) {
        DestinationRouter failing = router(destinations, (d, e) -> {
            throw new IllegalStateException("down");
        });
        DeliveryReport expected = failing.check(event, visitor);

        DeliveryReport report = failing.send(event, visitor);

        for (Delivery d : report.deliveries()) {
            Delivery would = expected.delivery(d.destination()).orElseThrow();
            assertEquals(would.delivered() ? DeliveryStatus.FAILED : DeliveryStatus.SUPPRESSED, d.status(), d.toString());
        }
        assertEquals(0, failing.stats().delivered());
    }

    @Property(tries = 200)
    void everySendIsCountedOncePerDestination(@ForAll("destinations") List<Destination> destinations,
                                              @ForAll("visitorLists") List<VisitorConsent> visitors,
                                              @ForAll("events") Event event) {
        RecordingTransport transport = new RecordingTransport();
        DestinationRouter router = router(destinations, transport);

        long delivered = 0;
        for (VisitorConsent v : visitors) {
            delivered += router.send(event, v).deliveredTo().size();
        }

        RouterStats stats = router.stats();
        assertEquals(delivered, stats.delivered());
        assertEquals(transport.received().size(), stats.delivered());
        for (DestinationStats d : stats.destinations()) {
            assertEquals(visitors.size(), d.total(), d.toString());
        }
    }

    private static DestinationRouter router(List<Destination> destinations, Transport transport) {
        DestinationRouter.Builder b = DestinationRouter.builder(Visitors.CATALOG);
        destinations.forEach(d -> b.route(d, transport));
        return b.build();
    }

    @Provide
    Arbitrary<List<Destination>> destinations() {
        Arbitrary<List<String>> services = Arbitraries.of(SERVICES).list().ofMaxSize(2);
        Arbitrary<List<String>> purposes = Arbitraries.of(PURPOSES).list().ofMaxSize(2);
        Arbitrary<Destination> one = Combinators.combine(Arbitraries.integers().between(0, 9999), services, purposes)
                .as((n, s, p) -> new Destination("destination-" + n, s, p));
        return one.list().ofMinSize(1).ofMaxSize(4).uniqueElements(Destination::name);
    }

    @Provide
    Arbitrary<Event> events() {
        return Arbitraries.of(
                Event.page("/", Map.of()),
                Event.track("Signed up", Map.of("plan", "pro")),
                Event.track("Bought", Map.of()).withUserId("user-7"),
                Event.identify("user-7", Map.of("email", "someone@example.org")));
    }

    @Provide
    Arbitrary<List<VisitorConsent>> visitorLists() {
        return visitors().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<VisitorConsent> visitors() {
        Arbitrary<String> location = Arbitraries.of("FR", "DE", "US-CA", "US-TX", "US-NY", "", "not a place");
        Arbitrary<Optional<ConsentState>> state = states().optional(0.8);
        return Combinators.combine(location, Arbitraries.of(true, false), state, Arbitraries.of(true, false))
                .as((loc, gpc, st, override) -> Visitors.engine(override).evaluate(loc, Signals.of(gpc), st));
    }

    private Arbitrary<ConsentState> states() {
        Arbitrary<Optional<Choice>> choice = Arbitraries.of(Choice.values()).optional(0.7);
        Arbitrary<List<Optional<Choice>>> categories = choice.list().ofSize(CATEGORIES.size());
        Arbitrary<List<Optional<Choice>>> services = Arbitraries.of(Choice.values()).optional(0.15).list().ofSize(SERVICES.size());
        Arbitrary<Integer> ageDays = Arbitraries.oneOf(Arbitraries.integers().between(0, 30), Arbitraries.integers().between(0, 500));
        Arbitrary<Boolean> currentRevision = Arbitraries.of(true, true, true, false);
        Arbitrary<String> madeIn = Arbitraries.of("FR", "US-CA", "");
        return Combinators.combine(categories, services, ageDays, currentRevision, Arbitraries.of(true, false), madeIn)
                .as((cats, svcs, age, current, gpc, where) -> {
                    ConsentState.Builder b = ConsentState.builder(Visitors.NOW.minus(Duration.ofDays(age)),
                                    current ? Visitors.CATALOG.revision() : "000000000000")
                            .jurisdiction(where).method(ConsentMethod.CUSTOM).gpc(gpc);
                    for (int i = 0; i < CATEGORIES.size(); i++) {
                        String id = CATEGORIES.get(i);
                        cats.get(i).ifPresent(c -> b.category(id, c));
                    }
                    for (int i = 0; i < SERVICES.size(); i++) {
                        String id = SERVICES.get(i);
                        svcs.get(i).ifPresent(c -> b.service(id, c));
                    }
                    return b.build();
                });
    }
}
