package org.consent4j.benchmarks.servlet;

import java.util.concurrent.TimeUnit;
import org.consent4j.core.cookie.KeySet;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole request through a real Jetty 12 server (parsing, servlet, response generation) over its
 * in-memory {@link LocalConnector}: the load-test application without a filter, behind a no-op
 * filter, and behind the consent filter. The differences are the server-side cost of the filter,
 * free of the noise a load generator sharing the machine adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JettyRequestBenchmark {

    @Param({"plain", "noop", "filtered"})
    public String variant;

    private Server server;
    private LocalConnector connector;
    private String request;

    @Setup(Level.Trial)
    public void start() throws Exception {
        KeySet keys = KeySet.generate();
        server = LoadTestServer.server(keys, 0);
        connector = new LocalConnector(server);
        server.addConnector(connector);
        server.start();
        request = "GET /" + variant + "/api/ping HTTP/1.1\r\nHost: localhost\r\nCF-IPCountry: FR\r\n"
                + "Cookie: consent4j=" + LoadTestServer.consentCookie(keys) + "; JSESSIONID=node0abc\r\n\r\n";
        String response = connector.getResponse(request);
        if (!response.startsWith("HTTP/1.1 200") || variant.equals("filtered") == response.contains("_ga=")) {
            throw new IllegalStateException("unexpected response:\n" + response);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.stop();
    }

    @Benchmark
    public String request() throws Exception {
        return connector.getResponse(request);
    }
}
