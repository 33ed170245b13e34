package org.consent4j.benchmarks.records;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.consent4j.records.jdbc.JdbcRecordSink;
import org.consent4j.core.testing.PostgresServer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Committed records per second into PostgreSQL through the JDBC sink: every operation is one
 * {@code append} that returns after its batch is committed. Uses the server named by
 * {@code CONSENT4J_PG_URL} (with {@code _USER}, {@code _PASSWORD}) if set, else starts a throwaway
 * cluster from the installed PostgreSQL binaries with {@code fsync} on (the durable setting).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class JdbcSinkBenchmark {

    /** pgjdbc's reWriteBatchedInserts: a batch of inserts sent as multi-row INSERT statements. */
    @Param({"false"})
    public boolean rewriteBatchedInserts;

    private PostgresServer server;
    private JdbcRecordSink sink;

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        Optional<PostgresServer> external = PostgresServer.external();
        if (external.isPresent()) {
            server = external.get();
        } else {
            Path bin = PostgresServer.findBinaries().orElseThrow(() -> new IllegalStateException(
                    "PostgreSQL is not installed; install it or set CONSENT4J_PG_URL"));
            server = PostgresServer.startOwned(bin, true);
        }
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS consent_records, consent_record_logs");
        }
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + "reWriteBatchedInserts=" + rewriteBatchedInserts;
        sink = JdbcRecordSink.builder(() -> DriverManager.getConnection(url, server.user(), server.password()))
                .createSchema(true).logName("bench").open();
    }

    @TearDown(Level.Trial)
    public void close() {
        sink.close();
        System.out.println();
        System.out.println("sink metrics: " + sink.metrics());
        server.close();
    }

    @Benchmark
    @Threads(1)
    public void append1Thread() {
        sink.append(Records.next());
    }

    @Benchmark
    @Threads(16)
    public void append16Threads() {
        sink.append(Records.next());
    }

    @Benchmark
    @Threads(64)
    public void append64Threads() {
        sink.append(Records.next());
    }
}
