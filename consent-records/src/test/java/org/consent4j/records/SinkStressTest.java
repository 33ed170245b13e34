package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrency stress of the sinks, lincheck-style: many threads append while others erase and export,
 * and close comes at a random moment in the middle; afterwards the invariants are checked against the
 * log as it is on disk. Each repetition is a different interleaving.
 *
 * <p>Invariants: the chain verifies; every append that returned is in the log exactly once unless its
 * subject was erased; an append that threw is not counted; nothing is counted that no caller appended;
 * through {@link AsyncRecordSink}, an append that returned normally before close is written.
 */
final class SinkStressTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private static ConsentRecord record(String subject, int n) {
        return ConsentRecord.builder(subject, T0.plusMillis(n)).catalogRevision("r").userAgent("u" + n).build();
    }

    @RepeatedTest(4)
    void appendsErasuresAndCloseInterleavedKeepTheLogExact() throws Exception {
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        Set<UUID> refused = ConcurrentHashMap.newKeySet();
        Map<UUID, String> subjects = new ConcurrentHashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateAtSize(random.nextInt(4_000, 40_000))
                .writeTimeout(Duration.ofSeconds(5)).open();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                await(go);
                for (int i = 0; i < 400; i++) {
                    String subject = (thread % 3 == 0 ? "erased-" : "kept-") + (i % 7);
                    ConsentRecord r = record(subject, thread * 10_000 + i);
                    subjects.put(r.id(), subject);
                    try {
                        sink.append(r);
                        acknowledged.add(r.id());
                    } catch (RecordWriteException e) {
                        refused.add(r.id());
                    }
                    if (i % 50 == 0 && ThreadLocalRandom.current().nextBoolean()) {
                        try {
                            sink.append(r); // at-least-once: the same record again
                        } catch (RecordWriteException e) {
                            // closed meanwhile
                        }
                    }
                }
            }));
        }
        threads.add(new Thread(() -> {
            await(go);
            for (int i = 0; i < 6; i++) {
                try {
                    sink.erase("erased-" + (i % 7));
                    sink.export("kept-" + (i % 7));
                } catch (RecordWriteException e) {
                    return; // closed meanwhile
                }
            }
        }));
        threads.forEach(Thread::start);
        go.countDown();
        Thread.sleep(random.nextInt(20, 400));
        sink.close(); // in the middle of it all
        for (Thread t : threads) {
            t.join(60_000);
        }

        try (JsonLinesRecordSink reopened = JsonLinesRecordSink.builder(dir).open()) {
            ChainReport report = reopened.verify();
            assertTrue(report.intact(), report.summary());
            Map<UUID, Integer> counted = new HashMap<>();
            Set<String> allSubjects = new HashSet<>(subjects.values());
            for (String s : allSubjects) {
                for (ChainedRecord r : reopened.export(s)) {
                    counted.merge(r.record().id(), 1, Integer::sum);
                }
            }
            for (Map.Entry<UUID, Integer> e : counted.entrySet()) {
                assertEquals(1, e.getValue(), "record " + e.getKey() + " counted twice");
                assertTrue(acknowledged.contains(e.getKey()), "record " + e.getKey() + " is in the log but was never acknowledged");
            }
            for (UUID id : acknowledged) {
                if (subjects.get(id).startsWith("kept-")) {
                    assertEquals(1, counted.getOrDefault(id, 0), "acknowledged record " + id + " is missing");
                }
            }
            for (UUID id : refused) {
                if (!acknowledged.contains(id)) {
                    assertEquals(0, counted.getOrDefault(id, 0), "refused record " + id + " is counted");
                }
            }
        }
    }

    @RepeatedTest(4)
    void asyncCloseNeverDropsAnAppendThatReturned() throws Exception {
        Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        JsonLinesRecordSink log = JsonLinesRecordSink.builder(dir).open();
        AsyncRecordSink async = AsyncRecordSink.builder(log).capacity(16).workers(2)
                .offerTimeout(Duration.ofSeconds(2)).closeTimeout(Duration.ofSeconds(30)).build();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                await(go);
                for (int i = 0; i < 300; i++) {
                    ConsentRecord r = record("s" + thread, thread * 10_000 + i);
                    try {
                        async.append(r); // blocks while the small queue is full: close comes in the middle
                        accepted.add(r.id());
                    } catch (RecordWriteException e) {
                        return;
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        Thread.sleep(ThreadLocalRandom.current().nextInt(10, 200));
        async.close();
        for (Thread t : threads) {
            t.join(60_000);
        }
        try (JsonLinesRecordSink reopened = JsonLinesRecordSink.builder(dir).open()) {
            Set<UUID> written = new HashSet<>();
            for (int t = 0; t < 8; t++) {
                reopened.export("s" + t).forEach(r -> written.add(r.record().id()));
            }
            Set<UUID> lost = new HashSet<>(accepted);
            lost.removeAll(written);
            assertEquals(Set.of(), lost, "appends that returned normally but were never written");
            assertTrue(reopened.verify().intact());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
