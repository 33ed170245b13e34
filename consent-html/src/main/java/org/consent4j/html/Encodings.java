package org.consent4j.html;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The encodings a browser decodes pages with, and their labels: the table of the WHATWG Encoding
 * Standard (https://encoding.spec.whatwg.org/#names-and-labels), each encoding mapped to the Java
 * charset that decodes it, and how the gate reads a page in it.
 *
 * <p>Labels are matched as the standard's "get an encoding" does: ASCII whitespace stripped, ASCII
 * case-insensitive, and only the labels of the table (so {@code iso-8859-9} is windows-1254,
 * {@code latin1} and {@code ascii} are windows-1252, {@code unicode20utf8} is UTF-8, {@code macintosh}
 * is x-mac-roman, whatever Java's own aliases say).
 */
final class Encodings {

    /** How the gate reads a page in an encoding. */
    enum Reading {
        /** ASCII bytes are ASCII characters and no multi-byte sequence holds markup bytes: read on the bytes. */
        BYTES,
        /** UTF-16 and ISO-2022-JP: decoded, gated as UTF-8, encoded back. */
        TRANSCODED,
        /** The replacement encoding: a browser shows one U+FFFD and loads nothing, so the bytes pass. */
        NOTHING
    }

    /**
     * One encoding of the standard.
     *
     * @param name     its name in the standard
     * @param charset  the Java charset that decodes it
     * @param reading  how the gate reads pages in it
     * @param approximate whether Java's charset does not decode it (ISO-8859-10 and -14 are missing), so
     *                 non-ASCII characters of a host cannot be trusted
     */
    record Encoding(String name, Charset charset, Reading reading, boolean approximate) {
    }

    static final Encoding UTF_8 = new Encoding("UTF-8", StandardCharsets.UTF_8, Reading.BYTES, false);
    static final Encoding WINDOWS_1252 = new Encoding("windows-1252", Charset.forName("windows-1252"), Reading.BYTES,
            false);
    static final Encoding UTF_16LE = new Encoding("UTF-16LE", StandardCharsets.UTF_16LE, Reading.TRANSCODED, false);
    static final Encoding UTF_16BE = new Encoding("UTF-16BE", StandardCharsets.UTF_16BE, Reading.TRANSCODED, false);
    static final Encoding X_USER_DEFINED = new Encoding("x-user-defined", new XUserDefined(), Reading.BYTES, false);

    private static final Map<String, Encoding> LABELS = new HashMap<>();

    static {
        // name, Java charset (null: Java has none), reading; then the labels (WHATWG Encoding, "Names and labels")
        add(UTF_8, "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8");
        add("IBM866", "IBM866", "866", "cp866", "csibm866", "ibm866");
        add("ISO-8859-2", "ISO-8859-2", "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592",
                "iso_8859-2", "iso_8859-2:1987", "l2", "latin2");
        add("ISO-8859-3", "ISO-8859-3", "csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593",
                "iso_8859-3", "iso_8859-3:1988", "l3", "latin3");
        add("ISO-8859-4", "ISO-8859-4", "csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594",
                "iso_8859-4", "iso_8859-4:1988", "l4", "latin4");
        add("ISO-8859-5", "ISO-8859-5", "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5",
                "iso88595", "iso_8859-5", "iso_8859-5:1988");
        add("ISO-8859-6", "ISO-8859-6", "arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic",
                "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
                "iso_8859-6", "iso_8859-6:1987");
        add("ISO-8859-7", "ISO-8859-7", "csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7",
                "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek");
        add("ISO-8859-8", "ISO-8859-8", "csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e",
                "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual");
        add("ISO-8859-8-I", "ISO-8859-8", "csiso88598i", "iso-8859-8-i", "logical");
        add("ISO-8859-10", null, "csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6",
                "latin6");
        add("ISO-8859-13", "ISO-8859-13", "iso-8859-13", "iso8859-13", "iso885913");
        add("ISO-8859-14", null, "iso-8859-14", "iso8859-14", "iso885914");
        add("ISO-8859-15", "ISO-8859-15", "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15",
                "l9");
        add("ISO-8859-16", "ISO-8859-16", "iso-8859-16");
        add("KOI8-R", "KOI8-R", "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r");
        add("KOI8-U", "KOI8-U", "koi8-ru", "koi8-u");
        add("macintosh", "x-MacRoman", "csmacintosh", "mac", "macintosh", "x-mac-roman");
        add("windows-874", "x-windows-874", "dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620",
                "windows-874");
        add("windows-1250", "windows-1250", "cp1250", "windows-1250", "x-cp1250");
        add("windows-1251", "windows-1251", "cp1251", "windows-1251", "x-cp1251");
        add(WINDOWS_1252, "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
                "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii",
                "windows-1252", "x-cp1252");
        add("windows-1253", "windows-1253", "cp1253", "windows-1253", "x-cp1253");
        add("windows-1254", "windows-1254", "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9",
                "iso88599", "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254");
        add("windows-1255", "windows-1255", "cp1255", "windows-1255", "x-cp1255");
        add("windows-1256", "windows-1256", "cp1256", "windows-1256", "x-cp1256");
        add("windows-1257", "windows-1257", "cp1257", "windows-1257", "x-cp1257");
        add("windows-1258", "windows-1258", "cp1258", "windows-1258", "x-cp1258");
        add("x-mac-cyrillic", "x-MacCyrillic", "x-mac-cyrillic", "x-mac-ukrainian");
        // the standard's GBK decoder is its gb18030 decoder
        add("GBK", "GB18030", "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
                "iso-ir-58", "x-gbk");
        add("gb18030", "GB18030", "gb18030");
        add("Big5", "Big5-HKSCS", "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
        add("EUC-JP", "EUC-JP", "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp");
        add(new Encoding("ISO-2022-JP", Charset.forName("ISO-2022-JP"), Reading.TRANSCODED, false),
                "csiso2022jp", "iso-2022-jp");
        add("Shift_JIS", "windows-31j", "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis",
                "windows-31j", "x-sjis");
        add("EUC-KR", "x-windows-949", "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean",
                "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949");
        add(new Encoding("replacement", StandardCharsets.UTF_8, Reading.NOTHING, false), "csiso2022kr",
                "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement");
        add(UTF_16BE, "unicodefffe", "utf-16be");
        add(UTF_16LE, "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le");
        add(X_USER_DEFINED, "x-user-defined");
    }

    private Encodings() {
    }

    private static void add(String name, @Nullable String java, String... labels) {
        Encoding e = java == null
                ? new Encoding(name, StandardCharsets.ISO_8859_1, Reading.BYTES, true)
                : new Encoding(name, Charset.forName(java), Reading.BYTES, false);
        add(e, labels);
    }

    private static void add(Encoding e, String... labels) {
        for (String l : labels) {
            if (LABELS.put(l, e) != null) {
                throw new IllegalStateException("label " + l + " twice");
            }
        }
    }

    /** The encoding a label names (WHATWG "get an encoding"), or null for a label the standard does not know. */
    static @Nullable Encoding forLabel(String label) {
        int start = 0;
        int end = label.length();
        while (start < end && isAsciiWhitespace(label.charAt(start))) {
            start++;
        }
        while (end > start && isAsciiWhitespace(label.charAt(end - 1))) {
            end--;
        }
        return LABELS.get(label.substring(start, end).toLowerCase(Locale.ROOT));
    }

    /**
     * The encoding a browser decodes with when markup ({@code <meta charset>}) names this label: as
     * {@link #forLabel} but UTF-16 becomes UTF-8 and x-user-defined windows-1252 (WHATWG HTML, "prescan a
     * byte stream to determine its encoding" and "change the encoding").
     */
    static @Nullable Encoding forMetaLabel(String label) {
        Encoding e = forLabel(label);
        if (e == UTF_16BE || e == UTF_16LE) {
            return UTF_8;
        }
        return e == X_USER_DEFINED ? WINDOWS_1252 : e;
    }

    /**
     * The encoding of a Java charset given by the application: by its name and then its aliases as labels;
     * else the charset itself when it reads on bytes, or null when a browser would not know it.
     */
    static @Nullable Encoding forCharset(Charset cs) {
        Encoding e = forLabel(cs.name());
        if (e != null) {
            return e;
        }
        for (String alias : cs.aliases()) {
            e = forLabel(alias);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** All labels of the table (for tests). */
    static Map<String, Encoding> labels() {
        return Map.copyOf(LABELS);
    }

    private static boolean isAsciiWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    /** The x-user-defined encoding: bytes 0x80 to 0xFF are U+F780 to U+F7FF (WHATWG Encoding, section 14.5). */
    private static final class XUserDefined extends Charset {

        XUserDefined() {
            super("x-consent4j-user-defined", new String[0]);
        }

        @Override
        public boolean contains(Charset cs) {
            return cs instanceof XUserDefined || cs.equals(StandardCharsets.US_ASCII);
        }

        @Override
        public CharsetDecoder newDecoder() {
            return new CharsetDecoder(this, 1, 1) {
                @Override
                protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
                    while (in.hasRemaining()) {
                        if (!out.hasRemaining()) {
                            return CoderResult.OVERFLOW;
                        }
                        int b = in.get() & 0xFF;
                        out.put((char) (b < 0x80 ? b : 0xF780 + b - 0x80));
                    }
                    return CoderResult.UNDERFLOW;
                }
            };
        }

        @Override
        public CharsetEncoder newEncoder() {
            return new CharsetEncoder(this, 1, 1) {
                @Override
                protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
                    while (in.hasRemaining()) {
                        char c = in.get();
                        int b = c < 0x80 ? c : c >= 0xF780 && c <= 0xF7FF ? c - 0xF780 + 0x80 : -1;
                        if (b < 0) {
                            in.position(in.position() - 1);
                            return CoderResult.unmappableForLength(1);
                        }
                        if (!out.hasRemaining()) {
                            in.position(in.position() - 1);
                            return CoderResult.OVERFLOW;
                        }
                        out.put((byte) b);
                    }
                    return CoderResult.UNDERFLOW;
                }
            };
        }
    }
}
