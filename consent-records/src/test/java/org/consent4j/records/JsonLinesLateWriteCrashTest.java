package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.VoidMarker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash between a late write and its void: a child JVM appends while its disk stalls (every force
 * blocks), so records reach the file and their appends time out with "not saved"; the child is killed
 * with SIGKILL while those writes are still waiting for their force. After the restart, no record whose
 * append was refused may count, and every acknowledged one counts exactly once.
 */
final class JsonLinesLateWriteCrashTest {

    @TempDir
    Path dir;

    @TempDir
    Path logs;

    @Test
    void aRecordRefusedAfterItReachedTheFileNeverCountsAfterSigkill() throws Exception {
        List<String> printed;
        ChildJvm child = new ChildJvm(StallingCrashWriter.class, logs.resolve("child.log"), dir.toString(), "8");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (child.completeLines().stream().filter(l -> l.startsWith("R ")).count() < 16) {
                assertTrue(child.isAlive() && System.nanoTime() < deadline, "the child refused too few appends; see its log: "
                        + Files.readString(logs.resolve("child.log")));
                Thread.sleep(10);
            }
        } finally {
            child.kill(); // SIGKILL: the stalled forces never returned
        }
        printed = child.completeLines();
        Set<UUID> acknowledged = new HashSet<>();
        Set<UUID> refused = new HashSet<>();
        for (String line : printed) {
            (line.startsWith("A ") ? acknowledged : refused).add(UUID.fromString(line.substring(2)));
        }

        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            assertTrue(sink.verify().intact(), sink.verify().summary());
            Map<UUID, Integer> counted = new HashMap<>();
            Set<Long> voided = new HashSet<>();
            List<Entry> entries = new java.util.ArrayList<>();
            for (Path segment : sink.segments()) {
                for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
                    Entry e = EntryCodec.parse(line);
                    entries.add(e);
                    if (e.payload() instanceof VoidMarker m) {
                        m.voided().forEach(v -> voided.add(v.seq()));
                    }
                }
            }
            int refusedInFile = 0;
            for (Entry e : entries) {
                if (e.isRecord() && refused.contains(e.record().id())) {
                    refusedInFile++;
                }
                if (e.isRecord() && !voided.contains(e.seq())) {
                    counted.merge(e.record().id(), 1, Integer::sum);
                }
            }
            for (UUID id : refused) {
                assertEquals(0, counted.getOrDefault(id, 0), "record " + id + " was refused (503) but counts after the crash");
            }
            for (UUID id : acknowledged) {
                assertEquals(1, counted.getOrDefault(id, 0), "acknowledged record " + id + " must count exactly once");
            }
            assertTrue(refusedInFile > 0, "the stall must have caught refused records in the file (" + refused.size()
                    + " refused, none written)");
            System.out.printf("late-write crash test: %d acknowledged, %d refused, %d of those in the file and voided%n",
                    acknowledged.size(), refused.size(), refusedInFile);
        }
    }
}
