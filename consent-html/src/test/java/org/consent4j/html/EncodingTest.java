package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pages decoded as browsers decode them: the WHATWG label table, byte order marks, headers and meta. */
final class EncodingTest {

    private static final String PIXEL = "<img src=\"https://www.facebook.com/tr?id=1\" alt=\"\">";
    private static final String GATED = "data-consent-src=\"https://www.facebook.com/tr?id=1\"";

    @Test
    void labelsAreTheStandardsNotJavas() {
        Map<String, String> expected = Map.ofEntries(Map.entry("unicode20utf8", "UTF-8"),
                Map.entry(" UTF8\n", "UTF-8"), Map.entry("x-unicode20utf8", "UTF-8"),
                Map.entry("macintosh", "macintosh"), Map.entry("x-mac-roman", "macintosh"),
                Map.entry("iso-8859-9", "windows-1254"), Map.entry("latin5", "windows-1254"),
                Map.entry("latin1", "windows-1252"), Map.entry("ascii", "windows-1252"),
                Map.entry("us-ascii", "windows-1252"), Map.entry("iso-8859-1", "windows-1252"),
                Map.entry("x-user-defined", "x-user-defined"), Map.entry("iso-2022-kr", "replacement"),
                Map.entry("hz-gb-2312", "replacement"), Map.entry("utf-16", "UTF-16LE"),
                Map.entry("unicodefffe", "UTF-16BE"), Map.entry("gb2312", "GBK"), Map.entry("sjis", "Shift_JIS"),
                Map.entry("iso-8859-11", "windows-874"), Map.entry("tis-620", "windows-874"),
                Map.entry("iso-2022-jp", "ISO-2022-JP"), Map.entry("ks_c_5601-1987", "EUC-KR"));
        expected.forEach((label, name) -> assertEquals(name, Encodings.forLabel(label).name(), label));
        for (String unknown : new String[] {"utf-7", "utf-32", "ebcdic-cp-us", "latin-1", "utf 8", "x-utf-8"}) {
            assertNull(Encodings.forLabel(unknown), unknown);
        }
        assertEquals(228, Encodings.labels().size(), "the standard's table has 228 labels");
        assertEquals("UTF-8", Encodings.forMetaLabel("utf-16le").name(), "markup cannot switch to UTF-16");
        assertEquals("windows-1252", Encodings.forMetaLabel("x-user-defined").name());
        assertEquals("windows-1254", Encodings.forCharset(Charset.forName("ISO-8859-9")).name());
    }

    @Test
    void xUserDefinedMapsHighBytesToThePrivateUseArea() {
        Charset x = Encodings.X_USER_DEFINED.charset();
        assertEquals("a\uF780\uF7FF", new String(new byte[] {'a', (byte) 0x80, (byte) 0xFF}, x));
    }

    @Test
    void aByteOrderMarkBeatsTheHeaderAndUtf16IsGatedBothWays() throws IOException {
        String page = "<p>caf\u00e9 \u2014 \ud83c\udf6a</p>" + PIXEL;
        for (Charset cs : new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            byte[] in = ("\uFEFF" + page).getBytes(cs);
            for (String header : new String[] {null, "utf-8", "windows-1252", "utf-16le"}) {
                for (int split = 1; split < 12; split += 5) {
                    byte[] out = gate(in, header, split);
                    String text = new String(out, cs);
                    assertTrue(text.contains(GATED), cs + " " + header + ": " + text);
                    assertEquals(new String(in, cs), new String(Gating.strip(text.getBytes(StandardCharsets.UTF_8)),
                            StandardCharsets.UTF_8), "only insertions");
                }
            }
            String declared = new String(gate(page.getBytes(cs), cs.name(), 3), cs);
            assertTrue(declared.contains(GATED) && declared.contains("caf\u00e9 \u2014 \ud83c\udf6a"), declared);
        }
    }

    @Test
    void iso2022JpIsDecodedGatedAndEncodedBack() throws IOException {
        Charset jis = Charset.forName("ISO-2022-JP");
        String page = "<p>\u65e5\u672c\u8a9e\u306e\u30da\u30fc\u30b8</p>" + PIXEL + "<p>\u7d42\u308f\u308a</p>";
        byte[] out = gate(page.getBytes(jis), "csiso2022jp", 7);
        String text = new String(out, jis);
        assertTrue(text.contains(GATED), text);
        assertEquals(page, new String(Gating.strip(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }

    @Test
    void theReplacementEncodingPassesAsABrowserShowsNothing() throws IOException {
        byte[] in = PIXEL.getBytes(StandardCharsets.US_ASCII);
        assertEquals(PIXEL, new String(gate(in, "iso-2022-kr", 0), StandardCharsets.US_ASCII));
    }

    @Test
    void unknownLabelsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gating.GATE.page(GatePolicy.denyAll()).charset("utf-7"));
        assertTrue(e.getMessage().contains("WHATWG"), e.getMessage());
    }

    @Test
    void fullwidthHostInShiftJisIsReadWithTheMetaCharset() throws IOException {
        Charset sjis = Charset.forName("windows-31j");
        String img = "<img src=\"https://www\uff0e\uff46\uff41\uff43\uff45\uff42\uff4f\uff4f\uff4b\uff0ecom/tr\">";
        String withMeta = new String(gate(("<meta charset=shift_jis>" + img).getBytes(sjis), null, 0), sjis);
        assertTrue(withMeta.contains("data-consent-service=\"meta-pixel\""), withMeta);
        // without a declaration the bytes of the host mean what the browser guesses: gated as unreadable
        String guessed = new String(gate(img.getBytes(sjis), null, 0), sjis);
        assertTrue(guessed.contains("data-consent-gated") && guessed.contains("data-consent-src"), guessed);
        assertEquals(img.replace("<img", "<img x"), guessed.replaceAll(" data-consent-gated[^>]*?service=\"[^\"]*\"",
                " x").replace("data-consent-src", "src"));
    }

    @Test
    void aMetaCharsetAfterTheFirstKilobyteStillCounts() throws IOException {
        Charset sjis = Charset.forName("windows-31j");
        String img = "<img src=\"https://www\uff0e\uff46\uff41\uff43\uff45\uff42\uff4f\uff4f\uff4b\uff0ecom/tr\">";
        String page = "<head><title>" + "x".repeat(2000) + "</title><meta charset=\"sjis\"></head>" + img;
        String out = new String(gate(page.getBytes(sjis), null, 0), sjis);
        assertTrue(out.contains("data-consent-service=\"meta-pixel\""), out);
    }

    @Test
    void aLateMetaNamingAnEncodingReadOnlyByDecodingGatesEverythingAfterIt() throws IOException {
        String page = "<img src=\"/local.gif\"><meta charset=iso-2022-jp><img src=\"/also-local.gif\">"
                + "<script src=\"https://cdn.example/app.js\"></script><p>text</p>";
        String out = new String(gate(page.getBytes(StandardCharsets.US_ASCII), null, 0), StandardCharsets.US_ASCII);
        assertTrue(out.startsWith("<img src=\"/local.gif\"><meta charset=iso-2022-jp><img data-consent-gated"), out);
        assertTrue(out.contains("<script type=\"text/plain\" data-consent-gated"), out);
        String allowed = new String(gate(page.getBytes(StandardCharsets.US_ASCII), null, 0, GatePolicy.allowAll()),
                StandardCharsets.US_ASCII);
        assertEquals(page, allowed);
    }

    private static byte[] gate(byte[] in, String label, int split) throws IOException {
        return gate(in, label, split, GatePolicy.denyAll());
    }

    private static byte[] gate(byte[] in, String label, int split, GatePolicy policy) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        HtmlGate.PageBuilder page = Gating.GATE.page(policy);
        if (label != null) {
            page.charset(label);
        }
        try (OutputStream os = page.outputStream(sink)) {
            int s = Math.min(split, in.length);
            os.write(in, 0, s);
            os.flush();
            os.write(in, s, in.length - s);
        }
        return sink.toByteArray();
    }
}
