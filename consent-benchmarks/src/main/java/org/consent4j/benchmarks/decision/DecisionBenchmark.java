package org.consent4j.benchmarks.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link VisitorConsent} decisions, the per-request "may I?" question: a category, a service (rotating
 * over the catalog's services), and the {@code allows(id)} shortcut, for a French visitor who accepted
 * all (opt-in, grant checked) and a Californian visitor sending GPC (opt-out, signal checked). Each
 * invocation asks 1,024 times, about different ids, and JMH reports the time per question. Budget
 * (DESIGN.md): tens of nanoseconds and no allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DecisionBenchmark {

    static final int BATCH = 1024;
    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    /** {@code bundled}: the catalog shipped with consent4j; {@code synthetic}: 5,000 services. */
    @Param({"bundled", "synthetic"})
    String catalogKind;

    @Param({"FR", "US-CA"})
    String location;

    ConsentEngine engine;
    Optional<ConsentState> state;
    Signals signals;
    VisitorConsent visitor;
    String[] serviceIds;
    String[] categoryIds;

    @Setup(Level.Trial)
    public void setUp() {
        Catalog catalog;
        if (catalogKind.equals("bundled")) {
            catalog = Catalogs.bundled();
        } else {
            catalog = new SyntheticCatalog(5000, 42).catalog;
        }
        engine = ConsentEngine.builder().catalog(catalog).jurisdictions(Jurisdictions.bundled())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        ConsentState.Builder b = ConsentState.builder(NOW.minusSeconds(86_400), catalog.revision()).method(ConsentMethod.ACCEPT_ALL);
        catalog.categories().stream().filter(c -> !c.required()).forEach(c -> b.grant(c.id()));
        state = Optional.of(b.build());
        signals = location.equals("FR") ? Signals.NONE : Signals.GPC;
        visitor = engine.evaluate(location, signals, state);
        serviceIds = new String[BATCH];
        categoryIds = new String[BATCH];
        java.util.List<String> ids = catalog.services().stream().map(s -> s.id()).toList();
        java.util.List<String> categories = catalog.categories().stream().map(c -> c.id()).toList();
        for (int k = 0; k < BATCH; k++) {
            serviceIds[k] = new String(ids.get((k * 7919) % ids.size()).toCharArray());
            categoryIds[k] = new String(categories.get(k % categories.size()).toCharArray());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void category(Blackhole bh) {
        for (String id : categoryIds) {
            bh.consume(visitor.category(id));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void allowsCategory(Blackhole bh) {
        for (String id : categoryIds) {
            bh.consume(visitor.allows(id));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void service(Blackhole bh) {
        for (String id : serviceIds) {
            bh.consume(visitor.service(id));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void allowsService(Blackhole bh) {
        for (String id : serviceIds) {
            bh.consume(visitor.allows(id));
        }
    }

    /** The whole per-request path: resolve the location, build the visitor, ask once. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void evaluateAndAllow(Blackhole bh) {
        for (String id : categoryIds) {
            bh.consume(engine.evaluate(location, signals, state).allows(id));
        }
    }
}
