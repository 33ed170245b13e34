package org.consent4j.html;

import java.util.function.Consumer;

/**
 * Finds the URLs CSS loads: {@code url(...)} (quoted or not), the strings of {@code @import} and of
 * {@code image-set(...)}. Comments are not skipped, so a URL in a comment counts too (over-gating,
 * never under-gating). CSS escapes in URLs are not decoded.
 */
final class Css {

    private Css() {
    }

    /**
     * Calls {@code each} with every URL in {@code css}, in text order. Linear in the text. Every form
     * it reads has a {@code (} or an {@code @} in it, so it jumps from one of those to the next
     * (intrinsic {@code indexOf}) and looks back for the function name.
     */
    static void urls(String css, Consumer<String> each) {
        int n = css.length();
        int i = 0;
        int nextParen = css.indexOf('(');
        int nextAt = css.indexOf('@');
        while (i < n) {
            if (nextParen >= 0 && nextParen < i) {
                nextParen = css.indexOf('(', i);
            }
            if (nextAt >= 0 && nextAt < i) {
                nextAt = css.indexOf('@', i);
            }
            if (nextParen < 0 && nextAt < 0) {
                return;
            }
            if (nextAt >= 0 && (nextParen < 0 || nextAt < nextParen)) {
                int a = nextAt;
                if (css.regionMatches(true, a + 1, "import", 0, 6)) {
                    int j = skipSpace(css, a + 7);
                    if (j < n && (css.charAt(j) == '"' || css.charAt(j) == '\'')) {
                        i = string(css, j, each);
                    } else {
                        i = j;
                    }
                } else {
                    i = a + 1;
                }
                continue;
            }
            int p = nextParen;
            int u = p - 3;
            int s = p - 9;
            if (u >= i && isU(css.charAt(u)) && css.regionMatches(true, u, "url(", 0, 4)) {
                i = urlFunction(css, p + 1, each);
            } else if (s >= i && isI(css.charAt(s)) && css.regionMatches(true, s, "image-set(", 0, 10)) {
                int j = p + 1;
                while (j < n && css.charAt(j) != ')') {
                    char d = css.charAt(j);
                    if (d == '"' || d == '\'') {
                        j = string(css, j, each);
                    } else if (isU(d) && css.regionMatches(true, j, "url(", 0, 4)) {
                        j = urlFunction(css, j + 4, each);
                    } else {
                        j++;
                    }
                }
                i = j;
            } else {
                i = p + 1;
            }
        }
    }

    private static boolean isU(char c) {
        return c == 'u' || c == 'U';
    }

    private static boolean isI(char c) {
        return c == 'i' || c == 'I';
    }

    private static int urlFunction(String css, int from, Consumer<String> each) {
        int n = css.length();
        int j = skipSpace(css, from);
        if (j < n && (css.charAt(j) == '"' || css.charAt(j) == '\'')) {
            return string(css, j, each);
        }
        int end = css.indexOf(')', j);
        if (end < 0) {
            end = n;
        }
        each.accept(css.substring(j, end).strip());
        return Math.min(end + 1, n);
    }

    private static int string(String css, int quoteAt, Consumer<String> each) {
        char quote = css.charAt(quoteAt);
        int end = css.indexOf(quote, quoteAt + 1);
        int nl = css.indexOf('\n', quoteAt + 1);
        if (end < 0 || nl >= 0 && nl < end) {
            end = nl < 0 ? css.length() : nl;
        }
        each.accept(css.substring(quoteAt + 1, end));
        return Math.min(end + 1, css.length());
    }

    private static int skipSpace(String css, int i) {
        while (i < css.length() && css.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }
}
