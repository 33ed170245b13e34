package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code gate --report} on a 500 MiB page, in a separate JVM with a 64 MiB heap: the page is generated
 * into standard input as it is read, and standard output and error are counted, never held. The size
 * can be changed with {@code -Dconsent4j.hugePageMiB=N}.
 */
final class GateHugePageTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aFiveHundredMebibytePageStreamsThroughTheCommandInASixtyFourMebibyteHeap() throws Exception {
        long size = Long.getLong("consent4j.hugePageMiB", 500) * MIB;
        byte[] block = ("<p class=\"card\">Some text &amp; more text</p>\n"
                + "<img src=\"https://www.facebook.com/tr?id=1\" alt=\"\"><div>" + "x".repeat(4000) + "</div>\n")
                .getBytes(StandardCharsets.UTF_8);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "gate", "--jurisdiction", "FR",
                "--report")).start();
        CompletableFuture<long[]> out = count(p.getInputStream(), "data-consent-gated");
        CompletableFuture<long[]> err = count(p.getErrorStream(), "\"service\"");
        long written = 0;
        try (OutputStream in = p.getOutputStream()) {
            while (written < size) {
                in.write(block);
                written += block.length;
            }
        }
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished");
        double seconds = (System.nanoTime() - start) / 1e9;
        long blocks = written / block.length;
        System.out.printf(Locale.ROOT, "gate command: %d bytes in, %d out, %d gated reported, %.1f s%n", written,
                out.get()[0], err.get()[1], seconds);
        assertEquals(0, p.exitValue(), "exit status");
        assertEquals(blocks, out.get()[1], "every tracker gated");
        assertEquals(blocks, err.get()[1], "every gated element reported");
    }

    /** Counts the bytes of a stream and the occurrences of a word in it, on another thread. */
    private static CompletableFuture<long[]> count(InputStream s, String word) {
        byte[] w = word.getBytes(StandardCharsets.US_ASCII);
        return CompletableFuture.supplyAsync(() -> {
            long bytes = 0;
            long hits = 0;
            int matched = 0;
            byte[] buf = new byte[64 * 1024];
            try (s) {
                for (int n; (n = s.read(buf)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        matched = buf[i] == w[matched] ? matched + 1 : buf[i] == w[0] ? 1 : 0;
                        if (matched == w.length) {
                            hits++;
                            matched = 0;
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new long[] {bytes, hits};
        });
    }
}
