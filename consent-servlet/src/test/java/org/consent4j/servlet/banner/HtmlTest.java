package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

final class HtmlTest {

    @Property(tries = 500)
    void escapeWhenAnyTextThenParsedBackAsTheSameTextWithoutElements(@ForAll String text) {
        Document doc = Jsoup.parseBodyFragment("<p title=\"" + org.consent4j.core.internal.html.HtmlEscaper.escape(text) + "\">" + org.consent4j.core.internal.html.HtmlEscaper.escape(text) + "</p>");
        assertEquals(1, doc.body().children().size());
        assertEquals(0, doc.body().child(0).children().size());
        String expected = text.replace('\0', '\uFFFD');
        assertEquals(expected, doc.body().child(0).attr("title"));
        // jsoup normalises CR LF like a browser; compare whitespace-insensitively for the body text
        // (jsoup, unlike a browser, may keep a lone CR: normalise both sides)
        assertEquals(expected.replace("\r\n", "\n").replace('\r', '\n'),
                doc.body().child(0).wholeText().replace("\r\n", "\n").replace('\r', '\n'));
    }

    @Property(tries = 300)
    void escapeUrlAsciiWhenAnyTextThenAsciiAttributeDecodingToTheSameText(@ForAll String text) {
        String escaped = Html.escapeUrlAscii(text.replace("%", "").replace("+", ""));
        assertTrue(escaped.chars().allMatch(c -> c < 0x80), escaped);
        StringBuilder expected = new StringBuilder();
        text.replace("%", "").replace("+", "").codePoints().forEach(cp -> expected.appendCodePoint(
                cp == 0 || cp < 0x10000 && Character.isSurrogate((char) cp) ? 0xfffd : cp));
        String attribute = Jsoup.parseBodyFragment("<p title=\"" + escaped + "\">x</p>").body().child(0).attr("title");
        assertEquals(expected.toString(), java.net.URLDecoder.decode(attribute, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void isSafeLinkWhenHttpOrSitePathThenTrue() {
        assertTrue(Html.isSafeLink("https://example.com/privacy"));
        assertTrue(Html.isSafeLink("HTTP://example.com"));
        assertTrue(Html.isSafeLink("/privacy?lang=fr#top"));
    }

    @Test
    void isSafeLinkWhenScriptDataRelativeOrSpacedThenFalse() {
        for (String url : new String[] {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                "java\tscript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example/x", "privacy",
                "https://x\".onmouseover=\"alert(1)", "/\\evil.example", "", "https://a b"}) {
            assertFalse(Html.isSafeLink(url), url);
        }
    }

    @Property(tries = 500)
    void scriptJsonWhenAnyTextThenNoMarkupCharactersAndSameJsonValue(@ForAll String text) throws IOException {
        String json = Json.write(Map.of("v", text));
        String escaped = ScriptJson.escape(json);
        assertFalse(escaped.contains("<") || escaped.contains(">") || escaped.contains("&"), escaped);
        assertFalse(escaped.contains("\u2028") || escaped.contains("\u2029"));
        assertTrue(escaped.chars().allMatch(c -> c < 0x80), "ASCII: " + escaped);
        JsonNode back = org.consent4j.core.internal.json.StrictJson.readTree(escaped);
        assertEquals(text, back.get("v").asText());
    }
}
