package org.consent4j.benchmarks.decision;

import java.util.concurrent.TimeUnit;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
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
 * Cookie name and host attribution against the bundled catalog and a synthetic catalog of 5,000
 * services: exact hits,
 * prefix hits (and parent-domain hits for hosts), host and path-prefix hits and misses. Each invocation looks up 1,024 different
 * pre-made names (fresh strings, as a request parser makes them), so the JIT cannot fold the lookups
 * away, and JMH reports the time per lookup. Run with {@code -bm sample} as well on a busy machine:
 * the median of batches preempted by other processes is far steadier than the mean. Budget
 * (DESIGN.md): about 100 ns.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CatalogLookupBenchmark {

    static final int BATCH = 1024;

    /** {@code bundled}: the catalog shipped with consent4j; {@code synthetic}: 5,000 generated services. */
    @Param({"bundled", "synthetic"})
    String catalogKind;

    Catalog catalog;
    String[] exactNames;
    String[] prefixedNames;
    String[] missingNames;
    String[] hosts;
    String[] subdomainHosts;
    String[] missingHosts;
    String[] pathHitHosts;
    String[] pathHitPaths;
    String[] pathMissHosts;
    String[] pathMissPaths;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticCatalog s = catalogKind.equals("bundled") ? new SyntheticCatalog(Catalogs.bundled())
                : new SyntheticCatalog(5000, 42);
        catalog = s.catalog;
        exactNames = SyntheticCatalog.sample(s.exactNames, BATCH, 1);
        prefixedNames = SyntheticCatalog.sample(s.prefixedNames, BATCH, 2);
        missingNames = SyntheticCatalog.sample(s.missingNames, BATCH, 3);
        hosts = SyntheticCatalog.sample(s.hosts, BATCH, 4);
        subdomainHosts = SyntheticCatalog.sample(s.subdomainHosts, BATCH, 5);
        missingHosts = SyntheticCatalog.sample(s.missingHosts, BATCH, 6);
        String[] hits = SyntheticCatalog.sample(s.pathHits, BATCH, 7);
        String[] misses = SyntheticCatalog.sample(s.pathMisses, BATCH, 8);
        pathHitHosts = new String[BATCH];
        pathHitPaths = new String[BATCH];
        pathMissHosts = new String[BATCH];
        pathMissPaths = new String[BATCH];
        for (int i = 0; i < BATCH; i++) {
            pathHitHosts[i] = new String(hits[i].substring(0, hits[i].indexOf(' ')));
            pathHitPaths[i] = new String(hits[i].substring(hits[i].indexOf(' ') + 1));
            pathMissHosts[i] = new String(misses[i].substring(0, misses[i].indexOf(' ')));
            pathMissPaths[i] = new String(misses[i].substring(misses[i].indexOf(' ') + 1));
            require(catalog.serviceForHost(pathHitHosts[i], pathHitPaths[i]).isPresent(), hits[i]);
        }
        for (String name : exactNames) {
            require(catalog.serviceForCookie(name).isPresent(), name);
        }
        for (String name : prefixedNames) {
            require(catalog.serviceForCookie(name).isPresent(), name);
        }
        for (String host : subdomainHosts) {
            require(catalog.serviceForHost(host).isPresent(), host);
        }
        for (String host : missingHosts) {
            require(catalog.serviceForHost(host).isEmpty(), host);
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("synthetic catalog is not as expected for " + what);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void cookieExactHit(Blackhole bh) {
        for (String s : exactNames) {
            bh.consume(catalog.serviceForCookie(s));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void cookiePrefixHit(Blackhole bh) {
        for (String s : prefixedNames) {
            bh.consume(catalog.serviceForCookie(s));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void cookieMiss(Blackhole bh) {
        for (String s : missingNames) {
            bh.consume(catalog.serviceForCookie(s));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void hostHit(Blackhole bh) {
        for (String s : hosts) {
            bh.consume(catalog.serviceForHost(s));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void hostParentDomainHit(Blackhole bh) {
        for (String s : subdomainHosts) {
            bh.consume(catalog.serviceForHost(s));
        }
    }

    /** Host and path under a catalog path prefix ({@code www.google.com} + {@code /maps/embed/v1/...}). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void hostPathHit(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            bh.consume(catalog.serviceForHost(pathHitHosts[i], pathHitPaths[i]));
        }
    }

    /** Host and path on a host that has path prefixes, under none of them (then its parent domains). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void hostPathMiss(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            bh.consume(catalog.serviceForHost(pathMissHosts[i], pathMissPaths[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void hostMiss(Blackhole bh) {
        for (String s : missingHosts) {
            bh.consume(catalog.serviceForHost(s));
        }
    }
}
