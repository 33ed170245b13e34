package org.consent4j.records;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child process of {@link JsonLinesLateWriteCrashTest}: appends from several threads with a short write
 * timeout; after some acknowledgements the disk "stalls" (every force blocks), so records written to
 * the file wait for a force that never returns and their appends time out. Prints {@code A <id>} after
 * an append returned and {@code R <id>} after it threw (the visitor's 503), each flushed, until killed.
 */
final class StallingCrashWriter {

    private StallingCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        AtomicBoolean stalled = new AtomicBoolean();
        JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).writeTimeout(Duration.ofMillis(150))
                .forcer(ch -> {
                    while (stalled.get()) {
                        try {
                            Thread.sleep(1_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    ch.force(false);
                }).open();
        AtomicInteger n = new AtomicInteger();
        AtomicInteger acks = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            new Thread(() -> {
                while (true) {
                    int i = n.incrementAndGet();
                    ConsentRecord r = ConsentRecord.builder("subject-" + thread, Instant.now()).catalogRevision("r1")
                            .userAgent("stall-test/" + i).build();
                    String outcome;
                    try {
                        sink.append(r);
                        outcome = "A ";
                        if (acks.incrementAndGet() == 200) {
                            stalled.set(true); // from now on no force returns
                        }
                    } catch (RecordWriteException e) {
                        outcome = "R ";
                    }
                    synchronized (out) {
                        out.println(outcome + r.id());
                        out.flush();
                    }
                }
            }, "writer-" + t).start();
        }
        Thread.currentThread().join();
    }
}
