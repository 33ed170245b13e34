package org.consent4j.benchmarks.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.consent4j.records.JsonLinesRecordSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import java.nio.charset.StandardCharsets;
import org.consent4j.records.RecordKeys;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable records per second into the JSON Lines sink: every operation is one {@code append} that returns
 * after its line is written and forced to disk (fdatasync), shared with whatever other threads are
 * appending at the same moment (group commit). The log lives in the JVM's temporary directory
 * ({@code -Djava.io.tmpdir=...} to measure another disk).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class JsonLinesSinkBenchmark {

    /** Whether entries are authenticated with a records key (an HMAC per entry). */
    @Param({"false", "true"})
    public boolean keyed;

    private Path dir;
    private JsonLinesRecordSink sink;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("consent4j-bench-records-");
        JsonLinesRecordSink.Builder b = JsonLinesRecordSink.builder(dir);
        if (keyed) {
            b.keys(RecordKeys.of("bench", "consent4j-benchmark-records-key-0123456789".getBytes(StandardCharsets.UTF_8)));
        }
        sink = b.open();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        sink.close();
        System.out.println();
        System.out.println("sink metrics: " + sink.metrics() + ", segments: " + sink.segments().size());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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
}
