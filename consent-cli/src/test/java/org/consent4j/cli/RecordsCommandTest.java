package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.jurisdiction.Regime;
import org.consent4j.records.ChainHead;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.JsonLinesRecordSink;
import org.consent4j.records.RecordJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RecordsCommandTest {

    @TempDir
    Path dir;

    private List<Path> segments;
    private ChainHead head;

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] withFiles(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        segments.forEach(p -> all.add(p.toString()));
        return all.toArray(String[]::new);
    }

    @BeforeEach
    void writeALog() throws IOException {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateAtSize(1_500).open()) {
            for (int i = 0; i < 12; i++) {
                sink.append(ConsentRecord.builder(i % 3 == 0 ? "alice" : "bob", Instant.parse("2026-03-01T09:00:00Z").plusSeconds(i))
                        .jurisdiction("DE", Regime.OPT_IN, List.of("GDPR", "TDDDG"))
                        .categories(Map.of("analytics", i % 2 == 0 ? Choice.GRANTED : Choice.DENIED))
                        .method(ConsentMethod.CUSTOM).locale("de").build());
            }
            segments = sink.segments();
            head = sink.head();
        }
    }

    @Test
    void verifyOfAnIntactLogExitsZeroAndNamesTheHead() {
        Result r = run(withFiles("records", "verify", "--anchor", head.hash()));

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("intact: 12 entries (12 records, 0 markers), head seq 12 hash " + head.hash()), r.out());
    }

    @Test
    void verifyOfAnEditedLogExitsOneNamingTheFileAndLine() throws IOException {
        Path second = segments.get(1);
        List<String> lines = new ArrayList<>(Files.readAllLines(second));
        lines.set(1, lines.get(1).replace("\"GRANTED\"", "\"DENIED\"").replace("\"DENIED\"}", "\"GRANTED\"}"));
        Files.write(second, lines);

        Result r = run(withFiles("records", "verify"));

        assertEquals(1, r.status());
        assertTrue(r.out().startsWith("broken: " + second + ":2: "), r.out());
    }

    @Test
    void verifyOfALogMissingItsFirstSegmentExitsOne() {
        List<String> args = new ArrayList<>(List.of("records", "verify"));
        segments.subList(1, segments.size()).forEach(p -> args.add(p.toString()));

        Result r = run(args.toArray(String[]::new));

        assertEquals(1, r.status());
        assertTrue(r.out().contains("the log starts at seq"), r.out());
    }

    @Test
    void exportPrintsTheSubjectsRecordsAsJsonLines() {
        Result r = run(withFiles("records", "export", "--subject", "alice"));

        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size());
        for (String line : lines) {
            assertEquals("alice", RecordJson.parse(line).record().subjectId());
        }
        assertTrue(r.err().contains("exported 4 record(s)"), r.err());
    }

    @Test
    void badArgumentsExitTwoWithTheReason() {
        assertEquals(2, run("records").status());
        Result noSubject = run(withFiles("records", "export"));
        assertEquals(2, noSubject.status());
        assertTrue(noSubject.err().contains("Missing required option: '--subject=ID'"), noSubject.err());
        Result missing = run("records", "verify", dir.resolve("nope.jsonl").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Result badAnchor = run(withFiles("records", "verify", "--anchor", "xyz"));
        assertEquals(2, badAnchor.status());
        assertTrue(badAnchor.err().contains("is not a hash"), badAnchor.err());
        assertEquals(2, run("records", "shred").status());
    }

    @Test
    void eraseRemovesTheSubjectsRecordsAndTheLogStaysVerifiable() {
        Result r = run("records", "erase", "--subject", "alice", dir.toString());

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("erased 4 record(s) of the subject"), r.out());
        assertEquals("", run(withFiles("records", "export", "--subject", "alice")).out());
        assertEquals(0, run(withFiles("records", "verify")).status());
        Result again = run("records", "erase", "--subject", "alice", dir.toString());
        assertTrue(again.out().startsWith("erased 0 record(s)"), again.out());
    }

    @Test
    void purgeRemovesEntriesBeforeTheInstant() throws IOException {
        Result r = run("records", "purge", "--before", "2026-03-01T09:00:06Z", dir.toString());

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("purged 6 entries before 2026-03-01T09:00:06Z"), r.out());
        List<String> files = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.filter(p -> p.toString().endsWith(".jsonl")).forEach(p -> files.add(p.toString()));
        }
        List<String> args = new ArrayList<>(List.of("records", "verify"));
        args.addAll(files);
        Result verify = run(args.toArray(String[]::new));
        assertEquals(0, verify.status(), verify.out());
        Result bad = run("records", "purge", "--before", "yesterday", dir.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("is not an instant"), bad.err());
    }

    @Test
    void eraseOfALogOpenElsewhereIsRefusedWithTheReason() throws IOException {
        try (JsonLinesRecordSink open = JsonLinesRecordSink.builder(dir).open()) {
            assertEquals(12, open.head().seq());
            Result r = run("records", "erase", "--subject", "alice", dir.toString());
            assertTrue(r.status() != 0);
            assertTrue(r.err().contains("already open"), r.err());
        }
    }

    @Test
    void verifyWithKeysAndCheckpointDetectsACutTail() throws IOException {
        Path keyDir = Files.createDirectories(dir.resolve("keys"));
        Result key = run("records", "keygen", "--id", "k1");
        assertEquals(0, key.status(), key.err());
        Path keys = keyDir.resolve("records.keys");
        Files.writeString(keys, key.out());
        Path log = Files.createDirectories(dir.resolve("keyed"));
        List<Path> files;
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(log).keys(org.consent4j.records.RecordKeys.read(keys)).open()) {
            for (int i = 0; i < 5; i++) {
                sink.append(ConsentRecord.builder("s" + i, Instant.parse("2026-03-01T09:00:00Z").plusSeconds(i)).build());
            }
            files = sink.segments();
        }
        Path checkpoints = log.resolve("consent-records.checkpoints");
        assertEquals(0, run("records", "verify", "--keys", keys.toString(), "--checkpoint", checkpoints.toString(),
                files.get(0).toString()).status());
        List<String> lines = Files.readAllLines(files.get(0));
        Files.write(files.get(0), lines.subList(0, 3));
        Result cut = run("records", "verify", "--keys", keys.toString(), "--checkpoint", checkpoints.toString(),
                files.get(0).toString());
        assertEquals(1, cut.status(), cut.out());
        assertTrue(cut.out().contains("anchor"), cut.out());
        assertEquals(0, run("records", "verify", files.get(0).toString()).status(), "without the checkpoint the cut is invisible");
        Result noKeys = run("records", "verify", "--checkpoint", checkpoints.toString(), files.get(0).toString());
        assertEquals(2, noKeys.status());
        assertTrue(noKeys.err().contains("--checkpoint needs --keys"), noKeys.err());
    }

    @Test
    void ed25519CheckpointsVerifyWithThePublicKeyOnlyAndDetectACutTailAndAnEditWithRecomputedHashes() throws IOException {
        Path keyDir = Files.createDirectories(dir.resolve("ed-keys"));
        Result generated = run("records", "keygen", "--ed25519", "--id", "cp1");
        assertEquals(0, generated.status(), generated.err());
        assertTrue(generated.out().startsWith("cp1 ed25519-private "), generated.out());
        Path privateKey = keyDir.resolve("cp1.key");
        Files.writeString(privateKey, generated.out());
        Result pub = run("records", "keygen", "--public-of", privateKey.toString());
        assertEquals(0, pub.status(), pub.err());
        assertTrue(pub.out().startsWith("cp1 ed25519-public "), pub.out());
        Path publicKey = keyDir.resolve("cp1.pub");
        Files.writeString(publicKey, pub.out());

        Path log = Files.createDirectories(dir.resolve("signed"));
        List<Path> files;
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(log)
                .checkpointKey(org.consent4j.records.CheckpointKey.read(privateKey)).open()) {
            for (int i = 0; i < 5; i++) {
                sink.append(ConsentRecord.builder("s" + i, Instant.parse("2026-03-01T09:00:00Z").plusSeconds(i)).build());
            }
            files = sink.segments();
        }
        Path checkpoints = log.resolve("consent-records.checkpoints");
        assertTrue(Files.readString(checkpoints).contains(":ed25519:"), Files.readString(checkpoints));
        Result ok = run("records", "verify", "--checkpoint", checkpoints.toString(), "--public-key", publicKey.toString(),
                files.get(0).toString());
        assertEquals(0, ok.status(), ok.out() + ok.err());

        List<String> lines = Files.readAllLines(files.get(0));
        Files.write(files.get(0), lines.subList(0, 4));
        Result cut = run("records", "verify", "--checkpoint", checkpoints.toString(), "--public-key", publicKey.toString(),
                files.get(0).toString());
        assertEquals(1, cut.status(), cut.out());
        assertTrue(cut.out().contains("anchor"), cut.out());

        // A checkpoint edited to name the cut log's head no longer matches its signature.
        String last = Files.readAllLines(checkpoints).get(Files.readAllLines(checkpoints).size() - 1);
        ChainHead cutHead = RecordJson.parse(lines.get(3)).head();
        String forged = last.replaceAll("\"seq\":\\d+", "\"seq\":" + cutHead.seq())
                .replaceAll("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":\"" + cutHead.hash() + "\"");
        Path forgedFile = keyDir.resolve("forged.checkpoints");
        Files.writeString(forgedFile, forged + "\n");
        Result bad = run("records", "verify", "--checkpoint", forgedFile.toString(), "--public-key", publicKey.toString(),
                files.get(0).toString());
        assertEquals(1, bad.status(), bad.out());
        assertTrue(bad.out().contains("signature is not valid"), bad.out());

        // The private key cannot stand in where a public key is asked for, and vice versa.
        Result noCheckpoint = run("records", "verify", "--public-key", publicKey.toString(), files.get(0).toString());
        assertEquals(2, noCheckpoint.status());
        Result pubAsSigner = run("records", "erase", "--subject", "s1", "--checkpoint-key", publicKey.toString(), log.toString());
        assertEquals(2, pubAsSigner.status(), pubAsSigner.err());
        assertTrue(pubAsSigner.err().contains("public key"), pubAsSigner.err());
    }
}
