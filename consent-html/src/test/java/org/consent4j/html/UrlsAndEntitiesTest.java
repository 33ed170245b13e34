package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

final class UrlsAndEntitiesTest {

    @Provide
    Arbitrary<String> urlish() {
        return Arbitraries.strings().withChars("htps:/\\.@%#?&;x0123456789abcdefgHTTPS[]-:_ \t\n\u00fc\u65e5").ofMaxLength(40);
    }

    @Property(tries = 500)
    void escapedValuesDecodeToThemselves(@ForAll String value) {
        assertEquals(value.codePoints().map(c -> c == 0 || c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString(),
                Entities.decodeAttribute(Entities.escapeAttribute(value)));
    }

    @Property(tries = 500)
    void textWithoutAmpersandsIsNotChanged(@ForAll String value) {
        String noAmp = value.replace("&", "");
        assertEquals(noAmp, Entities.decodeAttribute(noAmp));
    }

    @Property(tries = 1000)
    void hostsAreLowerCaseAsciiWithoutSeparators(@ForAll("urlish") String url) {
        String host = Urls.host(url, null);
        if (host != null) {
            assertEquals(host.toLowerCase(Locale.ROOT), host);
            assertTrue(host.chars().allMatch(c -> c < 0x80), host);
            assertTrue(host.chars().noneMatch(c -> c == '/' || c == '\\' || c == '?' || c == '#' || c == '@'), host);
            assertTrue(!host.isEmpty() && !host.endsWith("."), host);
        }
    }

    @Example
    void characterReferencesDecodeAsInAttributes() {
        assertEquals("a&b", Entities.decodeAttribute("a&amp;b"));
        assertEquals("a&b", Entities.decodeAttribute("a&ampb".replace("ampb", "amp b")).replace(" ", ""));
        assertEquals("a&ampx", Entities.decodeAttribute("a&ampx"));
        assertEquals("a&amp=", Entities.decodeAttribute("a&amp="));
        assertEquals("https://x", Entities.decodeAttribute("https&colon;&#47;&#x2F;x"));
        assertEquals("&eacute;", Entities.decodeAttribute("&eacute;"));
        assertEquals("\uFFFD", Entities.decodeAttribute("&#0;"));
        assertEquals("&#;", Entities.decodeAttribute("&#;"));
        assertEquals("\uD83D\uDE00", Entities.decodeAttribute("&#x1F600;"));
    }

    @Example
    void hostsOfEveryKindOfUrl() {
        assertEquals("www.example.com", Urls.host("https://www.example.com/a", null));
        assertEquals("www.example.com", Urls.host("//WWW.Example.com:8080/a", null));
        assertEquals("example.com", Urls.host("http://user:pw@example.com./", null));
        assertEquals("[::1]", Urls.host("http://[::1]:80/", null));
        assertEquals("xn--bcher-kva.example", Urls.host("https://b\u00fccher.example/", null));
        assertEquals("a-b.com", Urls.host("https://a%2Db.com/", null));
        assertEquals("base.example", Urls.host("relative/path", "base.example"));
        assertNull(Urls.host("/absolute/path", null));
        assertNull(Urls.host("mailto:a@b.c", null));
        assertNull(Urls.host("data:,x", "base.example"));
        assertNull(Urls.host("https://", null));
    }

    @Example
    void srcsetCandidatesAreSplitLikeABrowser() {
        List<String> urls = new ArrayList<>();
        Urls.srcsetUrls(" a.png 1x, https://x.example/b,c.png 2x,d.png,, e.png (x, y) 3w", urls::add);
        assertEquals(List.of("a.png", "https://x.example/b,c.png", "d.png", "e.png"), urls);
    }
}
