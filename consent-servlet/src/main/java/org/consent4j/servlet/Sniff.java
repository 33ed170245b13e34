package org.consent4j.servlet;

import java.nio.charset.StandardCharsets;

/**
 * Whether a body without a Content-Type is HTML to a browser: the HTML patterns of the WHATWG MIME
 * Sniffing Standard (§7.1, "identifying a resource with an unknown MIME type"), matched after
 * leading whitespace, case-insensitively, and followed by a space or {@code >}.
 */
final class Sniff {

    private static final byte[][] PATTERNS = patterns("<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1",
            "<DIV", "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--");

    private Sniff() {
    }

    private static byte[][] patterns(String... p) {
        byte[][] all = new byte[p.length][];
        for (int i = 0; i < p.length; i++) {
            all[i] = p[i].getBytes(StandardCharsets.US_ASCII);
        }
        return all;
    }

    /**
     * Whether {@code len} bytes of {@code b} from {@code off} start like HTML (a UTF-8 byte order mark
     * is skipped). Only the first 1,445 bytes count, as in the standard's resource header.
     */
    static boolean looksLikeHtml(byte[] b, int off, int len) {
        int length = off + Math.min(len, 1445);
        int i = off;
        if (length - i >= 3 && (b[i] & 0xFF) == 0xEF && (b[i + 1] & 0xFF) == 0xBB && (b[i + 2] & 0xFF) == 0xBF) {
            i += 3;
        }
        while (i < length && (b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0C || b[i] == 0x0D || b[i] == 0x20)) {
            i++;
        }
        for (byte[] p : PATTERNS) {
            if (i + p.length < length && matches(b, i, p)) {
                byte end = b[i + p.length];
                if (end == 0x20 || end == 0x3E) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(byte[] b, int at, byte[] pattern) {
        for (int k = 0; k < pattern.length; k++) {
            int c = b[at + k];
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != pattern[k]) {
                return false;
            }
        }
        return true;
    }
}
