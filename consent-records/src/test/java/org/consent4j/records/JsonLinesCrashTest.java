package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.Entry;

/**
 * Kills a child JVM that is appending records under concurrent load with SIGKILL at random moments, then
 * checks that every record it acknowledged is in the log and that the log verifies (after the documented
 * recovery of a torn last line, if the kill left one).
 */
final class JsonLinesCrashTest {

    private static final int ROUNDS = 5;
    private static final int THREADS = 8;

    @TempDir
    Path dir;

    @TempDir
    Path logs;

    @Test
    void everyAcknowledgedRecordSurvivesSigkillAndTheLogVerifies() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = new HashSet<>();
        int tornTails = 0;
        for (int round = 0; round < ROUNDS; round++) {
            ChildJvm child = new ChildJvm(CrashWriter.class, logs.resolve("child-" + round + ".log"), dir.toString(),
                    String.valueOf(THREADS));
            try {
                waitForAcknowledgements(child, round);
                Thread.sleep(50 + random.nextInt(600));
            } finally {
                child.kill(); // SIGKILL on Linux
            }
            List<String> lines = child.completeLines();
            assertTrue(lines.get(0).startsWith("recovered "), "round " + round + " (seed " + seed + "): " + lines.get(0));
            tornTails += Integer.parseInt(lines.get(0).substring("recovered ".length()));
            acknowledged.addAll(lines.subList(1, lines.size()));

            ChainReport afterKill = RecordFiles.verify(segments());
            assertTrue(afterKill.intact() || afterKill.problem().orElseThrow().kind() == ChainProblem.Kind.TORN_TAIL,
                    "round " + round + " (seed " + seed + "): " + afterKill.summary());
        }

        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open()) {
            tornTails += sink.recoveredTails().size();
            ChainReport report = sink.verify();
            assertTrue(report.intact(), "seed " + seed + ": " + report.summary());
            Set<String> onDisk = new HashSet<>();
            for (Path segment : sink.segments()) {
                for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
                    Entry e = EntryCodec.read(line);
                    onDisk.add(e.record().id().toString());
                }
            }
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(onDisk);
            assertEquals(Set.of(), lost, "acknowledged but not in the log (seed " + seed + ")");
            assertTrue(acknowledged.size() > ROUNDS * 10, "too little load to mean anything: " + acknowledged.size());
            assertEquals(report.records(), onDisk.size());
            System.out.printf("crash test: %d kills, %d acknowledged, %d on disk, %d torn tails set aside%n",
                    ROUNDS, acknowledged.size(), onDisk.size(), tornTails);
        }
    }

    private void waitForAcknowledgements(ChildJvm child, int round) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (child.completeLines().size() < 20) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("round " + round + ": the child wrote nothing (alive: " + child.isAlive()
                        + "); see its log: " + readQuietly(logs.resolve("child-" + round + ".log")));
            }
            Thread.sleep(10);
        }
    }

    private List<Path> segments() throws IOException {
        List<Path> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("consent-records-\\d{6,}\\.jsonl")).sorted().forEach(out::add);
        }
        return out;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
