package org.consent4j.html;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The element names the gate tells apart, as small integer codes, and the byte classes of the
 * tokenizer. Names are compared on lower-cased ASCII bytes.
 */
final class Tags {

    static final int T_OTHER = 0;
    static final int T_SCRIPT = 1;
    static final int T_STYLE = 2;
    static final int T_TEXTAREA = 3;
    static final int T_TITLE = 4;
    static final int T_XMP = 5;
    static final int T_IFRAME = 6;
    static final int T_NOEMBED = 7;
    static final int T_NOFRAMES = 8;
    static final int T_PLAINTEXT = 9;
    static final int T_IMG = 10;
    static final int T_IMAGE = 11;
    static final int T_LINK = 12;
    static final int T_EMBED = 13;
    static final int T_OBJECT = 14;
    static final int T_SOURCE = 15;
    static final int T_HEAD = 16;
    static final int T_HTML = 17;
    static final int T_BASE = 18;
    static final int T_META = 19;
    static final int T_SVG = 20;
    static final int T_MATH = 21;
    static final int T_VIDEO = 22;
    static final int T_AUDIO = 23;
    static final int T_TRACK = 24;
    static final int T_INPUT = 25;
    static final int T_BUTTON = 26;
    static final int T_FORM = 27;
    static final int T_FRAME = 28;
    static final int T_A = 29;
    static final int T_AREA = 30;
    static final int T_BODY = 31;
    static final int T_TABLE = 32;
    static final int T_THEAD = 33;
    static final int T_TBODY = 34;
    static final int T_TFOOT = 35;
    static final int T_TR = 36;
    static final int T_TD = 37;
    static final int T_TH = 38;
    static final int T_FEIMAGE = 39;
    static final int T_USE = 40;
    static final int T_SET = 41;
    static final int T_ANIMATE = 42;
    static final int T_NOSCRIPT = 43;
    static final int T_TEMPLATE = 44;

    /** The longest tag name kept; longer names are no element the gate knows. */
    static final int MAX_NAME = 32;

    static final byte[][] TAG_NAMES = names("", "script", "style", "textarea", "title", "xmp", "iframe",
            "noembed", "noframes", "plaintext", "img", "image", "link", "embed", "object", "source", "head", "html",
            "base", "meta", "svg", "math", "video", "audio", "track", "input", "button", "form", "frame", "a",
            "area", "body", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "feimage", "use", "set", "animate",
            "noscript", "template");

    /** For each lower-case first letter, the codes of the element names that start with it. */
    private static final int[][] BY_FIRST_LETTER = byFirstLetter();

    private Tags() {
    }

    /** The code of the lower-case name {@code n[0, len)}, or {@link #T_OTHER}. */
    static int classify(byte[] n, int len) {
        int letter = n[0] - 'a';
        if (len < 1 || len > 9 || letter < 0 || letter >= 26) {
            return T_OTHER;
        }
        for (int code : BY_FIRST_LETTER[letter]) {
            byte[] t = TAG_NAMES[code];
            if (t.length == len && Arrays.equals(t, 0, len, n, 0, len)) {
                return code;
            }
        }
        return T_OTHER;
    }

    /** The element name a browser gives the code ({@code <image>} is {@code <img>} in HTML). */
    static String tagName(int code, boolean html) {
        if (code == T_IMAGE && html) {
            return "img";
        }
        return NAME_STRINGS[code];
    }

    private static final String[] NAME_STRINGS = strings();

    private static String[] strings() {
        String[] out = new String[TAG_NAMES.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new String(TAG_NAMES[i], StandardCharsets.US_ASCII);
        }
        return out;
    }

    private static int[][] byFirstLetter() {
        int[][] table = new int[26][];
        for (int letter = 0; letter < 26; letter++) {
            int count = 0;
            int[] codes = new int[TAG_NAMES.length];
            for (int code = 1; code < TAG_NAMES.length; code++) {
                if (TAG_NAMES[code][0] == 'a' + letter) {
                    codes[count++] = code;
                }
            }
            table[letter] = Arrays.copyOf(codes, count);
        }
        return table;
    }

    static boolean[] table(String bytes) {
        boolean[] t = new boolean[256];
        for (char c : bytes.toCharArray()) {
            t[c] = true;
        }
        return t;
    }

    static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    }

    static boolean isAlpha(byte c) {
        int l = c | 0x20;
        return l >= 'a' && l <= 'z';
    }

    static byte lower(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c | 0x20) : c;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = ascii(names[i]);
        }
        return out;
    }
}
