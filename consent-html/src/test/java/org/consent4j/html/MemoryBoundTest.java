package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class MemoryBoundTest {

    /** Counts what reaches the sink and throws it away. */
    private static final class Counting extends OutputStream {
        long bytes;
        long writes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            writes++;
        }
    }

    @Test
    void memoryStaysBoundedWhateverThePageSize() throws IOException {
        HtmlGate gate = Gating.GATE;
        byte[] block = ("<p class=\"card\">Some text &amp; more text</p>\n<img src=https://www.facebook.com/tr?id=1>"
                + "<script>" + "var x = 1;".repeat(10_000) + "</script>"
                + "<img alt=\"" + "a".repeat(100_000) + "\" src=/x.png>"
                + "<script>gtag('config','G-1')</script><!-- " + "c".repeat(50_000) + " -->\n")
                .getBytes(StandardCharsets.UTF_8);
        Counting sink = new Counting();
        long written = 0;
        int peak = 0;
        int[] gated = new int[1];
        HtmlRewriter rewriter = (HtmlRewriter) gate.page(GatePolicy.denyAll()).charset(StandardCharsets.UTF_8)
                .listener(e -> gated[0]++).outputStream(sink);
        while (written < 64L * 1024 * 1024) {
            for (int off = 0; off < block.length; off += 8192) {
                rewriter.write(block, off, Math.min(8192, block.length - off));
                peak = Math.max(peak, rewriter.bufferedCapacity());
            }
            written += block.length;
        }
        rewriter.close();
        int bound = 2 * (gate.maxTagLength() + gate.inlineScriptLimit()) + 64 * 1024;
        assertTrue(peak <= bound, "peak buffer " + peak + " > " + bound);
        int blocks = (int) (written / block.length);
        // the tracker image and gtag script, and, unreadable for a visitor who denies all, the long image tag
        assertEquals(3 * blocks, gated[0]);
        assertTrue(sink.bytes > written, "everything reached the sink, plus the markers");
    }

    @Test
    void flushPassesOnEverythingButAnOpenTag() throws IOException {
        Counting sink = new Counting();
        OutputStream os = Gating.GATE.page(GatePolicy.denyAll()).charset(StandardCharsets.UTF_8).outputStream(sink);
        os.write("<p>first chunk</p><img src=/a.png".getBytes(StandardCharsets.UTF_8));
        os.flush();
        assertEquals("<p>first chunk</p>".length(), sink.bytes, "the open <img> tag is held back");
        os.write("><p>more".getBytes(StandardCharsets.UTF_8));
        os.flush();
        assertEquals("<p>first chunk</p><img src=/a.png><p>more".length(), sink.bytes);
        os.close();
    }
}
