package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pathological inputs cost time linear in their size: gating four times the input costs at most about
 * four times the CPU time (the bound allows 2x for noise; a quadratic scan would cost 16x). CPU time
 * of this thread, best of three runs, so other load on the machine does not count.
 */
final class LinearityTest {

    private static final int SMALL = 128 * 1024;

    private static String repeat(String unit, int bytes) {
        return unit.repeat(Math.max(1, bytes / unit.length()));
    }

    private static IntFunction<byte[]> input(String kind) {
        return n -> (switch (kind) {
            case "dot-com inline script" -> "<script>" + repeat("..com", 2 * n) + "</script>";
            case "dot-com chunks under the bound" -> repeat("<script>" + repeat("..com", 60_000) + "</script>", n);
            case "host-like tokens" -> "<script>" + repeat("a.b.c.d.e.f.g.", n) + "com</script>";
            case "deep svg with unmatched end tags" -> "<svg>" + "<g>".repeat(2000) + repeat("</x>", n);
            case "many attributes" -> repeat("<img " + "a=1 ".repeat(4000) + "src=/x.png>", n);
            case "long srcsets" -> repeat("<img srcset=\"" + "/a.png 1x, ".repeat(3000) + "\">", n);
            case "css urls" -> repeat("<div style=\"" + "background:url(/a.png);".repeat(1500) + "\">", n);
            case "less-than signs" -> repeat("<", n);
            case "long tags of a denied visitor" -> repeat("<img alt=\"" + "a".repeat(100_000) + "\" src=/x.png>", n);
            default -> throw new IllegalArgumentException(kind);
        }).getBytes(StandardCharsets.UTF_8);
    }

    private static long cpu(byte[] in) throws IOException {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = bean.getCurrentThreadCpuTime();
            try (OutputStream os = Gating.GATE.page(GatePolicy.denyAll()).charset(StandardCharsets.UTF_8)
                    .outputStream(OutputStream.nullOutputStream())) {
                for (int off = 0; off < in.length; off += 8192) {
                    os.write(in, off, Math.min(8192, in.length - off));
                }
            }
            best = Math.min(best, bean.getCurrentThreadCpuTime() - start);
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dot-com inline script", "dot-com chunks under the bound", "host-like tokens",
            "deep svg with unmatched end tags", "many attributes", "long srcsets", "css urls", "less-than signs",
            "long tags of a denied visitor"})
    void fourTimesTheInputCostsAboutFourTimesTheTime(String kind) throws IOException {
        IntFunction<byte[]> make = input(kind);
        cpu(make.apply(SMALL)); // warm up
        long small = cpu(make.apply(SMALL));
        long large = cpu(make.apply(4 * SMALL));
        long floor = 5_000_000; // 5 ms: below this the clock's granularity dominates
        assertTrue(large <= 8 * Math.max(small, floor), kind + ": " + small / 1_000_000 + " ms for "
                + SMALL / 1024 + " KiB, " + large / 1_000_000 + " ms for four times that");
    }
}
