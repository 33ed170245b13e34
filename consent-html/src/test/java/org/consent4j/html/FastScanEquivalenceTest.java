package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast scans (CSS URLs found by jumping between {@code (} and {@code @}, percent-decoding on
 * bytes, the whitespace strip of base64) give exactly what the plain character-by-character
 * versions below give, on text dense with the characters they look at.
 */
final class FastScanEquivalenceTest {

    @Provide
    Arbitrary<String> cssish() {
        Arbitrary<String> pieces = Arbitraries.of("url(", "URL(", "uRl(", "image-set(", "Image-Set(", "@import", "@IMPORT",
                "@", "(", ")", "\"", "'", "\n", " ", "u", "i", "x.com/a", "//t.example/p", "\u0131mage-set(", "@\u0131mport",
                "rl(", "mage-set(", "url", ";", "}", "{", "\\", "\u00e9");
        return pieces.list().ofMaxSize(30).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void cssUrlsAreThoseOfTheCharacterScan(@ForAll("cssish") String css) {
        List<String> fast = new ArrayList<>();
        Css.urls(css, fast::add);
        assertEquals(referenceCssUrls(css), fast, css);
    }

    @Example
    void cssUrlsInEveryForm() {
        List<String> found = new ArrayList<>();
        Css.urls("a{background:url( //a.example/x.png )}@import 'b.css';p{x:image-set(\"c.png\" 1x, url(d.png) 2x)}"
                + " q{y:URL(e)} r{z:uurl(f)}", found::add);
        assertEquals(List.of("//a.example/x.png", "b.css", "c.png", "d.png", "e", "f"), found);
    }

    @Provide
    Arbitrary<String> escaped() {
        return Arbitraries.strings().withChars("%0123456789abcdefABCDEFgG/.:\u00e9\u65e5 \ud800").ofMaxLength(40);
    }

    @Property(tries = 3000)
    void percentDecodingIsThatOfTheCharacterLoop(@ForAll("escaped") String s) {
        assertEquals(referencePercentDecode(s), Urls.percentDecode(s).replace("\ud800", "?"), s);
    }

    @Property(tries = 1000)
    void base64WhitespaceStripIsThatOfTheRegularExpression(@ForAll("escaped") String s) {
        String t = s.replace('a', '\u000b').replace('b', '\t').replace('c', '\r').replace('d', '\n').replace('e', '\f');
        assertEquals(t.replaceAll("[\\s]", ""), ElementRules.withoutSpaces(t));
    }

    // ---------------------------------------------------------------- references (the former loops)

    private static List<String> referenceCssUrls(String css) {
        List<String> out = new ArrayList<>();
        int n = css.length();
        int i = 0;
        while (i < n) {
            char c = css.charAt(i);
            if ((c == 'u' || c == 'U') && i + 4 <= n && css.regionMatches(true, i, "url(", 0, 4)) {
                i = refUrlFunction(css, i + 4, out);
            } else if (c == '@' && css.regionMatches(true, i + 1, "import", 0, 6)) {
                int j = refSkipSpace(css, i + 7);
                if (j < n && (css.charAt(j) == '"' || css.charAt(j) == '\'')) {
                    i = refString(css, j, out);
                } else {
                    i = j;
                }
            } else if ((c == 'i' || c == 'I') && css.regionMatches(true, i, "image-set(", 0, 10)) {
                int j = i + 10;
                while (j < n && css.charAt(j) != ')') {
                    char d = css.charAt(j);
                    if (d == '"' || d == '\'') {
                        j = refString(css, j, out);
                    } else if ((d == 'u' || d == 'U') && css.regionMatches(true, j, "url(", 0, 4)) {
                        j = refUrlFunction(css, j + 4, out);
                    } else {
                        j++;
                    }
                }
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int refUrlFunction(String css, int from, List<String> out) {
        int n = css.length();
        int j = refSkipSpace(css, from);
        if (j < n && (css.charAt(j) == '"' || css.charAt(j) == '\'')) {
            return refString(css, j, out);
        }
        int end = css.indexOf(')', j);
        if (end < 0) {
            end = n;
        }
        out.add(css.substring(j, end).strip());
        return Math.min(end + 1, n);
    }

    private static int refString(String css, int quoteAt, List<String> out) {
        char quote = css.charAt(quoteAt);
        int end = css.indexOf(quote, quoteAt + 1);
        int nl = css.indexOf('\n', quoteAt + 1);
        if (end < 0 || nl >= 0 && nl < end) {
            end = nl < 0 ? css.length() : nl;
        }
        out.add(css.substring(quoteAt + 1, end));
        return Math.min(end + 1, css.length());
    }

    private static int refSkipSpace(String css, int i) {
        while (i < css.length() && css.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    private static String referencePercentDecode(String s) {
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out[n++] = (byte) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, out, n, b.length);
                n += b.length;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int l = c | 0x20;
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }
}
