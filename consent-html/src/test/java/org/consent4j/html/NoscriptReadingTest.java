package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code <noscript>} read both ways: as markup (a browser without scripting) and as raw text that ends
 * at the first {@code </noscript} (a browser that runs scripts). Whatever hides a closing
 * {@code </noscript>} from the markup reading (a comment, raw text, script data) must not hide the
 * markup after it, which a scripting browser loads.
 */
final class NoscriptReadingTest {

    private static final String PIXEL = "<img src=\"https://www.facebook.com/tr?id=1\" alt=\"\">";

    private static final List<String> HIDING = List.of(
            "<noscript><!-- </noscript>" + PIXEL + " --></noscript>",
            "<noscript><!-- </NoScript >" + PIXEL + " --></noscript>",
            "<noscript><!--</noscript/>" + PIXEL + "--></noscript>",
            "<noscript><!- </noscript>" + PIXEL + " -></noscript>",
            "<noscript><style></noscript>" + PIXEL + "</style></noscript>",
            "<noscript><textarea></noscript>" + PIXEL + "</textarea></noscript>",
            "<noscript><title></noscript>" + PIXEL + "</title></noscript>",
            "<noscript><xmp></noscript>" + PIXEL + "</xmp></noscript>",
            "<noscript><iframe></noscript>" + PIXEL + "</iframe></noscript>",
            "<noscript><noembed></noscript>" + PIXEL + "</noembed></noscript>",
            "<noscript><script></noscript>" + PIXEL + "</script></noscript>",
            "<noscript><script><!--<script></noscript>" + PIXEL + "</script></noscript>",
            "<noscript><plaintext></noscript>" + PIXEL,
            "<noscript><svg><![CDATA[</noscript>" + PIXEL + "]]></svg></noscript>",
            "<head><noscript><!-- </noscript>" + PIXEL + " --></noscript></head>");

    @Test
    void markupAfterAClosingNoscriptHiddenFromTheMarkupReadingIsGated() {
        for (String html : HIDING) {
            for (int split = 0; split <= html.length(); split += 3) {
                byte[] in = html.getBytes(StandardCharsets.UTF_8);
                byte[] out = Gating.gate(Gating.GATE, in, GatePolicy.denyAll(), null, GateListener.NONE,
                        new int[] {split});
                String s = new String(out, StandardCharsets.UTF_8);
                assertTrue(s.contains("data-consent-src=\"https://www.facebook.com/tr?id=1\""), html + " split " + split
                        + ": " + s);
                assertArrayEquals(in, Gating.strip(out), "only insertions: " + html);
                assertArrayEquals(out, Gating.gateByteByByte(in, GatePolicy.denyAll()), "byte by byte: " + html);
            }
        }
    }

    @Test
    void aComplianceFallbackInsideNoscriptIsStillGatedAndTheRestReadsAsBefore() {
        String html = "<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-X\"></iframe></noscript>"
                + "<p>text <!-- </noscript> --> more</p><style>p{color:red}</style><script>var a='</noscript>'</script>";
        String out = Gating.gate(html, GatePolicy.denyAll());
        assertTrue(out.startsWith("<noscript><iframe data-consent-gated"), out);
        assertTrue(out.endsWith("<p>text <!-- </noscript> --> more</p><style>p{color:red}</style>"
                + "<script>var a='</noscript>'</script>"), out);
    }

    @Test
    void outsideNoscriptAClosingNoscriptInACommentChangesNothing() {
        String html = "<!-- </noscript>" + PIXEL + " -->";
        assertArrayEquals(html.getBytes(StandardCharsets.UTF_8),
                Gating.gate(html.getBytes(StandardCharsets.UTF_8), GatePolicy.denyAll()));
    }
}
