package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.VoidMarker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of a refusal, step by step with a disk whose force is held: an append that gives up while
 * its record waits for the force has the record's void entry in the file when it is answered, not
 * later; a record acknowledged before the hold is untouched; and once the force returns, the log
 * verifies with the refused record voided exactly once.
 */
final class LateWriteOrderTest {

    @TempDir
    Path dir;

    @Test
    void theVoidIsInTheFileBeforeTheRefusalIsAnswered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        AtomicBoolean hold = new AtomicBoolean();
        JsonLinesRecordSink.Forcer forcer = ch -> {
            if (hold.get()) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ch.force(false);
        };
        ConsentRecord kept = ConsentRecord.builder("alice", Instant.parse("2026-03-01T10:00:00Z")).catalogRevision("r").build();
        ConsentRecord refused = ConsentRecord.builder("bob", Instant.parse("2026-03-01T10:00:01Z")).catalogRevision("r").build();
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).writeTimeout(Duration.ofMillis(200)).forcer(forcer).open()) {
            sink.append(kept);
            hold.set(true); // the next force is held
            assertThrows(RecordWriteException.class, () -> sink.append(refused));
            assertTrue(held.await(5, TimeUnit.SECONDS), "the refused record's force never started");

            // Answered with a refusal while its force is still held: the file already says it does not count.
            List<Entry> now = entries();
            assertEquals(3, now.size(), "the kept record, the refused one, and its void: " + now);
            assertEquals(kept.id(), now.get(0).record().id());
            assertEquals(refused.id(), now.get(1).record().id());
            VoidMarker v = (VoidMarker) now.get(2).payload();
            assertEquals(List.of(new VoidMarker.Voided(now.get(1).seq(), now.get(1).hash())), v.voided());
            assertEquals(1, sink.voided());

            hold.set(false);
            release.countDown();
            assertEquals(4, sink.appendChained(ConsentRecord.builder("carol", Instant.parse("2026-03-01T10:00:02Z"))
                    .catalogRevision("r").build()).seq(), "the chain goes on after the void");
            assertTrue(sink.verify().intact(), sink.verify().summary());
            assertEquals(List.of(), sink.export("bob"), "a voided record is not exported");
            assertEquals(1, sink.export("alice").size());
        }
        assertEquals(1, entries().stream().filter(e -> e.payload() instanceof VoidMarker).count(),
                "no second void was written for the same record");
        assertEquals(4, entries().size());
    }

    private List<Entry> entries() throws IOException, org.consent4j.records.internal.EntryFormatException {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("consent-records-000001.jsonl"), StandardCharsets.UTF_8)) {
            out.add(EntryCodec.parse(line));
        }
        return out;
    }
}
