package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 500 MiB page through the gate in a separate JVM with a 64 MiB heap: the page is generated as it
 * is written (never held), so only the gate's own buffers could exhaust the heap. The size can be
 * changed with {@code -Dconsent4j.hugePageMiB=N}.
 */
final class HugePageMemoryTest {

    static final long MIB = 1024 * 1024;

    @Test
    void aFiveHundredMebibytePageStreamsThroughASixtyFourMebibyteHeap() throws Exception {
        long mib = Long.getLong("consent4j.hugePageMiB", 500);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), HugePage.class.getName(), Long.toString(mib)))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished");
        System.out.print(output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("huge page: in " + mib * MIB + " bytes"), output);
    }

    /** The separate JVM: gates a generated page of the given size in MiB and prints what it saw. */
    static final class HugePage {

        public static void main(String[] args) throws IOException {
            long size = Long.parseLong(args[0]) * MIB;
            byte[] block = ("<p class=\"card\">Some text &amp; more text</p>\n"
                    + "<img src=\"https://www.facebook.com/tr?id=1\" alt=\"\">"
                    + "<script>gtag('config','G-1')</script><noscript><!-- </noscript><img src=\"/a.png\"> -->"
                    + "</noscript><div style=\"background:url(/bg.png)\">" + "x".repeat(3000) + "</div>\n")
                    .getBytes(StandardCharsets.UTF_8);
            long[] out = new long[1];
            int[] gated = new int[1];
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    out[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    out[0] += len;
                }
            };
            long start = System.nanoTime();
            long peak = 0;
            long in = 0;
            Runtime rt = Runtime.getRuntime();
            try (OutputStream gate = Gating.GATE.page(GatePolicy.denyAll()).listener(e -> gated[0]++)
                    .outputStream(sink)) {
                while (in < size) {
                    int n = (int) Math.min(block.length, size - in);
                    gate.write(block, 0, n);
                    in += n;
                    if ((in & (16 * MIB - 1)) < block.length) {
                        peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                    }
                }
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "huge page: in %d bytes, out %d bytes, %d elements gated, %.1f s,"
                    + " %.0f MB/s, max heap %d MiB, peak used %d MiB%n", in, out[0], gated[0], s, in / s / 1e6,
                    rt.maxMemory() / MIB, peak / MIB);
        }
    }
}
