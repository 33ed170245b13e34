package org.consent4j.benchmarks.destination;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.destinations.DeliveryReport;
import org.consent4j.destinations.Destination;
import org.consent4j.destinations.DestinationRouter;
import org.consent4j.destinations.Event;
import org.consent4j.core.testing.Fixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link DestinationRouter#send} over five destinations (three conditioned on services and purposes, one
 * necessary, one unconditioned) with a transport that does nothing: the cost the router adds per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DestinationRouterBenchmark {

    private DestinationRouter router;
    private VisitorConsent grantedInFrance;
    private VisitorConsent gpcInCalifornia;
    private VisitorConsent noChoiceInFrance;
    private final Event track = Event.track("Signed up", Map.of("plan", "pro"));
    private final Event identify = Event.identify("user-42", Map.of("email", "someone@example.org"));

    @Setup
    public void setUp() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        Catalog catalog = Fixtures.catalog();
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(Fixtures.jurisdictions())
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        router = DestinationRouter.builder(catalog)
                .route(Destination.builder("segment → google-analytics").service("google-analytics").purpose("measurement").build(),
                        (d, e) -> { })
                .route(Destination.builder("segmetrics-crm-webhook").service("segmetrics").purpose("attribution").build(),
                        (d, e) -> { })
                .route(Destination.builder("meta-conversions-api").service("meta-pixel").purpose("personalised-ads").build(),
                        (d, e) -> { })
                .route(Destination.builder("fulfilment-webhook").purpose("session").build(), (d, e) -> { })
                .route(Destination.builder("legacy-webhook").build(), (d, e) -> { })
                .build();
        ConsentState all = ConsentState.builder(now.minusSeconds(3600), catalog.revision()).jurisdiction("FR")
                .method(ConsentMethod.ACCEPT_ALL).grant(Category.FUNCTIONAL).grant(Category.ANALYTICS)
                .grant(Category.MARKETING).build();
        grantedInFrance = engine.evaluate("FR", Signals.NONE, Optional.of(all));
        gpcInCalifornia = engine.evaluate("US-CA", Signals.GPC, Optional.empty());
        noChoiceInFrance = engine.evaluate("FR", Signals.NONE, Optional.empty());
    }

    /** Track event, everything granted: four deliveries, one suppression. */
    @Benchmark
    public DeliveryReport trackAllGranted() {
        return router.send(track, grantedInFrance);
    }

    /** Track event, opt-in regime without a choice: one delivery, four suppressions. */
    @Benchmark
    public DeliveryReport trackNoChoice() {
        return router.send(track, noChoiceInFrance);
    }

    /** Identify under GPC in California: the identify rule on every conditioned destination. */
    @Benchmark
    public DeliveryReport identifyUnderGpc() {
        return router.send(identify, gpcInCalifornia);
    }
}
