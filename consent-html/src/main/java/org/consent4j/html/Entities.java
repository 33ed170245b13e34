package org.consent4j.html;

import java.util.Map;
import java.util.Objects;
import org.consent4j.core.internal.html.HtmlEscaper;

/**
 * Decodes character references in attribute values, as far as a URL's host can depend on them.
 *
 * <p>Numeric references are decoded in full. Named references are decoded when they stand for an
 * ASCII character (the only ones that can change a host, a scheme or a path separator); any other
 * named reference is left as written. In attribute values a legacy reference without its semicolon
 * ({@code &amp}) is decoded only when not followed by a letter, digit or {@code =}, as the HTML
 * tokenizer does.
 */
final class Entities {

    /** Named references that decode to one ASCII character (WHATWG named character references). */
    private static final Map<String, Character> ASCII = Map.ofEntries(
            Map.entry("Tab", '\t'), Map.entry("NewLine", '\n'), Map.entry("excl", '!'), Map.entry("quot", '"'),
            Map.entry("QUOT", '"'), Map.entry("num", '#'), Map.entry("dollar", '$'), Map.entry("percnt", '%'),
            Map.entry("amp", '&'), Map.entry("AMP", '&'), Map.entry("apos", '\''), Map.entry("lpar", '('),
            Map.entry("rpar", ')'), Map.entry("ast", '*'), Map.entry("midast", '*'), Map.entry("plus", '+'),
            Map.entry("comma", ','), Map.entry("period", '.'), Map.entry("sol", '/'), Map.entry("colon", ':'),
            Map.entry("semi", ';'), Map.entry("lt", '<'), Map.entry("LT", '<'), Map.entry("equals", '='),
            Map.entry("gt", '>'), Map.entry("GT", '>'), Map.entry("quest", '?'), Map.entry("commat", '@'),
            Map.entry("lsqb", '['), Map.entry("lbrack", '['), Map.entry("bsol", '\\'), Map.entry("rsqb", ']'),
            Map.entry("rbrack", ']'), Map.entry("Hat", '^'), Map.entry("lowbar", '_'), Map.entry("UnderBar", '_'),
            Map.entry("grave", '`'), Map.entry("DiacriticalGrave", '`'), Map.entry("lcub", '{'),
            Map.entry("lbrace", '{'), Map.entry("verbar", '|'), Map.entry("vert", '|'),
            Map.entry("VerticalLine", '|'), Map.entry("rcub", '}'), Map.entry("rbrace", '}'));

    /** The legacy references among them that may omit the semicolon. */
    private static final String[] LEGACY = {"AMP", "QUOT", "quot", "amp", "LT", "GT", "lt", "gt"};

    private Entities() {
    }

    /** The attribute value with its character references decoded (see the class comment). */
    static String decodeAttribute(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        sb.append(s, 0, amp);
        int i = amp;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != '&') {
                sb.append(c);
                i++;
                continue;
            }
            int consumed = i + 1 < n && s.charAt(i + 1) == '#' ? numeric(s, i, sb) : named(s, i, sb);
            if (consumed == 0) {
                sb.append('&');
                i++;
            } else {
                i += consumed;
            }
        }
        return sb.toString();
    }

    /** Decodes {@code &#...;} at {@code at}; returns the characters consumed, 0 when it is not one. */
    private static int numeric(String s, int at, StringBuilder sb) {
        int i = at + 2;
        int n = s.length();
        boolean hex = i < n && (s.charAt(i) == 'x' || s.charAt(i) == 'X');
        if (hex) {
            i++;
        }
        int start = i;
        long value = 0;
        while (i < n) {
            int d = digit(s.charAt(i), hex);
            if (d < 0) {
                break;
            }
            value = Math.min(value * (hex ? 16 : 10) + d, 0x110000);
            i++;
        }
        if (i == start) {
            return 0;
        }
        if (i < n && s.charAt(i) == ';') {
            i++;
        }
        int cp = (int) value;
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            cp = 0xFFFD;
        }
        sb.appendCodePoint(cp);
        return i - at;
    }

    /** Decodes {@code &name;} at {@code at}; returns the characters consumed, 0 when left as written. */
    private static int named(String s, int at, StringBuilder sb) {
        int i = at + 1;
        int n = s.length();
        while (i < n && i - at <= 32 && isAlnum(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == ';') {
            Character c = ASCII.get(s.substring(at + 1, i));
            if (c != null) {
                sb.append(c.charValue());
                return i + 1 - at;
            }
        }
        for (String legacy : LEGACY) {
            if (s.startsWith(legacy, at + 1)) {
                int end = at + 1 + legacy.length();
                if (end < n && s.charAt(end) == ';') {
                    continue;
                }
                if (end < n && (isAlnum(s.charAt(end)) || s.charAt(end) == '=')) {
                    return 0;
                }
                // every legacy name is one of the ASCII references
                sb.append(Objects.requireNonNull(ASCII.get(legacy), legacy).charValue());
                return end - at;
            }
        }
        return 0;
    }

    private static int digit(char c, boolean hex) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return hex && lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** Escapes a value for a double-quoted attribute, writing non-ASCII characters as references. */
    static String escapeAttribute(String s) {
        return HtmlEscaper.escapeAsciiAttribute(s);
    }
}
