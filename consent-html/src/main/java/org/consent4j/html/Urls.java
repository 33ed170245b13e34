package org.consent4j.html;

import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Finds the host a URL in an attribute loads from, the way a browser's URL parser would for the
 * purpose of attributing it: absolute URLs of the special schemes, protocol-relative URLs, and
 * relative URLs (which take the document's {@code <base href>} host, or none: first party).
 */
final class Urls {

    private Urls() {
    }

    /**
     * The lower-case ASCII host {@code url} loads from (UTS #46, see {@link HostNames}; or
     * {@link HostNames#UNDECIDABLE}), the base host for a relative URL, or null
     * for a first-party relative URL and for URLs that name no host ({@code data:}, {@code javascript:},
     * {@code blob:}, {@code about:} ...).
     *
     * @param url      the attribute value, character references already decoded
     * @param baseHost the host of the document's {@code <base href>}, or null
     */
    static @Nullable String host(String url, @Nullable String baseHost) {
        String u = strip(url);
        int n = u.length();
        if (n == 0) {
            return baseHost;
        }
        if (n >= 2 && isSlash(u.charAt(0)) && isSlash(u.charAt(1))) {
            return authorityHost(u, 2);
        }
        int colon = schemeEnd(u);
        if (colon < 0) {
            return baseHost;
        }
        String scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https", "ws", "wss", "ftp" -> {
                int i = colon + 1;
                while (i < n && isSlash(u.charAt(i))) {
                    i++;
                }
                return authorityHost(u, i);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Whether the authority of {@code url} (when it has one) is written in ASCII characters only,
     * percent-encoded bytes aside; true for URLs without an authority.
     */
    static boolean hostIsAscii(String url) {
        String u = strip(url);
        int n = u.length();
        int from;
        if (n >= 2 && isSlash(u.charAt(0)) && isSlash(u.charAt(1))) {
            from = 2;
        } else {
            int colon = n == 0 ? -1 : schemeEnd(u);
            if (colon < 0) {
                return true;
            }
            from = colon + 1;
        }
        for (int i = from; i < n; i++) {
            char c = u.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            if ((c == '/' || c == '\\') && i > from + 1 || c == '?' || c == '#') {
                break;
            }
        }
        return true;
    }

    /**
     * The path of {@code url} without query and fragment: for an absolute or protocol-relative URL the
     * part after the authority, for a path-absolute relative URL the URL up to its query; empty
     * otherwise (a path relative to the document says nothing the catalog can match).
     */
    static String path(String url) {
        String u = strip(url);
        int n = u.length();
        int from;
        if (n >= 2 && isSlash(u.charAt(0)) && isSlash(u.charAt(1))) {
            from = 2;
        } else if (n >= 1 && isSlash(u.charAt(0))) {
            return upToQuery(u, 0);
        } else {
            int colon = n == 0 ? -1 : schemeEnd(u);
            if (colon < 0) {
                return "";
            }
            from = colon + 1;
            while (from < n && isSlash(u.charAt(from))) {
                from++;
            }
        }
        int i = from;
        while (i < n) {
            char c = u.charAt(i);
            if (c == '/' || c == '\\' || c == '?' || c == '#') {
                break;
            }
            i++;
        }
        return i < n && isSlash(u.charAt(i)) ? upToQuery(u, i) : "";
    }

    private static String upToQuery(String u, int from) {
        int end = from;
        while (end < u.length() && u.charAt(end) != '?' && u.charAt(end) != '#') {
            end++;
        }
        String p = u.substring(from, end);
        return p.indexOf('\\') >= 0 ? p.replace('\\', '/') : p;
    }

    /** Calls {@code each} with every URL of a {@code srcset} value (HTML image candidate strings). */
    static void srcsetUrls(String srcset, Consumer<String> each) {
        int i = 0;
        int n = srcset.length();
        while (i < n) {
            while (i < n && (isSpace(srcset.charAt(i)) || srcset.charAt(i) == ',')) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(srcset.charAt(i))) {
                i++;
            }
            int end = i;
            boolean trailingComma = false;
            while (end > start && srcset.charAt(end - 1) == ',') {
                end--;
                trailingComma = true;
            }
            if (end > start) {
                each.accept(srcset.substring(start, end));
            }
            if (!trailingComma) {
                int depth = 0;
                while (i < n) {
                    char c = srcset.charAt(i);
                    if (c == '(') {
                        depth++;
                    } else if (c == ')' && depth > 0) {
                        depth--;
                    } else if (c == ',' && depth == 0) {
                        break;
                    }
                    i++;
                }
            }
        }
    }

    /** Removes leading and trailing C0 controls and spaces, and every tab and newline, as URL parsing does. */
    static String strip(String url) {
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= ' ') {
            end--;
        }
        String s = url.substring(start, end);
        if (s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = s.replace("\t", "").replace("\n", "").replace("\r", "");
        }
        return s;
    }

    private static int schemeEnd(String u) {
        if (!isAsciiAlpha(u.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!(isAsciiAlpha(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
                return -1;
            }
        }
        return -1;
    }

    private static @Nullable String authorityHost(String u, int from) {
        int end = from;
        while (end < u.length()) {
            char c = u.charAt(end);
            if (c == '/' || c == '\\' || c == '?' || c == '#') {
                break;
            }
            end++;
        }
        String authority = u.substring(from, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = close < 0 ? authority : authority.substring(0, close + 1);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
        }
        host = HostNames.toAscii(percentDecode(host));
        if (host == null || host.equals(HostNames.UNDECIDABLE)) {
            return host;
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() ? null : host;
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s; // nothing to decode: the text as it is (long data: URLs rarely hold escapes)
        }
        // Percent escapes are ASCII, so they survive encoding the text as UTF-8 first; lone
        // surrogates become '?' as they did when encoded one character at a time.
        byte[] in = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            int h;
            int l;
            if (c == '%' && i + 2 < in.length && (h = hex((char) (in[i + 1] & 0xFF))) >= 0
                    && (l = hex((char) (in[i + 2] & 0xFF))) >= 0) {
                out[n++] = (byte) (h * 16 + l);
                i += 2;
            } else {
                out[n++] = c;
            }
        }
        return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int l = c | 0x20;
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSlash(char c) {
        return c == '/' || c == '\\';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isAsciiAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
