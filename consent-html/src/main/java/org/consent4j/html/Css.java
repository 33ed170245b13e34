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

    /** Calls {@code each} with every URL in {@code css}, in text order. Linear in the text. */
    static void urls(String css, Consumer<String> each) {
        int n = css.length();
        int i = 0;
        while (i < n) {
            char c = css.charAt(i);
            if ((c == 'u' || c == 'U') && i + 4 <= n && css.regionMatches(true, i, "url(", 0, 4)) {
                i = urlFunction(css, i + 4, each);
            } else if (c == '@' && css.regionMatches(true, i + 1, "import", 0, 6)) {
                int j = skipSpace(css, i + 7);
                if (j < n && (css.charAt(j) == '"' || css.charAt(j) == '\'')) {
                    i = string(css, j, each);
                } else {
                    i = j;
                }
            } else if ((c == 'i' || c == 'I') && css.regionMatches(true, i, "image-set(", 0, 10)) {
                int j = i + 10;
                while (j < n && css.charAt(j) != ')') {
                    char d = css.charAt(j);
                    if (d == '"' || d == '\'') {
                        j = string(css, j, each);
                    } else if ((d == 'u' || d == 'U') && css.regionMatches(true, j, "url(", 0, 4)) {
                        j = urlFunction(css, j + 4, each);
                    } else {
                        j++;
                    }
                }
                i = j;
            } else {
                i++;
            }
        }
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
