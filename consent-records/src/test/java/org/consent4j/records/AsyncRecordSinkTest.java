package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.consent4j.records.internal.EntryCodec;

final class AsyncRecordSinkTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dir;

    private static ConsentRecord record(int n) {
        return TestLog.record("alice", T0.plusSeconds(n), n);
    }

    private static void awaitMetrics(AsyncRecordSink sink, java.util.function.Predicate<SinkMetrics> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.test(sink.metrics()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void closeWritesEveryQueuedRecordToTheDelegateBeforeClosingIt() throws IOException {
        AsyncRecordSink sink = AsyncRecordSink.builder(JsonLinesRecordSink.builder(dir).open()).build();
        for (int i = 0; i < 500; i++) {
            sink.append(record(i));
        }

        sink.close();

        assertEquals(new SinkMetrics(0, 500, 0, 0), sink.metrics());
        try (JsonLinesRecordSink reopened = JsonLinesRecordSink.builder(dir).open()) {
            ChainReport report = reopened.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(500, report.records());
        }
    }

    @Test
    void aFullQueueHoldsTheCallerThenRefusesLoudlyInsteadOfDropping() throws InterruptedException {
        GateSink gate = GateSink.closedGate();
        AsyncRecordSink sink = AsyncRecordSink.builder(gate).capacity(5).workers(1)
                .offerTimeout(Duration.ofMillis(200)).build();
        sink.append(record(0));
        awaitMetrics(sink, m -> gate.attempts.get() == 1);
        for (int i = 1; i <= 5; i++) {
            sink.append(record(i));
        }

        long started = System.nanoTime();
        RecordWriteException e = assertThrows(RecordWriteException.class, () -> sink.append(record(6)));
        long waitedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertTrue(waitedMillis >= 150, "did not wait for room: " + waitedMillis + " ms");
        assertTrue(e.getMessage().contains("stayed full (5 records) for 200 ms"), e.getMessage());
        assertEquals(new SinkMetrics(6, 0, 0, 1), sink.metrics());
        gate.open();
        sink.close();
        assertEquals(new SinkMetrics(0, 6, 0, 1), sink.metrics());
        assertEquals(6, gate.written.size());
        assertTrue(gate.closed);
    }

    @Test
    void aFailingWriteIsRetriedUntilItSucceeds() throws InterruptedException {
        GateSink flaky = GateSink.failing(2, new RecordWriteException("disk full"));
        AsyncRecordSink sink = AsyncRecordSink.builder(flaky).retries(3, Duration.ofMillis(1)).build();

        sink.append(record(1));
        awaitMetrics(sink, m -> m.written() == 1);

        assertEquals(new SinkMetrics(0, 1, 0, 0), sink.metrics());
        assertEquals(3, flaky.attempts.get());
        sink.close();
    }

    @Test
    void aRecordThatCannotBeWrittenIsCountedAndLoggedInFullNeverDroppedSilently() throws InterruptedException {
        GateSink broken = GateSink.failing(Integer.MAX_VALUE, new IllegalStateException("database down"));
        AsyncRecordSink sink = AsyncRecordSink.builder(broken).retries(1, Duration.ofMillis(1)).build();
        ConsentRecord r = record(7);
        String logged;
        try (StderrCapture err = new StderrCapture()) {
            sink.append(r);
            awaitMetrics(sink, m -> m.failed() == 1);
            logged = err.text();
        }

        assertEquals(new SinkMetrics(0, 0, 1, 0), sink.metrics());
        assertTrue(logged.contains("org.consent4j.records.failed"), logged);
        assertTrue(logged.contains("database down"), logged);
        String json = "{" + new String(EntryCodec.body(r), java.nio.charset.StandardCharsets.UTF_8) + "}";
        assertTrue(logged.contains("re-imported: " + json + "\n"), logged);
        sink.close();
    }

    @Test
    void appendAfterCloseIsRefused() {
        AsyncRecordSink sink = AsyncRecordSink.builder(ConsentRecordSink.NONE).build();
        sink.close();

        RecordWriteException e = assertThrows(RecordWriteException.class, () -> sink.append(record(1)));

        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(1, sink.metrics().rejected());
    }
}
