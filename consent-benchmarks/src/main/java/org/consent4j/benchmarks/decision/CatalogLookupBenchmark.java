package org.consent4j.benchmarks.decision;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cookie name and host attribution against a synthetic catalog of thousands of services: exact hits,
 * prefix hits (and parent-domain hits for hosts) and misses. Each call looks up the next of 1,024
 * pre-made names, so the JIT cannot fold the lookup away. Budget (DESIGN.md): about 100 ns.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CatalogLookupBenchmark {

    private static final int MASK = 1023;

    @Param({"5000"})
    int services;

    Catalog catalog;
    String[] exactNames;
    String[] prefixedNames;
    String[] missingNames;
    String[] hosts;
    String[] subdomainHosts;
    String[] missingHosts;
    int i;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticCatalog s = new SyntheticCatalog(services, 42);
        catalog = s.catalog;
        exactNames = SyntheticCatalog.sample(s.exactNames, MASK + 1, 1);
        prefixedNames = SyntheticCatalog.sample(s.prefixedNames, MASK + 1, 2);
        missingNames = SyntheticCatalog.sample(s.missingNames, MASK + 1, 3);
        hosts = SyntheticCatalog.sample(s.hosts, MASK + 1, 4);
        subdomainHosts = SyntheticCatalog.sample(s.subdomainHosts, MASK + 1, 5);
        missingHosts = SyntheticCatalog.sample(s.missingHosts, MASK + 1, 6);
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
    public Optional<Service> cookieExactHit() {
        return catalog.serviceForCookie(exactNames[i++ & MASK]);
    }

    @Benchmark
    public Optional<Service> cookiePrefixHit() {
        return catalog.serviceForCookie(prefixedNames[i++ & MASK]);
    }

    @Benchmark
    public Optional<Service> cookieMiss() {
        return catalog.serviceForCookie(missingNames[i++ & MASK]);
    }

    @Benchmark
    public Optional<Service> hostHit() {
        return catalog.serviceForHost(hosts[i++ & MASK]);
    }

    @Benchmark
    public Optional<Service> hostParentDomainHit() {
        return catalog.serviceForHost(subdomainHosts[i++ & MASK]);
    }

    @Benchmark
    public Optional<Service> hostMiss() {
        return catalog.serviceForHost(missingHosts[i++ & MASK]);
    }
}
