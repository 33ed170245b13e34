package org.consent4j.html;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which charsets the byte-level rewriter can scan, and reading charset labels from markup. */
final class Charsets {

    private static final String PROBE = "<>/=\"' \t\n\r\f!-?[]abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:;&#";
    private static final byte[] PROBE_BYTES = PROBE.getBytes(StandardCharsets.US_ASCII);
    private static final java.util.Map<Charset, Boolean> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

    private Charsets() {
    }

    /**
     * Whether markup in this charset can be tokenized on its raw bytes: ASCII characters are single
     * bytes with their ASCII values, and no multi-byte sequence contains the bytes of {@code <},
     * {@code >}, quotes or {@code =}. True for UTF-8, ISO-8859-*, windows-125*, the EUC family,
     * Shift_JIS, GBK, GB18030, Big5, KOI8; false for UTF-16/32, UTF-7, the ISO-2022 family and EBCDIC.
     */
    static boolean asciiCompatible(Charset cs) {
        if (cs == StandardCharsets.UTF_8 || cs == StandardCharsets.ISO_8859_1 || cs == StandardCharsets.US_ASCII) {
            return true;
        }
        Boolean known = KNOWN.get(cs);
        if (known == null) {
            known = probe(cs);
            if (KNOWN.size() < 256) {
                KNOWN.put(cs, known);
            }
        }
        return known;
    }

    private static boolean probe(Charset cs) {
        String name = cs.name().toUpperCase(Locale.ROOT);
        if (name.startsWith("UTF-16") || name.startsWith("UTF-32") || name.startsWith("X-UTF-16")
                || name.startsWith("X-UTF-32") || name.contains("2022") || name.equals("UTF-7")
                || name.startsWith("HZ") || !cs.canEncode()) {
            return false;
        }
        return Arrays.equals(PROBE.getBytes(cs), PROBE_BYTES);
    }

    /**
     * The charset a {@code <meta charset>} label names, as a browser would use it: a UTF-16 label
     * means UTF-8 (WHATWG HTML, "prescan a byte stream"); null for unknown or unusable labels.
     */
    static @Nullable Charset forLabel(String label) {
        String l = label.strip().toLowerCase(Locale.ROOT);
        if (l.startsWith("utf-16") || l.equals("unicode")) {
            return StandardCharsets.UTF_8;
        }
        if (l.equals("iso-8859-1") || l.equals("latin1") || l.equals("us-ascii") || l.equals("ascii")) {
            return Charset.forName("windows-1252");
        }
        try {
            Charset cs = Charset.forName(l);
            return asciiCompatible(cs) ? cs : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The {@code charset=} parameter of a Content-Type value, or null. */
    static @Nullable String charsetParameter(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        int i = lower.indexOf("charset");
        while (i >= 0) {
            int j = i + 7;
            while (j < lower.length() && lower.charAt(j) <= ' ') {
                j++;
            }
            if (j < lower.length() && lower.charAt(j) == '=') {
                j++;
                while (j < lower.length() && lower.charAt(j) <= ' ') {
                    j++;
                }
                int start = j;
                char quote = j < lower.length() ? lower.charAt(j) : 0;
                if (quote == '"' || quote == '\'') {
                    start++;
                    int close = lower.indexOf(quote, start);
                    return close < 0 ? null : contentType.substring(start, close);
                }
                int end = start;
                while (end < lower.length() && lower.charAt(end) > ' ' && lower.charAt(end) != ';') {
                    end++;
                }
                return end > start ? contentType.substring(start, end) : null;
            }
            i = lower.indexOf("charset", i + 7);
        }
        return null;
    }
}
