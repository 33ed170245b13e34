package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code <base href>}: the first one in the document tree is the base of every relative URL, also of
 * those before it (a browser may resolve them after it is parsed). A denied one is gated, so nothing
 * resolves against it; one inside {@code <template>} is no base at all.
 */
final class BaseUrlTest {

    private static final String DENIED_BASE = "<base href=\"https://www.facebook.com/\">";

    private static String gate(String html) {
        return Gating.gate(html, GatePolicy.denyAll());
    }

    @Test
    void aDeniedBaseIsGatedWhereverItAppears() {
        for (String html : new String[] {DENIED_BASE + "<img src=\"tr\">", "<img src=\"tr\" alt=\"\">" + DENIED_BASE,
                "<p>x</p><template>" + DENIED_BASE + "</template>", "<BASE HREF=//www.facebook.com/>"}) {
            String out = gate(html);
            assertTrue(out.contains("data-consent-service=\"meta-pixel\""), out);
            assertTrue(out.toLowerCase(java.util.Locale.ROOT).contains(" data-consent-href="), out);
        }
    }

    @Test
    void relativeUrlsAfterTheFirstBaseResolveAgainstIt() {
        String out = gate(DENIED_BASE + "<img src=\"tr?id=1\">");
        assertTrue(out.endsWith("<img data-consent-gated data-consent-category=\"marketing\""
                + " data-consent-service=\"meta-pixel\" data-consent-src=\"tr?id=1\">"), out);
    }

    @Test
    void aBaseInsideTemplateIsNoBase() {
        String allowed = "<template><base href=\"https://cdn.example/\"></template>" + DENIED_BASE + "<img src=\"tr\">";
        assertTrue(gate(allowed).endsWith("data-consent-src=\"tr\">"), gate(allowed));
        String inTemplate = "<template>" + DENIED_BASE + "</template><img src=\"local.gif\">";
        assertTrue(gate(inTemplate).endsWith("</template><img src=\"local.gif\">"), gate(inTemplate));
    }

    @Test
    void anAllowedBaseAndFirstPartyBasesPass() {
        for (String html : new String[] {"<base href=\"https://cdn.example/\"><img src=a.gif>", "<base href=/app/>",
                "<base target=_blank><img src=a.gif>"}) {
            assertEquals(html, gate(html));
        }
        String allowedFacebook = DENIED_BASE + "<img src=x.gif>";
        assertEquals(allowedFacebook, Gating.gate(allowedFacebook, GatePolicy.allowAll()));
    }
}
