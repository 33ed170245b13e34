package org.consent4j.html;

import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Host names as browsers read them: UTS #46 processing (Unicode IDNA Compatibility Processing,
 * https://www.unicode.org/reports/tr46/), non-transitional as the WHATWG URL Standard's "domain to
 * ASCII" uses it, then Punycode (RFC 3492). So {@code ß} and {@code ς} stay themselves (IDNA2003, and
 * {@link java.net.IDN}, turn them into {@code ss} and {@code σ}), fullwidth letters and the ideographic
 * full stops become ASCII, and soft hyphens and other ignored code points are dropped.
 *
 * <p>The mapping is NFKC with simple lower-casing, which is how the standard's table is derived, with
 * the table's exceptions; it is checked against ICU's UTS #46 implementation for every code point in
 * the tests. A code point this Java runtime does not know (Unicode newer than its tables) could map to
 * anything in a newer browser: such a host is {@link #UNDECIDABLE}.
 */
final class HostNames {

    /** What {@link #toAscii} returns for a host this runtime cannot map for sure. */
    static final String UNDECIDABLE = "#undecidable";

    private HostNames() {
    }

    /**
     * The ASCII form of a host (percent-decoding already done): lower case, labels in Punycode; null
     * when a browser would refuse it (a forbidden code point); {@link #UNDECIDABLE} when unsure.
     */
    static @Nullable String toAscii(String host) {
        if (isAscii(host)) {
            return host.toLowerCase(Locale.ROOT);
        }
        StringBuilder mapped = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); ) {
            int cp = host.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0xFFFD || Character.getType(cp) == Character.SURROGATE) {
                return null;
            }
            if (Character.getType(cp) == Character.UNASSIGNED) {
                return UNDECIDABLE;
            }
            if (ignored(cp)) {
                continue;
            }
            if (cp == 0x3002 || cp == 0xFF0E || cp == 0xFF61) {
                mapped.append('.');
                continue;
            }
            if (cp == 0x1D6D3 || cp == 0x1D70D || cp == 0x1D747 || cp == 0x1D781 || cp == 0x1D7BB) {
                mapped.append('\u03c3'); // mathematical final sigmas map to sigma, not to final sigma
                continue;
            }
            mapped.appendCodePoint(cp);
        }
        String s = fold(Normalizer.normalize(fold(mapped), Normalizer.Form.NFKC));
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length() + 8);
        int start = 0;
        while (true) {
            int dot = s.indexOf('.', start);
            String label = dot < 0 ? s.substring(start) : s.substring(start, dot);
            if (isAscii(label)) {
                out.append(label.toLowerCase(Locale.ROOT));
            } else {
                out.append("xn--").append(punycode(label));
            }
            if (dot < 0) {
                break;
            }
            out.append('.');
            start = dot + 1;
        }
        return out.toString();
    }

    /** Lower-cases each code point on its own (no final-sigma context), with UTS #46's exceptions. */
    private static String fold(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                b.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
            } else if (cp == 0x00DF || cp == 0x03C2 || cp == 0x0131 || cp >= 0x13A0 && cp <= 0x13F5) {
                b.appendCodePoint(cp); // sharp s, final sigma and dotless i stay; Cherokee folds to its capitals
            } else if (cp >= 0x13F8 && cp <= 0x13FD || cp >= 0xAB70 && cp <= 0xABBF) {
                b.appendCodePoint(Character.toUpperCase(cp));
            } else if (cp == 0x03F2 || cp == 0x03F9) {
                b.append('\u03c3'); // lunate sigma
            } else if (cp == 0x0130) {
                b.append("i\u0307");
            } else {
                // case folding as the lower case of the full upper case (micro sign to mu, U+0345 to iota,
                // U+1F80 to two letters...), one code point at a time so no final-sigma context applies
                b.append(new String(Character.toChars(cp)).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
            }
        }
        return b.toString();
    }

    /**
     * The code points UTS #46 ignores (drops): the default ignorable code points (soft hyphen, variation
     * selectors, Hangul fillers, invisible operators...) but for the joiners ZWJ and ZWNJ, which
     * non-transitional processing keeps. Those that browsers refuse instead (bidi controls) need no care:
     * a host that holds one loads nothing.
     */
    private static boolean ignored(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4
                || cp == 0x17B5 || cp >= 0x180B && cp <= 0x180F || cp == 0x200B || cp >= 0x200E && cp <= 0x200F
                || cp >= 0x202A && cp <= 0x202E || cp >= 0x2060 && cp <= 0x206F || cp == 0x3164
                || cp >= 0xFE00 && cp <= 0xFE0F || cp == 0xFEFF || cp == 0xFFA0 || cp >= 0xFFF0 && cp <= 0xFFF8
                || cp >= 0x1BCA0 && cp <= 0x1BCA3 || cp >= 0x1D173 && cp <= 0x1D17A || cp >= 0xE0000 && cp <= 0xE0FFF;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3492 Punycode of one label. */
    static String punycode(String label) {
        int[] cps = label.codePoints().toArray();
        StringBuilder out = new StringBuilder(cps.length + 8);
        for (int cp : cps) {
            if (cp < 0x80) {
                out.append((char) cp);
            }
        }
        int basic = out.length();
        int handled = basic;
        if (basic > 0) {
            out.append('-');
        }
        int n = 0x80;
        long delta = 0;
        int bias = 72;
        while (handled < cps.length) {
            int m = Integer.MAX_VALUE;
            for (int cp : cps) {
                if (cp >= n && cp < m) {
                    m = cp;
                }
            }
            delta += (long) (m - n) * (handled + 1);
            n = m;
            for (int cp : cps) {
                if (cp < n) {
                    delta++;
                }
                if (cp == n) {
                    long q = delta;
                    for (int k = 36; ; k += 36) {
                        int t = k <= bias ? 1 : Math.min(k - bias, 26);
                        if (q < t) {
                            break;
                        }
                        out.append(digit((int) (t + (q - t) % (36 - t))));
                        q = (q - t) / (36 - t);
                    }
                    out.append(digit((int) q));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return out.toString();
    }

    private static int adapt(long delta, int points, boolean first) {
        delta = first ? delta / 700 : delta / 2;
        delta += delta / points;
        int k = 0;
        while (delta > 455) {
            delta /= 35;
            k += 36;
        }
        return (int) (k + 36 * delta / (delta + 38));
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }
}
