package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JsonLinesRecordSinkTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dir;

    private static ConsentRecord record(String subject, int n) {
        return TestLog.record(subject, T0.plusSeconds(n), n);
    }

    private static List<String> lines(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void appendWritesOneCanonicalLinePerRecordOnDiskBeforeReturning() throws IOException {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            ChainedRecord first = sink.appendChained(record("alice", 1));
            ChainedRecord second = sink.appendChained(record("bob", 2));

            List<String> lines = lines(sink.segments());
            assertEquals(List.of(RecordJson.format(first), RecordJson.format(second)), lines);
            assertEquals(1, first.seq());
            assertEquals(first.hash(), second.prev());
            assertEquals(second.head(), sink.head());
        }
    }

    @Test
    void exportReturnsEverySubjectRecordInLogOrder() throws IOException {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            for (int i = 0; i < 9; i++) {
                sink.append(record(i % 3 == 0 ? "alice" : "bob", i));
            }

            List<ChainedRecord> alice = sink.export("alice");

            assertEquals(List.of(1L, 4L, 7L), alice.stream().map(ChainedRecord::seq).toList());
            assertTrue(alice.stream().allMatch(c -> c.record().subjectId().equals("alice")));
            assertEquals(alice, RecordFiles.export(sink.segments(), "alice"));
            assertEquals(List.of(), sink.export("carol"));
        }
    }

    @Test
    void concurrentAppendsShareWritesAndFormOneIntactChain() throws Exception {
        int threads = 8;
        int each = 100;
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        ConsentRecord r = record("subject-" + thread, thread * each + i);
                        sink.append(r);
                        acknowledged.add(r.id());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            ChainReport report = sink.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(threads * each, report.records());
            assertEquals(new SinkMetrics(0, threads * each, 0, 0), sink.metrics());
            Set<UUID> onDisk = new HashSet<>();
            for (String line : lines(sink.segments())) {
                onDisk.add(RecordJson.parse(line).record().id());
            }
            assertEquals(acknowledged, onDisk);
        }
    }

    @Test
    void reopeningContinuesTheChain() throws IOException {
        ChainHead before;
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            sink.append(record("alice", 1));
            before = sink.head();
        }
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            assertEquals(before, sink.head());
            ChainedRecord next = sink.appendChained(record("alice", 2));

            assertEquals(before.seq() + 1, next.seq());
            assertEquals(before.hash(), next.prev());
            assertTrue(sink.verify().intact());
        }
    }

    @Test
    void segmentsRotateBySizeAndTheChainContinuesAcrossThem() throws IOException {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateAtSize(2_000).open()) {
            for (int i = 0; i < 30; i++) {
                sink.append(record("alice", i));
            }
            List<Path> segments = sink.segments();

            assertTrue(segments.size() >= 5, segments.toString());
            assertEquals("consent-records-000001.jsonl", segments.get(0).getFileName().toString());
            for (Path s : segments.subList(0, segments.size() - 1)) {
                assertTrue(Files.size(s) <= 2_000, s + " is " + Files.size(s) + " bytes");
            }
            assertTrue(sink.verify().intact());
            List<Path> shuffled = new ArrayList<>(segments);
            Collections.reverse(shuffled);
            ChainReport fromFiles = RecordFiles.verify(shuffled);
            assertTrue(fromFiles.intact(), fromFiles.summary());
            assertEquals(30, fromFiles.records());
        }
    }

    @Test
    void segmentsRotateOnTheFirstWriteOfANewDay() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T23:59:00Z"));
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateDaily(ZoneOffset.UTC).clock(clock).open()) {
            sink.append(record("alice", 1));
            sink.append(record("alice", 2));
            clock.advance(Duration.ofMinutes(2));
            sink.append(record("alice", 3));

            assertEquals(2, sink.segments().size());
            assertEquals(2, Files.readAllLines(sink.segments().get(0)).size());
            assertEquals(1, Files.readAllLines(sink.segments().get(1)).size());
            assertTrue(sink.verify().intact());
        }
    }

    @Test
    void aTornLastLineIsReportedByVerifyAndSetAsideOnOpen() throws IOException {
        Path segment;
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            sink.append(record("alice", 1));
            sink.append(record("alice", 2));
            segment = sink.segments().get(0);
        }
        byte[] torn = "{\"v\":1,\"seq\":3,\"prev\":\"ab".getBytes(StandardCharsets.US_ASCII);
        Files.write(segment, torn, StandardOpenOption.APPEND);

        ChainReport before = RecordFiles.verify(List.of(segment));
        assertEquals(ChainProblem.Kind.TORN_TAIL, before.problem().orElseThrow().kind());
        assertEquals(segment + ":3", before.problem().orElseThrow().location());

        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            assertEquals(1, sink.recoveredTails().size());
            assertArrayEquals(torn, Files.readAllBytes(sink.recoveredTails().get(0)));
            assertTrue(sink.verify().intact());
            ChainedRecord next = sink.appendChained(record("alice", 3));
            assertEquals(3, next.seq());
            assertTrue(RecordFiles.verify(sink.segments()).intact());
        }
    }

    @Test
    void aDamagedLastEntryStopsTheSinkFromOpeningAndSaysWhere() throws IOException {
        Path segment;
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            sink.append(record("alice", 1));
            segment = sink.segments().get(0);
        }
        String line = Files.readString(segment).replace("\"DENIED\"", "\"GRANTED\"");
        Files.writeString(segment, line);

        IOException e = assertThrows(IOException.class, () -> JsonLinesRecordSink.builder(dir).open());

        assertTrue(e.getMessage().contains(segment.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not match the entry's hash"), e.getMessage());
    }

    @Test
    void aFullDiskFailsTheAppendWithRecordWriteExceptionAndNothingIsAcknowledged() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "/dev/full is needed to simulate a full disk (Linux)");
        Files.createSymbolicLink(dir.resolve("consent-records-000001.jsonl"), full);
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            RecordWriteException first = assertThrows(RecordWriteException.class, () -> sink.append(record("alice", 1)));
            RecordWriteException second = assertThrows(RecordWriteException.class, () -> sink.append(record("alice", 2)));

            assertTrue(first.getMessage().contains("No space left on device"), first.getMessage());
            assertTrue(first.getMessage().contains("not acknowledged"), first.getMessage());
            assertTrue(second.getMessage().startsWith("could not write 1 consent record(s)"), second.getMessage());
            assertEquals(new SinkMetrics(0, 0, 2, 0), sink.metrics());
            assertEquals(ChainHead.EMPTY, sink.head());
        }
    }

    @Test
    void aFailedRotationFailsTheAppendAndTheSinkRecoversOnceTheCauseIsGone() throws IOException {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateAtSize(500).open()) {
            sink.append(record("alice", 1));
            Path blocker = dir.resolve("consent-records-000002.jsonl");
            Files.createDirectory(blocker);

            RecordWriteException e = assertThrows(RecordWriteException.class, () -> sink.append(record("alice", 2)));
            assertTrue(e.getMessage().contains("consent-records-000002.jsonl"), e.getMessage());

            Files.delete(blocker);
            sink.append(record("alice", 3));
            ChainReport report = sink.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(2, report.records());
        }
    }

    @Test
    void oneLogIsOpenedByOneSinkAtATime() throws IOException {
        JsonLinesRecordSink first = JsonLinesRecordSink.builder(dir).open();

        IOException e = assertThrows(IOException.class, () -> JsonLinesRecordSink.builder(dir).open());

        assertTrue(e.getMessage().contains("is already open"), e.getMessage());
        first.close();
        try (JsonLinesRecordSink second = JsonLinesRecordSink.builder(dir).open()) {
            second.append(record("alice", 1));
            assertTrue(second.verify().intact());
        }
    }

    @Test
    void appendAfterCloseIsRefused() throws IOException {
        JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open();
        sink.close();

        RecordWriteException e = assertThrows(RecordWriteException.class, () -> sink.append(record("alice", 1)));

        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void eraseRemovesEverySubjectRecordAndTheLogStaysVerifiableAgainstOldAnchors() throws IOException {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateAtSize(1_500).open()) {
            for (int i = 0; i < 20; i++) {
                sink.append(record(i % 4 == 0 ? "alice" : "bob", i));
            }
            ChainHead anchor = sink.head();

            int erased = sink.erase("alice");

            assertEquals(5, erased);
            assertEquals(List.of(), sink.export("alice"));
            assertEquals(15, sink.export("bob").size());
            for (String line : lines(sink.segments())) {
                assertFalse(line.contains("alice"), line);
            }
            ChainReport report = RecordFiles.verify(sink.segments(), Set.of(anchor.hash()));
            assertTrue(report.intact(), report.summary());
            assertEquals(15, report.records());
            assertEquals(1, report.markers());
            assertEquals(0, sink.erase("alice"));
            sink.append(record("alice", 21));
            assertTrue(sink.verify().intact());
        }
    }

    @Test
    void purgeRemovesTheOldPrefixAndTheLogStaysVerifiable() throws IOException {
        MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(400)));
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateAtSize(1_500).clock(clock).open()) {
            for (int i = 0; i < 20; i++) {
                sink.append(TestLog.record("alice", T0.plus(Duration.ofDays(i)), i));
            }
            int segmentsBefore = sink.segments().size();

            long removed = sink.purgeBefore(T0.plus(Duration.ofDays(12)));

            assertEquals(12, removed);
            assertTrue(sink.segments().size() < segmentsBefore);
            ChainReport report = sink.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(8, report.records());
            assertEquals(13, RecordJson.parse(lines(sink.segments()).get(0)).seq());
            assertEquals(0, sink.purgeBefore(T0.plus(Duration.ofDays(12))));
            assertTrue(RecordFiles.verify(sink.segments()).intact());
        }
    }

    @Test
    void purgingEverythingKeepsOnlyTheMarkerAndTheChainContinues() throws IOException {
        MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(400)));
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).clock(clock).open()) {
            for (int i = 0; i < 5; i++) {
                sink.append(record("alice", i));
            }

            assertEquals(5, sink.purgeBefore(clock.instant()));
            sink.append(record("bob", 6));

            ChainReport report = sink.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(1, report.records());
            assertEquals(1, report.markers());
            assertEquals(7, report.head().seq());
        }
    }

    @Test
    void purgingEverythingAcrossRotatedSegmentsKeepsTheMarkerAndLaterRecords() throws IOException {
        MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(400)));
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateAtSize(1_200).clock(clock).open()) {
            for (int i = 0; i < 12; i++) {
                sink.append(record("alice", i));
            }

            assertEquals(12, sink.purgeBefore(clock.instant()));
            sink.append(record("bob", 13));
            sink.append(record("bob", 14));

            ChainReport report = sink.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(2, report.records());
            assertEquals(1, report.markers());
            assertEquals(15, report.head().seq());
            assertEquals(List.of(), sink.export("alice"));
            assertTrue(RecordFiles.verify(sink.segments()).intact());
        }
    }

    @Test
    void configuredRetentionPurgesOldEntriesSoonAfterOpening() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).clock(clock).open()) {
            for (int i = 0; i < 4; i++) {
                sink.append(record("alice", i));
            }
        }
        clock.advance(Duration.ofDays(30));
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).clock(clock).retention(Duration.ofDays(7)).open()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sink.verify().records() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            ChainReport report = sink.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(0, report.records());
            assertEquals(1, report.markers());
        }
    }
}
