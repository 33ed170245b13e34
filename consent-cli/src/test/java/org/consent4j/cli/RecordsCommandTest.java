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
}
