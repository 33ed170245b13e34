package org.consent4j.benchmarks.servlet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.cookie.ConsentCookieCodec;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.testing.Fixtures;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One request through {@link ConsentFilter} with an application that sets {@code cookies} cookies
 * (half refused, half necessary) through {@code addCookie} or a raw {@code Set-Cookie} header, against
 * the same application without the filter. The visitor is in France with a stored choice (analytics
 * refused), so the consent cookie comes from the codec's cache as for a returning visitor. The
 * per-cookie cost of the gate is the slope over {@code cookies}; the fixed cost is the filter at 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SetCookieGateBenchmark {

    @Param({"0", "1", "10"})
    public int cookies;

    @Param({"addCookie", "header"})
    public String path;

    private ConsentFilter filter;
    private FakeExchange.Request request;
    private FakeExchange.Response response;
    private FilterChain chain;

    @Setup
    public void setUp() throws Exception {
        KeySet keys = KeySet.generate();
        ConsentEngine engine = ConsentEngine.builder().catalog(Fixtures.catalog()).jurisdictions(Fixtures.jurisdictions()).build();
        filter = new ConsentFilter(ConsentFilterConfig.builder().engine(engine).keys(keys)
                .jurisdictionResolver(JurisdictionResolver.cloudflare()).build());
        ConsentState state = new ConsentState(Map.of("functional", Choice.GRANTED, "analytics", Choice.DENIED,
                "marketing", Choice.DENIED), Map.of(), Instant.now().minusSeconds(600), Fixtures.catalog().revision(), "FR",
                ConsentMethod.CUSTOM, false);
        String value = ConsentCookieCodec.of(keys).encode(new ConsentCookie(ConsentCookie.newSubjectId(), state));
        request = new FakeExchange.Request(Map.of("CF-IPCountry", "FR", "Cookie", "consent4j=" + value + "; JSESSIONID=abc"),
                new Cookie[] {new Cookie("consent4j", value), new Cookie("JSESSIONID", "abc")});
        response = new FakeExchange.Response();
        Cookie[] toSet = new Cookie[cookies];
        String[] headers = new String[cookies];
        for (int i = 0; i < cookies; i++) {
            String name = i % 2 == 0 ? "_ga" : "JSESSIONID";
            toSet[i] = new Cookie(name, "v" + i);
            headers[i] = name + "=v" + i + "; Path=/; Max-Age=3600";
        }
        boolean header = path.equals("header");
        chain = (req, res) -> {
            HttpServletResponse r = (HttpServletResponse) res;
            for (int i = 0; i < toSet.length; i++) {
                if (header) {
                    r.addHeader("Set-Cookie", headers[i]);
                } else {
                    r.addCookie(toSet[i]);
                }
            }
        };
        filtered();
        if (!filter.stats().toString().contains("consentCookiesRejected=0")) {
            throw new IllegalStateException("the consent cookie was not accepted: " + filter.stats());
        }
        int passed = response.cookies.size() + response.headers.getOrDefault("Set-Cookie", java.util.List.of()).size();
        if (passed != cookies / 2) {
            throw new IllegalStateException("expected " + (cookies / 2) + " cookies to pass, got " + passed);
        }
    }

    @Benchmark
    public int filtered() throws Exception {
        request.reset();
        response.reset0();
        filter.doFilter(request, response, chain);
        return response.cookies.size();
    }

    @Benchmark
    public int unfiltered() throws Exception {
        request.reset();
        response.reset0();
        chain.doFilter(request, response);
        return response.cookies.size();
    }
}
