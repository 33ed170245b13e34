package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.IDNA;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Host names as browsers map them (UTS #46, non-transitional, as the WHATWG URL Standard asks),
 * checked against ICU's implementation as the oracle, for every code point.
 */
final class HostNamesTest {

    /** The URL Standard's settings: CheckBidi and CheckJoiners on; hyphen and length checks off. */
    private static final IDNA ICU = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ);
    private static final Set<IDNA.Error> NOT_CHECKED_BY_BROWSERS = EnumSet.of(IDNA.Error.LEADING_HYPHEN,
            IDNA.Error.TRAILING_HYPHEN, IDNA.Error.HYPHEN_3_4, IDNA.Error.LABEL_TOO_LONG,
            IDNA.Error.DOMAIN_NAME_TOO_LONG, IDNA.Error.EMPTY_LABEL);

    /** ICU's answer, or null when a browser refuses the host. */
    private static String icu(String host) {
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        ICU.nameToASCII(host, out, info);
        Set<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(info.getErrors());
        errors.removeAll(NOT_CHECKED_BY_BROWSERS);
        return errors.isEmpty() ? out.toString() : null;
    }

    @Test
    void theCodePointsWhereIdna2003AndUts46Differ() {
        assertEquals("xn--fa-hia.example", HostNames.toAscii("fa\u00df.example"), "sharp s stays (IDNA2003: fass)");
        assertEquals(HostNames.toAscii("\u03c3\u03c3\u03c3.example").length(),
                HostNames.toAscii("\u03c3\u03c3\u03c2.example").length());
        assertTrue(!HostNames.toAscii("\u03c3\u03c3\u03c3.example").equals(HostNames.toAscii("\u03c3\u03c3\u03c2.example")),
                "final sigma stays (IDNA2003 makes it sigma)");
        assertEquals("www.facebook.com", HostNames.toAscii("www\u3002facebook\uff0ecom"), "ideographic full stops");
        assertEquals("www.facebook.com", HostNames.toAscii("www\uff61\uff46\uff41\uff43\uff45\uff42\uff4f\uff4f\uff4b.com"));
        assertEquals("facebook.com", HostNames.toAscii("face\u00adbook.com"), "soft hyphen dropped");
        assertEquals("facebook.com", HostNames.toAscii("face\ufe0fbook.com"), "variation selector dropped");
        assertEquals("facebook.com", HostNames.toAscii("FACEBOOK.COM"));
        assertEquals("xn--bcher-kva.example", HostNames.toAscii("B\u00dccher.example"));
        assertEquals("xn--zca.example", HostNames.toAscii("\u1e9e.example"), "capital sharp s is sharp s");
        assertNull(HostNames.toAscii("face\ufffdbook.com"));
        for (String h : new String[] {"fa\u00df.example", "\u03c3\u03c3\u03c2.example", "www\u3002facebook\uff0ecom",
                "face\u00adbook.com", "B\u00dccher.example", "\u1e9e.example"}) {
            assertEquals(icu(h), HostNames.toAscii(h), h);
        }
    }

    @Test
    void everyCodePointMapsAsIcuMapsIt() {
        List<String> wrong = new ArrayList<>();
        int undecidable = 0;
        int compared = 0;
        for (int cp = 0x80; cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            if (Character.getType(cp) == Character.UNASSIGNED) {
                undecidable++; // unknown to this runtime: the gate treats such a host as unreadable
                continue;
            }
            String c = new String(Character.toChars(cp));
            for (String host : new String[] {"a" + c + "b.example"}) {
                String expected = icu(host);
                String ours = HostNames.toAscii(host);
                if (HostNames.UNDECIDABLE.equals(ours)) {
                    undecidable++;
                    continue;
                }
                if (expected == null) {
                    continue; // a browser refuses the host: it loads nothing, whatever the gate thinks
                }
                compared++;
                if (!expected.equals(ours) && wrong.size() < 300) {
                    wrong.add(String.format("U+%04X %s: browser %s, gate %s", cp, host, expected, ours));
                }
            }
        }
        System.out.printf("UTS #46: %d hosts a browser accepts compared with ICU, %d code points unknown here%n", compared,
                undecidable);
        assertEquals(List.of(), wrong);
        assertTrue(compared > 100_000, "compared " + compared);
    }
}
