package org.consent4j.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds a UTF-16 page before it reaches the HTML gate, which reads ASCII-compatible bytes only: by its
 * byte order mark, by a UTF-16 {@code --charset}, or, without either, by the zero bytes every ASCII
 * character has in UTF-16. A UTF-32 page is refused.
 */
final class Utf16 {

    private static final int SAMPLE = 4096;

    private Utf16() {
    }

    /**
     * The UTF-16 charset of the page at the start of {@code in} (positioned after its byte order
     * mark), or empty for any other page ({@code in} left at its start).
     *
     * @throws Command.CliException for a UTF-32 page
     */
    static Optional<Charset> detect(BufferedInputStream in, @Nullable Charset given) throws IOException {
        in.mark(SAMPLE);
        byte[] head = in.readNBytes(SAMPLE);
        in.reset();
        if (starts(head, 0x00, 0x00, 0xFE, 0xFF) || starts(head, 0xFF, 0xFE, 0x00, 0x00)
                || given != null && given.name().startsWith("UTF-32")) {
            throw Command.fail(Command.USAGE, "the page is UTF-32, which the gate cannot read; convert it to UTF-8"
                    + " first (e.g. iconv -f UTF-32 -t UTF-8)");
        }
        if (starts(head, 0xFE, 0xFF)) {
            in.skipNBytes(2);
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (starts(head, 0xFF, 0xFE)) {
            in.skipNBytes(2);
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (starts(head, 0xEF, 0xBB, 0xBF)) {
            return Optional.empty();
        }
        if (given != null && !given.name().startsWith("UTF-16")) {
            return Optional.empty();
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                if (i % 2 == 0) {
                    evenZeros++;
                } else {
                    oddZeros++;
                }
            }
        }
        int pairs = head.length / 2;
        // Markup is mostly ASCII: in UTF-16 most code units carry one zero byte, always on the same side.
        if (pairs >= 2 && oddZeros * 2 > pairs && evenZeros * 8 < oddZeros) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (pairs >= 2 && evenZeros * 2 > pairs && oddZeros * 8 < evenZeros) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (given != null) {
            // --charset UTF-16 for text that does not look like it: take the name's byte order, big-endian by default.
            return Optional.of(given.equals(StandardCharsets.UTF_16LE) ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
