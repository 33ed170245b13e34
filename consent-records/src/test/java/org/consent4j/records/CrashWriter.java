package org.consent4j.records;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child process of {@link JsonLinesCrashTest}: opens the log in the directory given, then appends records
 * from several threads until it is killed, printing each record's id to stdout (flushed) only after
 * {@code append} has returned.
 */
final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).rotateAtSize(256 * 1024).open();
        out.println("recovered " + sink.recoveredTails().size());
        out.flush();
        AtomicInteger n = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                while (true) {
                    int i = n.incrementAndGet();
                    ConsentRecord r = TestLog.record("subject-" + thread + "-" + (i % 50), Instant.now(), i);
                    ConsentRecord unique = ConsentRecord.builder(r.subjectId(), r.timestamp())
                            .jurisdiction(r.jurisdiction(), r.regime(), r.laws()).catalogRevision(r.catalogRevision())
                            .categories(r.categories()).method(r.method()).locale(r.locale())
                            .userAgent("Mozilla/5.0 (X11; Linux x86_64) crash-test/" + i).build();
                    sink.append(unique);
                    synchronized (out) {
                        out.println(unique.id());
                        out.flush();
                    }
                }
            }, "writer-" + t);
            writer.start();
        }
        Thread.currentThread().join();
    }
}
