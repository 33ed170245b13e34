package org.consent4j.servlet.banner;

import java.util.Locale;
import org.consent4j.core.internal.html.HtmlEscaper;

/** URL escaping and the URL check for every text and link the banner renders on the server. */
final class Html {

    private Html() {
    }

    /**
     * Escapes a URL for a quoted attribute value with every character beyond ASCII percent-encoded as
     * UTF-8 (as a browser encodes a path), so the result reads the same in any ASCII-compatible page
     * charset. NUL and a lone surrogate become the replacement character.
     */
    static String escapeUrlAscii(String url) {
        StringBuilder sb = new StringBuilder(url.length() + 16);
        for (int i = 0; i < url.length(); i++) {
            int cp = url.codePointAt(i);
            if (Character.isSupplementaryCodePoint(cp)) {
                i++;
            }
            if (cp > 0 && cp <= 0x7e) {
                HtmlEscaper.escape(sb, Character.toString(cp));
                continue;
            }
            if (cp == 0 || cp <= 0xffff && Character.isSurrogate((char) cp)) {
                cp = 0xfffd;
            }
            for (byte b : Character.toString(cp).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Whether a catalog or configuration URL may become a link: an absolute {@code http}/{@code https}
     * URL or a path on the site. Anything else ({@code javascript:}, {@code data:}, control
     * characters) is shown as text or not at all.
     */
    static boolean isSafeLink(String url) {
        if (url.isEmpty() || url.length() > 2048) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\' || c == '"' || c == '<' || c == '>') {
                return false;
            }
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://")
                || url.startsWith("/") && !url.startsWith("//");
    }
}
