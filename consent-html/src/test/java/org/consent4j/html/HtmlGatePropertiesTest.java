package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

final class HtmlGatePropertiesTest {

    private static final Oracle ORACLE = new Oracle(GateCatalog.catalog());

    /** Allows analytics, denies the rest: a policy that gates some services and not others. */
    private static final GatePolicy ANALYTICS_ONLY = new GatePolicy() {
        @Override
        public boolean allowsService(String serviceId) {
            return GateCatalog.catalog().service(serviceId).map(s -> s.category().equals("analytics")).orElse(false);
        }

        @Override
        public boolean allowsCategory(String categoryId) {
            return categoryId.equals("analytics");
        }
    };

    @Provide
    Arbitrary<String> pages() {
        return Documents.documents(true);
    }

    @Provide
    Arbitrary<String> pagesWithoutTrackers() {
        return Documents.documents(false);
    }

    @Provide
    Arbitrary<int[]> splits() {
        return Arbitraries.integers().between(0, 4000).array(int[].class).ofMaxSize(12)
                .map(a -> java.util.Arrays.stream(a).sorted().toArray());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 500)
    void outputEqualsInputWhenEverythingIsAllowed(@ForAll("pages") String page) {
        assertArrayEquals(utf8(page), Gating.gate(utf8(page), GatePolicy.allowAll()));
    }

    @Property(tries = 500)
    void outputEqualsInputWhenNothingBelongsToACatalogService(@ForAll("pagesWithoutTrackers") String page) {
        assertArrayEquals(utf8(page), Gating.gate(utf8(page), GatePolicy.denyAll()));
    }

    @Property(tries = 500)
    void resultIsTheSameHoweverTheInputIsSplit(@ForAll("pages") String page, @ForAll("splits") int[] splits) {
        byte[] in = utf8(page);
        List<GatedElement> whole = new ArrayList<>();
        List<GatedElement> split = new ArrayList<>();
        byte[] expected = Gating.gate(Gating.GATE, in, GatePolicy.denyAll(), "<!--I-->", whole::add, new int[0]);
        byte[] actual = Gating.gate(Gating.GATE, in, GatePolicy.denyAll(), "<!--I-->", split::add, splits);
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        assertEquals(whole, split);
    }

    @Property(tries = 200)
    void resultIsTheSameWrittenByteByByte(@ForAll("pages") String page) {
        byte[] in = utf8(page);
        assertArrayEquals(Gating.gate(in, GatePolicy.denyAll()), Gating.gateByteByByte(in, GatePolicy.denyAll()));
    }

    @Property(tries = 500)
    void gatingIsIdempotent(@ForAll("pages") String page) {
        for (GatePolicy policy : List.of(GatePolicy.denyAll(), ANALYTICS_ONLY)) {
            byte[] once = Gating.gate(utf8(page), policy);
            assertArrayEquals(once, Gating.gate(once, policy));
        }
    }

    @Property(tries = 500)
    void removingTheInsertionsGivesBackTheInputByteForByte(@ForAll("pages") String page) {
        byte[] in = utf8(page);
        assertEquals(page, new String(Gating.strip(Gating.gate(in, GatePolicy.denyAll())), StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void bannerActivationRestoresTheOriginalElements(@ForAll("pages") String page) {
        byte[] gated = Gating.gate(utf8(page), GatePolicy.denyAll());
        String original = Gating.normalized(Gating.parse(utf8(page), StandardCharsets.UTF_8));
        String activated = Gating.normalized(Gating.activate(Gating.parse(gated, StandardCharsets.UTF_8)));
        assertEquals(original, activated);
    }

    @Property(tries = 300)
    void exactlyTheTrackersOfDeniedServicesAreGated(@ForAll("pages") String page) {
        Document before = Gating.parse(utf8(page), StandardCharsets.UTF_8);
        Document after = Gating.parse(Gating.gate(utf8(page), GatePolicy.denyAll()), StandardCharsets.UTF_8);
        Elements in = before.getAllElements();
        Elements out = after.getAllElements();
        assertEquals(in.size(), out.size(), "same structure");
        for (int i = 0; i < in.size(); i++) {
            Element e = in.get(i);
            boolean gated = out.get(i).hasAttr("data-consent-gated") && !e.hasAttr("data-consent-gated");
            assertEquals(ORACLE.mustGate(e), gated, () -> "element " + e.outerHtml() + " in " + page);
            Element o = out.get(i);
            assertEquals(false, ORACLE.mustGate(o), () -> "still live: " + o.outerHtml());
        }
    }

    @Property(tries = 200)
    void writerGivesTheSameResultAsTheStream(@ForAll("pages") String page, @ForAll("splits") int[] splits)
            throws IOException {
        StringWriter sink = new StringWriter();
        try (Writer w = Gating.GATE.page(ANALYTICS_ONLY).headInjection("<!--I-->").writer(sink)) {
            int from = 0;
            for (int split : splits) {
                if (split > from && split < page.length()) {
                    w.write(page, from, split - from);
                    from = split;
                }
            }
            w.write(page, from, page.length() - from);
        }
        String viaStream = new String(Gating.gate(Gating.GATE, utf8(page), ANALYTICS_ONLY, "<!--I-->", GateListener.NONE,
                new int[0]), StandardCharsets.UTF_8);
        assertEquals(viaStream, sink.toString());
    }

    /** Tags and inline scripts split at every offset, in two and three pieces and one byte at a time. */
    @Example
    void everySplitOffsetOfTrickyPagesGivesTheSameResult() {
        List<String> pages = List.of(
                "<!DOCTYPE html><html><head><script async src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script>"
                        + "<script>" + Snippets.META_PIXEL + "</script></head><body><noscript><img height=1 width=1"
                        + " src='https://www.facebook.com/tr?id=1&amp;ev=PageView&amp;noscript=1'/></noscript>"
                        + "<!-- <img src=https://www.facebook.com/tr> --><iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
                "<script><!-- document.write('<script>fbq(1)</script>') --></script><svg><![CDATA[<img src=//www.facebook.com/tr>]]>"
                        + "<script href=//connect.facebook.net/x.js></script></svg><style><img src=//www.facebook.com/tr></style>",
                "\uFEFF<p title='a>b' class=x>Caf\u00e9</p><IMG SRCSET=\"https://www.facebook.com/a 1x, /b 2x\" alt=a>"
                        + "<link rel=preconnect href=https://fonts.gstatic.com><plaintext><img src=https://www.facebook.com/tr>");
        for (String page : pages) {
            byte[] in = utf8(page);
            byte[] expected = Gating.gate(Gating.GATE, in, GatePolicy.denyAll(), "<!--I-->", GateListener.NONE, new int[0]);
            for (int k = 1; k < in.length; k++) {
                assertArrayEquals(expected, Gating.gate(Gating.GATE, in, GatePolicy.denyAll(), "<!--I-->",
                        GateListener.NONE, new int[] {k}), "split at " + k);
                for (int m = k + 1; m < Math.min(in.length, k + 12); m++) {
                    assertArrayEquals(expected, Gating.gate(Gating.GATE, in, GatePolicy.denyAll(), "<!--I-->",
                            GateListener.NONE, new int[] {k, m}), "split at " + k + " and " + m);
                }
            }
            assertArrayEquals(Gating.gate(in, GatePolicy.denyAll()), Gating.gateByteByByte(in, GatePolicy.denyAll()));
        }
    }
}
