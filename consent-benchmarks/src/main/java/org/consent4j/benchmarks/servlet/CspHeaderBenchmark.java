package org.consent4j.benchmarks.servlet;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.servlet.csp.ContentSecurityPolicy;
import org.consent4j.servlet.csp.CspConfig;
import org.consent4j.servlet.csp.CspNonce;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The consent-derived Content-Security-Policy header of one response, with the bundled catalog:
 * {@code cachedState} for a visitor state whose policy is cached and a
 * request whose nonce is already chosen (the budget: at most 1 µs); {@code withNewNonce} adds choosing
 * the nonce (128 bits from {@code SecureRandom}), as every page does once. The visitor is in France
 * with analytics granted; {@code serviceChoice} adds a per-service choice, which takes the slower path
 * (every service decided).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CspHeaderBenchmark {

    @Param({"false", "true"})
    public boolean serviceChoice;

    /** {@code site}: ten services in scope, as a site lists them; {@code all}: every bundled service (a 14 KB policy). */
    @Param({"site", "all"})
    public String scope;

    private ContentSecurityPolicy csp;
    private VisitorConsent visitor;
    private FakeExchange.Request request;

    @Setup
    public void setUp() {
        Catalog catalog = Catalogs.bundled();
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(Jurisdictions.bundled()).build();
        CspConfig.Builder config = CspConfig.builder().maxPolicyLength(65_536);
        if (scope.equals("site")) {
            config.services(java.util.Set.of("google-analytics", "google-tag-manager", "hotjar", "linkedin-insight",
                    "meta-pixel", "segment", "segmetrics", "stripe", "youtube", "google-maps"));
        }
        csp = ContentSecurityPolicy.create(catalog, config.build(), "/consent", Clock.systemUTC());
        ConsentState state = new ConsentState(Map.of("functional", Choice.DENIED, "analytics", Choice.GRANTED,
                "marketing", Choice.DENIED), serviceChoice ? Map.of("youtube", Choice.GRANTED) : Map.of(),
                Instant.now().minusSeconds(600), catalog.revision(), "FR", ConsentMethod.CUSTOM, false);
        visitor = engine.evaluate("FR", Signals.of(false), Optional.of(state));
        request = new FakeExchange.Request(Map.of(), null);
        CspNonce.of(request);
        if (csp.header(request, visitor).isEmpty()) {
            throw new IllegalStateException("no policy for the benchmark's visitor");
        }
    }

    @Benchmark
    public String cachedState() {
        return csp.header(request, visitor);
    }

    @Benchmark
    public String withNewNonce() {
        request.reset();
        return csp.header(request, visitor);
    }
}
