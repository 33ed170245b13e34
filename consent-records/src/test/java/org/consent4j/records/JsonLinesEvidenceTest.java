package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.ErasureMarker;
import org.consent4j.records.internal.RemovedEntry;
import org.consent4j.records.internal.VoidMarker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON Lines log as evidence: exactly what was acknowledged, keyed chains and checkpoints, the lock, erasure. */
final class JsonLinesEvidenceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final RecordKeys K1 = RecordKeys.of("k1", "0123456789abcdef0123456789abcdef-one".getBytes(StandardCharsets.UTF_8));
    private static final RecordKeys K2 = RecordKeys.builder()
            .key("k2", "0123456789abcdef0123456789abcdef-two".getBytes(StandardCharsets.UTF_8))
            .key("k1", "0123456789abcdef0123456789abcdef-one".getBytes(StandardCharsets.UTF_8)).build();

    @TempDir
    Path dir;

    private static ConsentRecord unique(String subject, int n) {
        return ConsentRecord.builder(subject, T0.plusMillis(n)).catalogRevision("r1").method(ConsentMethod.ACCEPT_ALL)
                .userAgent("agent-" + n).build();
    }

    /** Every line of the log, parsed. */
    private List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(f -> f.getFileName().toString().matches("consent-records-\\d+\\.jsonl")).sorted().toList();
        }
        for (Path s : segments) {
            for (String line : Files.readAllLines(s, StandardCharsets.UTF_8)) {
                try {
                    out.add(EntryCodec.parse(line));
                } catch (Exception e) {
                    throw new AssertionError(s + ": " + line, e);
                }
            }
        }
        return out;
    }

    /** Record id to how many times it counts in the log (voided entries do not count). */
    private Map<UUID, Integer> counted() throws IOException {
        List<Entry> all = entries();
        Set<Long> voided = new HashSet<>();
        for (Entry e : all) {
            if (e.payload() instanceof VoidMarker m) {
                m.voided().forEach(v -> voided.add(v.seq()));
            }
        }
        Map<UUID, Integer> out = new HashMap<>();
        for (Entry e : all) {
            if (e.isRecord() && !voided.contains(e.seq())) {
                out.merge(e.record().id(), 1, Integer::sum);
            }
        }
        return out;
    }

    @Test
    void stalledDiskPastTheTimeoutLeavesNoRecordForARefusalAndExactlyOneForAnAcknowledgement() throws Exception {
        AtomicBoolean stalled = new AtomicBoolean();
        Object gate = new Object();
        JsonLinesRecordSink.Forcer stallable = ch -> {
            synchronized (gate) {
                while (stalled.get()) {
                    try {
                        gate.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
            }
            ch.force(false);
        };
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        Set<UUID> refused = ConcurrentHashMap.newKeySet();
        AtomicInteger n = new AtomicInteger();
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).writeTimeout(Duration.ofMillis(300))
                .forcer(stallable).open()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
            for (int t = 0; t < 16; t++) {
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    while (System.nanoTime() < end) {
                        ConsentRecord r = unique("s" + (n.get() % 97), n.incrementAndGet());
                        try {
                            sink.append(r);
                            acknowledged.add(r.id()); // a 200
                        } catch (RecordWriteException e) {
                            refused.add(r.id()); // a 503
                        }
                    }
                });
                writers.add(w);
                w.start();
            }
            start.countDown();
            Thread.sleep(500);
            stalled.set(true); // the disk stalls past the timeout ...
            Thread.sleep(1200);
            synchronized (gate) {
                stalled.set(false); // ... and comes back
                gate.notifyAll();
            }
            for (Thread w : writers) {
                w.join();
            }
            assertTrue(sink.voided() > 0, "the stall must have caught writes in flight (voided " + sink.voided() + ")");
            assertTrue(sink.verify().intact(), sink.verify().summary());
        }
        assertFalse(refused.isEmpty(), "the stall must have refused some choices");
        assertFalse(acknowledged.isEmpty());
        Map<UUID, Integer> counted = counted();
        for (UUID id : acknowledged) {
            assertEquals(1, counted.getOrDefault(id, 0), "acknowledged record " + id + " must count exactly once");
        }
        for (UUID id : refused) {
            assertEquals(0, counted.getOrDefault(id, 0), "refused record " + id + " must not count");
        }
        assertEquals(acknowledged.size(), counted.size(), "the log counts nothing that was not acknowledged");
        // Export (subject access) leaves voided records out too.
        List<Path> files;
        try (JsonLinesRecordSink reopened = JsonLinesRecordSink.builder(dir).open()) {
            files = reopened.segments();
        }
        for (int s = 0; s < 97; s++) {
            for (ChainedRecord r : RecordFiles.export(files, "s" + s)) {
                assertTrue(acknowledged.contains(r.record().id()), "export holds a refused record " + r.record().id());
            }
        }
    }

    @Test
    void appendingTheSameRecordIdAgainReturnsTheFirstWriteAndWritesNothing() throws IOException {
        ConsentRecord r = unique("alice", 1);
        ChainedRecord first;
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            first = sink.appendChained(r);
            ChainedRecord again = sink.appendChained(r);
            assertEquals(first.seq(), again.seq());
            assertEquals(first.hash(), again.hash());
            assertEquals(1, sink.duplicates());
        }
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            ChainedRecord afterRestart = sink.appendChained(r); // remembered from the active segment
            assertEquals(first.hash(), afterRestart.hash());
            assertEquals(1, sink.head().seq());
        }
        assertEquals(Map.of(r.id(), 1), counted());
    }

    @Test
    void verifyWithTheKeyDetectsAnEditWithRecomputedHashesAForgedErasureAndACutTail() throws IOException {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).keys(K1).open()) {
            for (int i = 0; i < 10; i++) {
                sink.append(unique(i == 4 ? "victim" : "s" + i, i));
            }
        }
        Path segment = dir.resolve("consent-records-000001.jsonl");
        List<String> lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
        List<Path> files = List.of(segment);
        assertTrue(RecordFiles.verify(files, Set.of(), K1).intact());
        assertTrue(RecordFiles.verify(files, Set.of()).intact());
        Checkpoint last = lastCheckpoint();
        assertEquals(10, last.head().seq());
        assertTrue(RecordFiles.verify(files, K1, last).intact());

        // 1. Edit seq 5 (ACCEPT_ALL -> REJECT_ALL) and recompute every hash from there on.
        List<Entry> parsed = parse(lines);
        Entry five = parsed.get(4);
        ConsentRecord r = five.record();
        ConsentRecord edited = new ConsentRecord(r.id(), r.subjectId(), r.timestamp(), r.jurisdiction(), r.regime(), r.laws(),
                r.catalogRevision(), r.categories(), r.services(), ConsentMethod.REJECT_ALL, r.gpc(), r.locale(),
                r.textsHash(), r.clientAddress(), r.userAgent());
        List<Object> payloads = new ArrayList<>();
        parsed.forEach(e -> payloads.add(e.payload()));
        payloads.set(4, edited);
        write(segment, rechain(payloads, parsed.get(0).prev(), 1, null));
        assertTrue(RecordFiles.verify(files, Set.of()).intact(), "without the key the rewrite looks intact");
        ChainReport report = RecordFiles.verify(files, Set.of(), K1);
        assertEquals(ChainProblem.Kind.UNAUTHENTICATED, report.problem().orElseThrow().kind(), report.summary());

        // 2. Hide the victim's record behind a hand-made erasure entry (chain recomputed after it).
        List<Object> forged = new ArrayList<>();
        parsed.forEach(e -> forged.add(e.payload()));
        Entry victim = parsed.get(4);
        forged.remove(4);
        List<String> rebuilt = new ArrayList<>(lines.subList(0, 4));
        List<Object> tail = new ArrayList<>(forged.subList(4, forged.size()));
        tail.add(new ErasureMarker(UUID.randomUUID(), T0.plusSeconds(60), EntryCodec.subjectDigest("victim"),
                List.of(new RemovedEntry(victim.seq(), victim.prev(), victim.hash()))));
        rebuilt.addAll(rechain(tail, victim.hash(), 6, null));
        write(segment, rebuilt);
        assertTrue(RecordFiles.verify(files, Set.of()).intact(), "without the key the forged erasure looks intact");
        report = RecordFiles.verify(files, Set.of(), K1);
        assertEquals(ChainProblem.Kind.UNAUTHENTICATED, report.problem().orElseThrow().kind(), report.summary());

        // 3. Cut the tail: three entries gone.
        write(segment, lines.subList(0, 7));
        assertTrue(RecordFiles.verify(files, Set.of(), K1).intact(), "entries and MACs left are genuine");
        report = RecordFiles.verify(files, K1, last);
        assertEquals(ChainProblem.Kind.ANCHOR_NOT_FOUND, report.problem().orElseThrow().kind(), report.summary());

        // A checkpoint edited to match the cut log is refused.
        Checkpoint moved = new Checkpoint(last.log(), parse(lines).get(6).head(), last.at(), last.mac());
        report = RecordFiles.verify(files, K1, moved);
        assertEquals(ChainProblem.Kind.BAD_CHECKPOINT, report.problem().orElseThrow().kind(), report.summary());
    }

    @Test
    void ed25519CheckpointsLetAThirdPartyWithThePublicKeyDetectAnEditWithRecomputedHashesAndACutTail() throws IOException {
        CheckpointKey signing = CheckpointKey.generate("cp1");
        CheckpointKey verifying = CheckpointKey.parse(signing.publicLine());
        assertFalse(verifying.canSign());
        assertEquals(signing.id(), CheckpointKey.parse(signing.privateLine()).id());
        assertThrows(IllegalStateException.class, verifying::privateLine);
        assertThrows(IllegalArgumentException.class, () -> JsonLinesRecordSink.builder(dir).checkpointKey(verifying));
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).checkpointKey(signing).open()) {
            for (int i = 0; i < 10; i++) {
                sink.append(unique("s" + i, i));
            }
        }
        Path segment = dir.resolve("consent-records-000001.jsonl");
        List<String> lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
        List<Path> files = List.of(segment);
        Checkpoint last = lastCheckpoint();
        assertTrue(last.isSigned(), last.toLine());
        assertEquals(10, last.head().seq());
        assertEquals(last, Checkpoint.parse(last.toLine()));
        assertTrue(RecordFiles.verify(files, verifying, last).intact());

        // Another key pair's public key, or the records keys, do not accept it.
        ChainReport report = RecordFiles.verify(files, CheckpointKey.generate("cp1").publicKey(), last);
        assertEquals(ChainProblem.Kind.BAD_CHECKPOINT, report.problem().orElseThrow().kind(), report.summary());
        assertEquals(ChainProblem.Kind.BAD_CHECKPOINT, RecordFiles.verify(files, K1, last).problem().orElseThrow().kind());
        assertEquals(RecordKeys.Check.UNKNOWN_KEY, last.check(CheckpointKey.generate("cp2")));

        // 1. Edit seq 5 and recompute every hash from there on: the checkpoint's head is gone.
        List<Entry> parsed = parse(lines);
        ConsentRecord r = parsed.get(4).record();
        ConsentRecord edited = new ConsentRecord(r.id(), r.subjectId(), r.timestamp(), r.jurisdiction(), r.regime(), r.laws(),
                r.catalogRevision(), r.categories(), r.services(), ConsentMethod.REJECT_ALL, r.gpc(), r.locale(),
                r.textsHash(), r.clientAddress(), r.userAgent());
        List<Object> payloads = new ArrayList<>();
        parsed.forEach(e -> payloads.add(e.payload()));
        payloads.set(4, edited);
        write(segment, rechain(payloads, parsed.get(0).prev(), 1, null));
        assertTrue(RecordFiles.verify(files, Set.of()).intact(), "without the checkpoint the rewrite looks intact");
        report = RecordFiles.verify(files, verifying, last);
        assertEquals(ChainProblem.Kind.ANCHOR_NOT_FOUND, report.problem().orElseThrow().kind(), report.summary());

        // 2. Cut the tail.
        write(segment, lines.subList(0, 7));
        report = RecordFiles.verify(files, verifying, last);
        assertEquals(ChainProblem.Kind.ANCHOR_NOT_FOUND, report.problem().orElseThrow().kind(), report.summary());

        // 3. A checkpoint moved to the cut log's head does not match its signature.
        Checkpoint moved = new Checkpoint(last.log(), parse(lines).get(6).head(), last.at(), last.mac());
        report = RecordFiles.verify(files, verifying, moved);
        assertEquals(ChainProblem.Kind.BAD_CHECKPOINT, report.problem().orElseThrow().kind(), report.summary());

        // An HMAC checkpoint is not taken for a signed one.
        Checkpoint hmac = Checkpoint.sign(K1, last.log(), parse(lines).get(6).head(), last.at());
        assertEquals(ChainProblem.Kind.BAD_CHECKPOINT, RecordFiles.verify(files, verifying, hmac).problem().orElseThrow().kind());
    }

    @Test
    void checkpointKeyLinesAreCheckedWithClearErrors() {
        CheckpointKey a = CheckpointKey.generate("a");
        CheckpointKey b = CheckpointKey.generate("b");
        String[] pa = a.privateLine().split(" ");
        String[] pb = b.privateLine().split(" ");
        IllegalArgumentException mismatched = assertThrows(IllegalArgumentException.class,
                () -> CheckpointKey.parse(pa[0] + " " + pa[1] + " " + pa[2] + " " + pb[3]));
        assertTrue(mismatched.getMessage().contains("not the private key's"), mismatched.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CheckpointKey.parse("a ed25519-public !!!"));
        assertThrows(IllegalArgumentException.class, () -> CheckpointKey.parse("a rsa-public AAAA"));
        assertThrows(IllegalArgumentException.class, () -> CheckpointKey.parse("# only a comment\n"));
        assertThrows(IllegalArgumentException.class, () -> CheckpointKey.generate("no spaces allowed"));
        assertFalse(a.toString().contains(pa[2]), "toString must not show the private key");
    }

    @Test
    void rotatedKeysVerifyWithEveryKeyStillInUse() throws IOException {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).keys(K1).open()) {
            sink.append(unique("a", 1));
        }
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).keys(K2).open()) {
            sink.append(unique("b", 2));
            assertTrue(sink.verify().intact(), sink.verify().summary());
        }
        List<Path> files = List.of(dir.resolve("consent-records-000001.jsonl"));
        assertTrue(RecordFiles.verify(files, Set.of(), K2).intact());
        RecordKeys onlyNew = RecordKeys.of("k2", "0123456789abcdef0123456789abcdef-two".getBytes(StandardCharsets.UTF_8));
        ChainReport r = RecordFiles.verify(files, Set.of(), onlyNew);
        assertEquals(ChainProblem.Kind.UNAUTHENTICATED, r.problem().orElseThrow().kind());
        assertTrue(r.summary().contains("'k1'"), r.summary());
    }

    @Test
    void theActiveSegmentItselfIsLockedAndNoLockFileIsLeft() throws Exception {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateAtSize(2_000).open()) {
            for (int i = 0; i < 20; i++) {
                sink.append(unique("s", i)); // rotates several times
            }
            assertTrue(sink.segments().size() > 2);
            IOException e = assertThrows(IOException.class, () -> JsonLinesRecordSink.builder(dir).open());
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            // Reading the log in this process (verify, export, erase) must not release the lock.
            assertTrue(sink.verify().intact());
            sink.export("s");
            sink.erase("nobody");
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".lock")), "no side lock file");
            }
            assertEquals(3, probe(), "another process must not open a log in use");
            sink.erase("s"); // rewrites the active segment: the new file is locked before it replaces the old
            assertEquals(3, probe(), "the rewritten active segment must stay locked");
        }
        assertEquals(0, probe(), "once closed, the log opens elsewhere");
    }

    private int probe() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), OpenProbe.class.getName(),
                dir.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void erasureAlsoRemovesRecoveryFilesThatMentionTheSubject() throws IOException {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            sink.append(unique("alice", 1));
            sink.append(unique("bob", 2));
        }
        Path segment = dir.resolve("consent-records-000001.jsonl");
        Files.writeString(segment, "{\"v\":1,\"seq\":3,\"prev\":\"00\",\"type\":\"consent\",\"subject\":\"alice\",\"tru",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            assertEquals(1, sink.recoveredTails().size());
            Path torn = sink.recoveredTails().get(0);
            assertTrue(Files.exists(torn));
            assertEquals(1, sink.erase("bob"));
            assertTrue(Files.exists(torn), "a recovery file not mentioning bob stays");
            assertEquals(1, sink.erase("alice"));
            assertFalse(Files.exists(torn), "the recovery file held alice's bytes");
            assertTrue(sink.verify().intact());
        }
    }

    @Test
    void textsGoToAContentAddressedArchiveNextToTheLog() throws IOException {
        byte[] texts = "{\"lang\":\"fr\",\"texts\":{\"title\":\"Vos choix\"}}".getBytes(StandardCharsets.UTF_8);
        String hash;
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            TextsArchive archive = sink.textsArchive().orElseThrow();
            hash = archive.put(texts);
            assertEquals(TextsArchive.hashOf(texts), hash);
            assertEquals(hash, archive.put(texts));
        }
        assertTrue(Files.exists(dir.resolve("consent-records-texts").resolve(hash + ".json")));
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            assertEquals(new String(texts, StandardCharsets.UTF_8),
                    new String(sink.textsArchive().orElseThrow().get(hash).orElseThrow(), StandardCharsets.UTF_8));
            assertTrue(sink.textsArchive().orElseThrow().get("0".repeat(64)).isEmpty());
        }
        Files.writeString(dir.resolve("consent-records-texts").resolve(hash + ".json"), "{}");
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            assertThrows(RecordWriteException.class, () -> sink.textsArchive().orElseThrow().get(hash));
        }
    }

    @Test
    void checkpointsGoToThePublisherAndTheCheckpointsFile() throws Exception {
        List<Checkpoint> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).keys(K1)
                .checkpoints(Duration.ofMillis(50), published::add).open()) {
            sink.append(unique("a", 1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (published.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            sink.append(unique("b", 2));
        }
        assertFalse(published.isEmpty());
        Checkpoint last = published.get(published.size() - 1);
        assertEquals(2, last.head().seq(), "close takes a final checkpoint");
        assertEquals(RecordKeys.Check.VALID, last.check(K1));
        assertEquals(last, lastCheckpoint());
        assertNotEquals(RecordKeys.Check.VALID, Checkpoint.parse(last.toLine().replace("\"seq\":2", "\"seq\":1")).check(K1));
    }

    private Checkpoint lastCheckpoint() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("consent-records.checkpoints"), StandardCharsets.UTF_8);
        return Checkpoint.parse(lines.get(lines.size() - 1));
    }

    private static List<Entry> parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (String l : lines) {
            try {
                out.add(EntryCodec.parse(l));
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }
        return out;
    }

    /** What someone who can write the log but holds no key can do: re-chain payloads from a point. */
    private static List<String> rechain(List<Object> payloads, String prev, long seq, RecordKeys keys) {
        List<String> out = new ArrayList<>();
        for (Object p : payloads) {
            EntryCodec.Sealed s = EntryCodec.seal(seq, prev, EntryCodec.body(p), keys);
            out.add(new String(s.line(), 0, s.line().length - 1, StandardCharsets.UTF_8));
            prev = s.hash();
            seq++;
        }
        return out;
    }

    private static void write(Path segment, List<String> lines) throws IOException {
        Files.writeString(segment, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
