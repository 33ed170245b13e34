package org.consent4j.benchmarks.servlet;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.cookie.ConsentCookieCodec;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The signed consent cookie: parse and verify without the cache ("cold": every call checks the
 * characters, splits the fields, computes the HMAC and builds the state), with the cache (a returning
 * visitor), a forged value, and encoding.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConsentCookieBenchmark {

    private ConsentCookieCodec cold;
    private ConsentCookieCodec cached;
    private ConsentCookie cookie;
    private String value;
    private String forged;

    @Setup
    public void setUp() {
        KeySet keys = KeySet.generate();
        cold = ConsentCookieCodec.builder().keys(keys).cacheSize(0).build();
        cached = ConsentCookieCodec.builder().keys(keys).build();
        ConsentState state = new ConsentState(Map.of("functional", Choice.GRANTED, "analytics", Choice.GRANTED,
                "marketing", Choice.DENIED), Map.of(), Instant.now().minusSeconds(3600), "0a1b2c3d4e5f", "US-CA",
                ConsentMethod.CUSTOM, false);
        cookie = new ConsentCookie(ConsentCookie.newSubjectId(), state);
        value = cold.encode(cookie);
        forged = value.replace("!marketing", "+marketing");
        if (cached.decode(value).isEmpty() || cold.decode(forged).isPresent()) {
            throw new IllegalStateException("benchmark set-up is wrong");
        }
    }

    @Benchmark
    public Optional<ConsentCookie> decodeCold() {
        return cold.decode(value);
    }

    @Benchmark
    public Optional<ConsentCookie> decodeCached() {
        return cached.decode(value);
    }

    @Benchmark
    public Optional<ConsentCookie> decodeForged() {
        return cold.decode(forged);
    }

    @Benchmark
    public String encode() {
        return cold.encode(cookie);
    }
}
