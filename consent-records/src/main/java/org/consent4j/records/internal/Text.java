package org.consent4j.records.internal;

import org.consent4j.records.*;

/** Text hygiene for record fields: every field must survive the JSON form unchanged. */
public final class Text {

    /** Longest user agent kept; longer ones are cut (headers this long are junk or an attack). */
    public static final int MAX_USER_AGENT = 512;

    private Text() {
    }

    /**
     * Replaces unpaired UTF-16 surrogates (which UTF-8 cannot encode) with U+FFFD, so a record's JSON
     * form round-trips exactly. Returns the same instance when nothing needs replacing.
     */
    public static String clean(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                return replaceLoneSurrogates(s);
            }
        }
        return s;
    }

    private static String replaceLoneSurrogates(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@link #clean} and cut to {@code max} chars, never splitting a surrogate pair. */
    public static String cleanAndCut(String s, int max) {
        String cleaned = clean(s);
        if (cleaned.length() <= max) {
            return cleaned;
        }
        int end = max;
        if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
            end--;
        }
        return cleaned.substring(0, end);
    }
}
