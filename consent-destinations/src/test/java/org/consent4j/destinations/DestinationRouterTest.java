package org.consent4j.destinations;

import static org.consent4j.destinations.Visitors.CATALOG;
import static org.consent4j.destinations.Visitors.choice;
import static org.consent4j.destinations.Visitors.visitor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.junit.jupiter.api.Test;

final class DestinationRouterTest {

    static final String GA = "segment → google-analytics";
    static final String CRM = "segmetrics-crm-webhook";
    static final String CAPI = "meta-conversions-api";
    static final String FULFILMENT = "fulfilment-webhook";
    static final String LEGACY = "legacy-webhook";

    static final Event PAGE = Event.page("/pricing", Map.of("title", "Pricing"));
    static final Event TRACK = Event.track("Signed up", Map.of("plan", "pro"));
    static final Event IDENTIFY = Event.identify("user-42", Map.of("email", "ada@example.org"));

    private final RecordingTransport transport = new RecordingTransport();
    private final DestinationRouter router = router(transport);

    static DestinationRouter router(Transport transport) {
        return DestinationRouter.builder(CATALOG)
                .route(Destination.builder(GA).service("google-analytics").purpose("measurement").build(), transport)
                .route(Destination.builder(CRM).service("segmetrics").purpose("attribution").build(), transport)
                .route(Destination.builder(CAPI).service("meta-pixel").purpose("personalised-ads").build(), transport)
                .route(Destination.builder(FULFILMENT).purpose("session").build(), transport)
                .route(Destination.builder(LEGACY).build(), transport)
                .build();
    }

    private static Delivery at(DeliveryReport report, String destination) {
        return report.delivery(destination).orElseThrow();
    }

    @Test
    void sendWhenOptInWithoutChoiceThenOnlyNecessaryDestinationReceives() {
        DeliveryReport report = router.send(PAGE, visitor("FR", false));

        assertEquals(List.of(FULFILMENT), report.deliveredTo());
        assertEquals(List.of(FULFILMENT), transport.received().stream().map(RecordingTransport.Received::destination).toList());
        Delivery crm = at(report, CRM);
        assertEquals(DeliveryStatus.SUPPRESSED, crm.status());
        assertEquals("no-choice-opt-in", crm.reason());
        assertEquals("service:segmetrics", crm.target());
        assertEquals("service 'segmetrics': opt-in regime, no choice yet", crm.explanation());
        assertEquals("necessary", at(report, FULFILMENT).reason());
    }

    @Test
    void sendWhenDestinationHasNoConditionThenSuppressedWithNoCondition() {
        DeliveryReport report = router.send(PAGE, visitor("US-TX", false));

        Delivery legacy = at(report, LEGACY);
        assertEquals(DeliveryStatus.SUPPRESSED, legacy.status());
        assertEquals(Delivery.NO_CONDITION, legacy.reason());
        assertEquals("", legacy.target());
        assertEquals(0, transport.count(LEGACY));
        // Every conditioned destination is allowed by the opt-out default here.
        assertEquals(List.of(GA, CRM, CAPI, FULFILMENT), report.deliveredTo());
    }

    @Test
    void sendWhenGrantedThenDeliveredWithGrantReason() {
        VisitorConsent v = visitor("DE", false, choice("DE").grant(Category.ANALYTICS).deny(Category.MARKETING).build());

        DeliveryReport report = router.send(TRACK, v);

        assertEquals(List.of(GA, FULFILMENT), report.deliveredTo());
        assertEquals("granted", at(report, GA).reason());
        assertEquals("denied", at(report, CRM).reason());
        assertEquals(TRACK, transport.received().get(0).event());
    }

    @Test
    void sendWhenPurposeDeniedButServiceGrantedThenPurposeIsTheReason() {
        // A per-service grant wins for the service, but the destination's purpose follows the category.
        VisitorConsent v = visitor("FR", false, choice("FR").deny(Category.MARKETING).service("segmetrics", Choice.GRANTED).build());

        Delivery crm = at(router.send(PAGE, v), CRM);

        assertEquals(DeliveryStatus.SUPPRESSED, crm.status());
        assertEquals("purpose:attribution", crm.target());
        assertEquals("denied", crm.reason());
    }

    @Test
    void sendWhenGpcInCaliforniaThenMarketingSuppressedAndAnalyticsPageDelivered() {
        DeliveryReport report = router.send(PAGE, visitor("US-CA", true));

        assertEquals("gpc-opt-out", at(report, CRM).reason());
        assertEquals("gpc-opt-out", at(report, CAPI).reason());
        assertTrue(at(report, GA).delivered());
        assertEquals("opt-out-default", at(report, GA).reason());
    }

    @Test
    void identifyWhenGpcInCaliforniaThenAnalyticsSuppressedToo() {
        DeliveryReport report = router.send(IDENTIFY, visitor("US-CA", true));

        Delivery ga = at(report, GA);
        assertEquals(DeliveryStatus.SUPPRESSED, ga.status());
        assertEquals(Delivery.IDENTIFY_GPC_OPT_OUT, ga.reason());
        assertEquals(List.of(FULFILMENT), report.deliveredTo());
    }

    @Test
    void identifyWhenExplicitGrantAndGpcInCaliforniaThenSuppressed() {
        VisitorConsent v = visitor("US-CA", true, choice("US-CA").grant(Category.ANALYTICS).build());

        DeliveryReport page = router.send(PAGE, v);
        DeliveryReport identify = router.send(IDENTIFY, v);

        assertEquals("granted", at(page, GA).reason());
        assertTrue(at(page, GA).delivered());
        assertEquals(Delivery.IDENTIFY_GPC_OPT_OUT, at(identify, GA).reason());
    }

    @Test
    void identifyWhenGrantMayOverrideGpcAndGrantMadeUnderGpcThenDelivered() {
        ConsentEngine lenient = Visitors.engine(true);
        VisitorConsent v = lenient.evaluate("US-CA", Signals.GPC,
                Optional.of(choice("US-CA").grant(Category.MARKETING).grant(Category.ANALYTICS).gpc(true).build()));

        DeliveryReport report = router.send(IDENTIFY, v);

        assertTrue(at(report, CRM).delivered());
        assertEquals("granted-over-gpc", at(report, CRM).reason());
        // Analytics is not GPC-scoped, so its decision is a plain grant, which the identify rule refuses under GPC.
        assertEquals(Delivery.IDENTIFY_GPC_OPT_OUT, at(report, GA).reason());
    }

    @Test
    void identifyWhenMarketingDeniedInCaliforniaThenDefaultAllowedAnalyticsSuppressed() {
        VisitorConsent v = visitor("US-CA", false, choice("US-CA").deny(Category.MARKETING).build());

        DeliveryReport page = router.send(PAGE, v);
        DeliveryReport identify = router.send(IDENTIFY, v);

        assertTrue(at(page, GA).delivered());
        Delivery ga = at(identify, GA);
        assertEquals(Delivery.IDENTIFY_SHARING_DENIED, ga.reason());
        assertTrue(ga.explanation().contains("'marketing'"), ga.explanation());
        assertTrue(at(identify, FULFILMENT).delivered());
    }

    @Test
    void identifyWhenMarketingDeniedButAnalyticsGrantedInCaliforniaThenAnalyticsDelivered() {
        VisitorConsent v = visitor("US-CA", false, choice("US-CA").deny(Category.MARKETING).grant(Category.ANALYTICS).build());

        DeliveryReport identify = router.send(IDENTIFY, v);

        assertEquals(List.of(GA, FULFILMENT), identify.deliveredTo());
        assertEquals("granted", at(identify, GA).reason());
    }

    @Test
    void identifyWhenNoChoiceInCaliforniaWithoutGpcThenDeliveredByDefault() {
        DeliveryReport identify = router.send(IDENTIFY, visitor("US-CA", false));

        assertEquals(List.of(GA, CRM, CAPI, FULFILMENT), identify.deliveredTo());
    }

    @Test
    void identifyWhenGpcInFranceThenGrantStandsBecauseFranceDoesNotHonourGpc() {
        VisitorConsent v = visitor("FR", true, choice("FR").grant(Category.ANALYTICS).grant(Category.MARKETING).build());

        DeliveryReport identify = router.send(IDENTIFY, v);

        assertEquals(List.of(GA, CRM, CAPI, FULFILMENT), identify.deliveredTo());
    }

    @Test
    void trackWithUserIdGetsTheIdentifyRule() {
        Event personal = TRACK.withUserId("user-42");
        VisitorConsent v = visitor("US-CA", true);

        assertTrue(personal.personal());
        assertFalse(TRACK.personal());
        assertTrue(at(router.send(TRACK, v), GA).delivered());
        assertEquals(Delivery.IDENTIFY_GPC_OPT_OUT, at(router.send(personal, v), GA).reason());
    }

    @Test
    void sendWhenTransportThrowsThenFailedReportedAndOtherDestinationsServed() {
        RecordingTransport good = new RecordingTransport();
        DestinationRouter r = DestinationRouter.builder(CATALOG)
                .route(Destination.builder("broken").purpose("session").build(), (d, e) -> {
                    throw new IOException("connection refused by https://hooks.example/secret-token");
                })
                .route(Destination.builder("unchecked").purpose("session").build(), (d, e) -> {
                    throw new IllegalStateException("boom");
                })
                .route(Destination.builder("fine").purpose("session").build(), good)
                .build();

        DeliveryReport report = r.send(PAGE, visitor("FR", false));

        Delivery broken = at(report, "broken");
        assertEquals(DeliveryStatus.FAILED, broken.status());
        assertEquals(Delivery.TRANSPORT_FAILED, broken.reason());
        assertEquals("allowed, but the transport failed: IOException", broken.explanation());
        assertEquals(DeliveryStatus.FAILED, at(report, "unchecked").status());
        assertTrue(at(report, "fine").delivered());
        assertEquals(1, good.count("fine"));
        assertEquals(1, r.stats().destination("broken").orElseThrow().failed());
        assertEquals(2, r.stats().failed());
    }

    @Test
    void sendWhenTransportIsInterruptedThenInterruptFlagKept() {
        DestinationRouter r = DestinationRouter.builder(CATALOG)
                .route(Destination.builder("slow").purpose("session").build(), (d, e) -> {
                    throw new InterruptedException();
                })
                .build();
        try {
            DeliveryReport report = r.send(PAGE, visitor("FR", false));

            assertEquals(DeliveryStatus.FAILED, at(report, "slow").status());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void checkWhenCalledThenNoTransportAndNoCounting() {
        DeliveryReport report = router.check(PAGE, visitor("US-TX", false));

        assertEquals(List.of(GA, CRM, CAPI, FULFILMENT), report.deliveredTo());
        assertTrue(transport.received().isEmpty());
        assertEquals(0, router.stats().delivered() + router.stats().suppressed());
    }

    @Test
    void statsWhenSentThenCountsPerDestinationAndReason() {
        router.send(PAGE, visitor("FR", false));
        router.send(PAGE, visitor("FR", false));
        router.send(IDENTIFY, visitor("US-CA", true));

        RouterStats stats = router.stats();
        DestinationStats crm = stats.destination(CRM).orElseThrow();
        assertEquals(Map.of("no-choice-opt-in", 2L, "gpc-opt-out", 1L), crm.suppressedBy());
        assertEquals(3, crm.suppressed());
        assertEquals(0, crm.delivered());
        DestinationStats ga = stats.destination(GA).orElseThrow();
        assertEquals(Map.of("no-choice-opt-in", 2L, Delivery.IDENTIFY_GPC_OPT_OUT, 1L), ga.suppressedBy());
        assertEquals(3, stats.destination(FULFILMENT).orElseThrow().delivered());
        assertEquals(3, stats.destination(LEGACY).orElseThrow().suppressed(Delivery.NO_CONDITION));
        assertEquals(List.of(GA, CRM, CAPI, FULFILMENT, LEGACY),
                stats.destinations().stream().map(DestinationStats::destination).toList());
        stats.destinations().forEach(d -> assertEquals(3, d.total(), d.destination()));
    }

    @Test
    void statsWhenSentFromManyThreadsThenExact() throws Exception {
        int threads = 4;
        int sends = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        VisitorConsent fr = visitor("FR", false);
        VisitorConsent tx = visitor("US-TX", false);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < sends; i++) {
                        router.send(PAGE, i % 2 == 0 ? fr : tx);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        DestinationStats crm = router.stats().destination(CRM).orElseThrow();
        assertEquals(threads * sends / 2, crm.delivered());
        assertEquals(threads * sends / 2, crm.suppressed("no-choice-opt-in"));
        assertEquals(threads * sends / 2, transport.count(CRM));
    }

    @Test
    void buildWhenCalledTwiceThenRoutersCountSeparately() {
        DestinationRouter.Builder b = DestinationRouter.builder(CATALOG)
                .route(Destination.builder("a").purpose("session").build(), transport);
        DestinationRouter first = b.build();
        DestinationRouter second = b.build();

        first.send(PAGE, visitor("FR", false));

        assertEquals(1, first.stats().delivered());
        assertEquals(0, second.stats().delivered());
    }

    @Test
    void buildWhenUnknownIdsThenEveryProblemNamed() {
        DestinationRouter.Builder b = DestinationRouter.builder(CATALOG)
                .route(Destination.builder("hubspot").service("hubspot").purpose("crm-sync").build(), transport)
                .route(Destination.builder("ga").service("google-analytics").purpose("measurment").build(), transport);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);

        assertTrue(e.getMessage().contains("destination 'hubspot' names service 'hubspot'"), e.getMessage());
        assertTrue(e.getMessage().contains("destination 'hubspot' names purpose 'crm-sync'"), e.getMessage());
        assertTrue(e.getMessage().contains("destination 'ga' names purpose 'measurment'"), e.getMessage());
    }

    @Test
    void routeWhenDuplicateNameThenRejected() {
        DestinationRouter.Builder b = DestinationRouter.builder(CATALOG)
                .route(Destination.builder("crm").purpose("attribution").build(), transport);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.route(Destination.builder("crm").service("segmetrics").build(), transport));
        assertTrue(e.getMessage().contains("'crm' is already routed"), e.getMessage());
    }

    @Test
    void destinationWhenBadNameOrIdThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> Destination.builder(" ").build());
        assertThrows(IllegalArgumentException.class, () -> Destination.builder(" crm").build());
        assertThrows(IllegalArgumentException.class, () -> Destination.builder("crm\n").build());
        assertThrows(IllegalArgumentException.class, () -> Destination.builder("crm").service("").build());
        Destination d = Destination.builder("crm").service("segmetrics").service("segmetrics").purpose("attribution").build();
        assertEquals(List.of("segmetrics"), d.services());
        assertTrue(d.conditioned());
        assertFalse(Destination.builder("crm").build().conditioned());
    }

    @Test
    void eventWhenIdentifyWithoutUserIdThenRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Event.identify(" ", Map.of()));
        assertTrue(e.getMessage().contains("needs a user id"), e.getMessage());
        assertEquals(EventType.IDENTIFY, IDENTIFY.type());
        assertTrue(IDENTIFY.personal());
        assertFalse(PAGE.personal());
    }

    @Test
    void reportWhenSentThenNotDeliveredListsSuppressedAndFailed() {
        DeliveryReport report = router.send(PAGE, visitor("FR", false));

        assertEquals(List.of(GA, CRM, CAPI, LEGACY), report.notDelivered().stream().map(Delivery::destination).toList());
        assertEquals(Optional.empty(), report.delivery("nowhere"));
        assertEquals("segmetrics-crm-webhook: suppressed (service 'segmetrics': opt-in regime, no choice yet)",
                at(report, CRM).toString());
    }

    @Test
    void sendWhenSignalsAttachedThenTransportsReceiveThemAndRoutingStillFollowsConsent() {
        // A Californian with GPC: the usnat section opted out of sale, sharing and targeted advertising.
        PrivacySignals signals = new PrivacySignals("DBABLA~BVVqAAAAAgA.QA", "7", "", "1YYN");
        DeliveryReport report = router.send(TRACK.withSignals(signals), visitor("US-CA", true));

        assertFalse(report.deliveredTo().contains(CAPI), "GPC opts out of sharing: " + report.deliveredTo());
        assertFalse(report.deliveredTo().isEmpty());
        for (RecordingTransport.Received r : transport.received()) {
            assertEquals(signals, r.event().signals(), r.destination());
        }
        assertEquals(signals, TRACK.withSignals(signals).withUserId("user-42").signals(), "kept with a user id");
        assertEquals(PrivacySignals.NONE, TRACK.signals(), "none unless attached");
        assertThrows(IllegalArgumentException.class, () -> new PrivacySignals("", "7;drop", "", ""));
    }
}
