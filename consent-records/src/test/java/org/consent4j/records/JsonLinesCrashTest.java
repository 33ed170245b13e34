package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), dir.toString(), String.valueOf(THREADS))
                    .redirectError(logs.resolve("child-" + round + ".log").toFile())
                    .start();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(child.getInputStream(), stdout));
            reader.start();
            try {
                waitForAcknowledgements(child, stdout, round);
                Thread.sleep(50 + random.nextInt(600));
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux
                assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not die");
                reader.join(20_000);
            }
            List<String> lines = completeLines(stdout);
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

    private void waitForAcknowledgements(Process child, ByteArrayOutputStream stdout, int round) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (completeLines(stdout).size() < 20) {
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

    /** Lines ended by '\n'; a partial last line (killed mid-print) was never a complete acknowledgement. */
    private static List<String> completeLines(ByteArrayOutputStream stdout) {
        String text;
        synchronized (stdout) {
            text = stdout.toString(StandardCharsets.US_ASCII);
        }
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return List.of(text.substring(0, end).split("\n"));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the child died; what was read is what it printed
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
