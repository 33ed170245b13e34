package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.consent4j.core.catalog.Category;
import org.junit.jupiter.api.Test;

final class HtmlGateTest {

    private static final String GTAG = "https://www.googletagmanager.com/gtag/js?id=G-TEST1";
    private static final GatePolicy DENY = GatePolicy.denyAll();

    private static String gate(String html) {
        return Gating.gate(html, DENY);
    }

    private static List<GatedElement> events(String html, GatePolicy policy) {
        List<GatedElement> events = new ArrayList<>();
        Gating.gate(Gating.GATE, html.getBytes(StandardCharsets.UTF_8), policy, null, events::add, new int[0]);
        return events;
    }

    /** A policy that allows exactly these services and categories. */
    private static GatePolicy allowing(String... ids) {
        Set<String> allowed = Set.of(ids);
        return new GatePolicy() {
            @Override
            public boolean allowsService(String serviceId) {
                return allowed.contains(serviceId);
            }

            @Override
            public boolean allowsCategory(String categoryId) {
                return allowed.contains(categoryId);
            }
        };
    }

    // ------------------------------------------------------------------ scripts

    @Test
    void externalScriptOfDeniedServiceBecomesInertWithItsSourceMoved() {
        assertEquals("<script type=\"text/plain\" data-consent-gated data-consent-category=\"analytics\""
                        + " data-consent-service=\"google-analytics\" async data-consent-src=\"" + GTAG + "\"></script>",
                gate("<script async src=\"" + GTAG + "\"></script>"));
    }

    @Test
    void scriptTypeIsKeptInDataConsentType() {
        assertEquals("<script type=\"text/plain\" data-consent-gated data-consent-category=\"marketing\""
                        + " data-consent-service=\"meta-pixel\" data-consent-type=module"
                        + " data-consent-src='//connect.facebook.net/en_US/fbevents.js'></script>",
                gate("<script type=module src='//connect.facebook.net/en_US/fbevents.js'></script>"));
    }

    @Test
    void scriptOfAllowedServicePassesUnchanged() {
        String html = "<script src=\"" + GTAG + "\"></script>";
        assertEquals(html, Gating.gate(html, allowing("google-analytics")));
    }

    @Test
    void nonExecutableScriptTypesPass() {
        for (String type : List.of("application/ld+json", "text/template", "text/plain", "text/x-template",
                "importmap")) {
            String html = "<script type=\"" + type + "\" src=\"" + GTAG + "\">{\"a\":\"fbq('init')\"}</script>";
            assertEquals(html, gate(html), type);
        }
    }

    @Test
    void javaScriptTypesAndLanguageAreExecutable() {
        for (String type : List.of("", "text/javascript", "TEXT/JAVASCRIPT", "application/javascript",
                "text/ecmascript", "module", " text/javascript ", "text/javascript; charset=utf-8")) {
            assertTrue(gate("<script type=\"" + type + "\" src=\"" + GTAG + "\"></script>")
                    .contains("data-consent-gated"), type);
        }
        assertTrue(gate("<script language=javascript src=\"" + GTAG + "\"></script>").contains("data-consent-gated"));
        String vb = "<script language=vbscript src=\"" + GTAG + "\"></script>";
        assertEquals(vb, gate(vb));
    }

    @Test
    void upperAndMixedCaseTagsAndAttributesAreFound() {
        assertEquals("<SCRIPT type=\"text/plain\" data-consent-gated data-consent-category=\"analytics\""
                        + " data-consent-service=\"google-analytics\" data-consent-SrC=\"" + GTAG + "\"></SCRIPT>",
                gate("<SCRIPT SrC=\"" + GTAG + "\"></SCRIPT>"));
        assertTrue(gate("<ImG sRc=https://www.facebook.com/tr?id=1>").contains("data-consent-sRc="));
    }

    @Test
    void attributesQuotedEveryWayAreRead() {
        for (String src : List.of("\"" + GTAG + "\"", "'" + GTAG + "'", GTAG)) {
            String out = gate("<script src=" + src + "></script>");
            assertEquals("<script type=\"text/plain\" data-consent-gated data-consent-category=\"analytics\""
                    + " data-consent-service=\"google-analytics\" data-consent-src=" + src + "></script>", out);
        }
        assertTrue(gate("<script src = \"" + GTAG + "\" ></script>").contains("data-consent-src = \""));
    }

    @Test
    void quotedGreaterThanDoesNotEndTheTag() {
        String out = gate("<img alt=\"a > b\" title='c>d' src=https://www.facebook.com/tr>");
        assertEquals("<img data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"meta-pixel\""
                + " alt=\"a > b\" title='c>d' data-consent-src=https://www.facebook.com/tr>", out);
    }

    @Test
    void duplicateSourceAttributesAreAllRenamed() {
        assertEquals("<img data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"meta-pixel\""
                        + " data-consent-src=https://www.facebook.com/tr data-consent-src=/local.png>",
                gate("<img src=https://www.facebook.com/tr src=/local.png>"));
        assertTrue(gate("<img src=/local.png src=https://www.facebook.com/tr>").contains("data-consent-gated"));
    }

    @Test
    void entitiesInUrlsAreDecodedForTheHostLookup() {
        for (String url : List.of("https:&#x2F;&#x2F;www.googletagmanager.com/gtag/js",
                "https&colon;//www.googletagmanager.com/gtag/js", "&#104;ttps://www.googletagmanager.com/",
                "https://www&period;googletagmanager.com/", "https://www.googletagmanager.com/x?a=1&amp;b=2")) {
            assertTrue(gate("<script src=\"" + url + "\"></script>").contains("data-consent-gated"), url);
        }
    }

    @Test
    void protocolRelativeAndOddlyWrittenUrlsAreAttributed() {
        for (String url : List.of("//www.googletagmanager.com/gtag/js", "\\\\www.googletagmanager.com/x",
                " https://www.googletagmanager.com/x ", "HTTPS://WWW.GOOGLETAGMANAGER.COM/x",
                "https://user@www.googletagmanager.com:443/x", "https:www.googletagmanager.com/x",
                "https://www.googletagmanager.com./x", "ht\ntps://www.googletagmanager.com/x")) {
            assertTrue(gate("<script src=\"" + url + "\"></script>").contains("data-consent-gated"), url);
        }
    }

    @Test
    void firstPartyRelativeDataAndUnknownHostsPass() {
        for (String url : List.of("/js/app.js", "app.js", "../gtag/js", "?v=1", "https://cdn.example.org/a.js",
                "data:text/javascript,alert(1)", "javascript:void(0)", "https://googletagmanager.com.example.org/x",
                "https://notgoogletagmanager.com/x", "")) {
            String html = "<script src=\"" + url + "\"></script>";
            assertEquals(html, gate(html), url);
        }
    }

    @Test
    void baseHrefMakesRelativeUrlsThirdParty() {
        String out = gate("<base href=\"https://www.googletagmanager.com/\"><script src=\"gtag/js\"></script>");
        assertTrue(out.contains("data-consent-src=\"gtag/js\""), out);
        String local = "<base href=\"/app/\"><script src=\"gtag/js\"></script>";
        assertEquals(local, gate(local));
    }

    // ------------------------------------------------------------------ inline scripts

    @Test
    void inlineGtagConfigIsAttributedByItsLoaderCall() {
        String snippet = "<script>\n  window.dataLayer = window.dataLayer || [];\n  function gtag(){dataLayer.push(arguments);}\n"
                + "  gtag('js', new Date());\n  gtag('config', 'G-TEST1');\n</script>";
        String out = gate(snippet);
        assertEquals("<script type=\"text/plain\" data-consent-gated data-consent-category=\"analytics\""
                + " data-consent-service=\"google-analytics\">" + snippet.substring("<script>".length()), out);
        List<GatedElement> ev = events(snippet, DENY);
        assertEquals(GatedElement.Attribution.INLINE_CALL, ev.get(0).attribution());
        assertEquals("gtag(", ev.get(0).evidence());
    }

    @Test
    void vendorSnippetsAreAttributedToTheirServices() {
        assertEquals("meta-pixel", service(Snippets.META_PIXEL));
        assertEquals("google-analytics", service(Snippets.GTM));
        assertEquals("google-analytics", service(Snippets.ANALYTICS_JS));
        assertEquals("segment", service(Snippets.SEGMENT));
        assertEquals("hotjar", service(Snippets.HOTJAR));
        assertEquals("linkedin-insight", service(Snippets.LINKEDIN));
        assertEquals("tiktok-pixel", service(Snippets.TIKTOK));
        assertEquals("hubspot", service(Snippets.HUBSPOT));
    }

    private static String service(String snippet) {
        List<GatedElement> ev = events("<script>" + snippet + "</script>", DENY);
        assertEquals(1, ev.size(), snippet);
        return ev.get(0).serviceId();
    }

    @Test
    void inlineScriptWithoutTrackerPasses() {
        String html = "<script>var site = 'https://www.example.org/'; if (a < b && c > d) { go('create'); }"
                + " omega('create'); window.dataLayer = []; facebook = 1;</script>";
        assertEquals(html, gate(html));
    }

    @Test
    void inlineScriptIsGatedUnderTheFirstDeniedService() {
        String html = "<script>fbq('init', '1'); gtag('config', 'G-1');</script>";
        assertEquals("meta-pixel", events(html, DENY).get(0).serviceId());
        assertEquals("google-analytics", events(html, allowing("meta-pixel")).get(0).serviceId());
        assertEquals(List.of(), events(html, allowing("meta-pixel", "google-analytics")));
    }

    @Test
    void inlineScriptLongerThanTheBoundIsGatedUnlessEverythingIsAllowed() {
        HtmlGate small = HtmlGate.builder(GateCatalog.catalog()).inlineScriptLimit(1024).build();
        String html = "<script>" + "x".repeat(2000) + "fbq('init','1');</script><script>fbq('track');</script>";
        List<String> unchecked = new ArrayList<>();
        List<GatedElement> gated = new ArrayList<>();
        GateListener listener = new GateListener() {
            @Override
            public void gated(GatedElement element) {
                gated.add(element);
            }

            @Override
            public void unchecked(String element, long offset, String reason) {
                unchecked.add(element + "@" + offset + ": " + reason);
            }
        };
        for (int[] splits : List.of(new int[0], new int[] {100, 1500}, new int[] {1100, 1101, 2020})) {
            gated.clear();
            byte[] out = Gating.gate(small, html.getBytes(StandardCharsets.UTF_8), DENY, null, listener, splits);
            assertEquals(List.of(), unchecked);
            assertEquals(2, gated.size());
            assertEquals(GatedElement.Attribution.UNREADABLE, gated.get(0).attribution());
            String s = new String(out, StandardCharsets.UTF_8);
            assertTrue(s.startsWith("<script type=\"text/plain\" data-consent-gated data-consent-category=\"unclassified\""
                    + " data-consent-service=\"\">xxx"), s.substring(0, 120));
            assertTrue(s.endsWith("<script type=\"text/plain\" data-consent-gated data-consent-category=\"marketing\""
                    + " data-consent-service=\"meta-pixel\">fbq('track');</script>"));
        }
        byte[] out = Gating.gate(small, html.getBytes(StandardCharsets.UTF_8), GatePolicy.allowAll(), null, listener,
                new int[0]);
        assertEquals(html, new String(out, StandardCharsets.UTF_8));
        assertEquals(List.of("script@0: inline script longer than 1024 bytes"), unchecked);
    }

    @Test
    void aLongInlineScriptIsAttributedByItsFirstBoundOfText() {
        HtmlGate small = HtmlGate.builder(GateCatalog.catalog()).inlineScriptLimit(1024).build();
        String html = "<script>fbq('init','1');" + "x".repeat(3000) + "</script>";
        List<GatedElement> gated = new ArrayList<>();
        for (int[] splits : List.of(new int[0], new int[] {10, 1200, 2500})) {
            gated.clear();
            Gating.gate(small, html.getBytes(StandardCharsets.UTF_8), DENY, null, gated::add, splits);
            assertEquals(List.of("meta-pixel"), gated.stream().map(GatedElement::serviceId).toList());
        }
    }

    @Test
    void a200KilobyteInlineScriptThatLoadsATrackerIsInertByDefault() {
        String html = "<script>var d = '" + "a".repeat(200_000) + "';"
                + "var s = document.createElement('script'); s.src = 'https://connect.facebook.net/en_US/fbevents.js';"
                + "document.head.appendChild(s);</script>";
        List<GatedElement> gated = new ArrayList<>();
        for (int[] splits : List.of(new int[0], new int[] {8192, 65536, 131072, 196608})) {
            gated.clear();
            String out = new String(Gating.gate(Gating.GATE, html.getBytes(StandardCharsets.UTF_8), DENY, null,
                    gated::add, splits), StandardCharsets.UTF_8);
            assertTrue(out.startsWith("<script type=\"text/plain\" data-consent-gated"), out.substring(0, 80));
            assertEquals(List.of("meta-pixel"), gated.stream().map(GatedElement::serviceId).toList());
        }
    }

    @Test
    void inlineScriptUnclosedAtTheEndOfTheDocumentIsStillGated() {
        assertTrue(gate("<p>x</p><script>fbq('init', '1');").startsWith("<p>x</p><script type=\"text/plain\""));
    }

    @Test
    void scriptDataEscapesDoNotEndTheScriptEarly() {
        String html = "<script><!-- document.write('<script src=\"x.js\"></script>'); fbq('init'); --></script>"
                + "<img src=https://www.facebook.com/tr>";
        String out = gate(html);
        assertTrue(out.startsWith("<script type=\"text/plain\""), out);
        assertTrue(out.contains("<img data-consent-gated"), out);
        assertEquals(2, events(html, DENY).size());
    }

    @Test
    void scriptEndTagNeedsAnExactName() {
        String html = "<script>a = '</scripts>'; b = '</scrip>'; fbq('x')</script >";
        String out = gate(html);
        assertTrue(out.startsWith("<script type=\"text/plain\""), out);
        assertTrue(out.endsWith("fbq('x')</script >"), out);
    }

    // ------------------------------------------------------------------ other elements

    @Test
    void iframeImageEmbedObjectSourceAndLinkAreGated() {
        assertEquals("<iframe data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"youtube\""
                        + " width=560 data-consent-src=\"https://www.youtube.com/embed/x\"></iframe>",
                gate("<iframe width=560 src=\"https://www.youtube.com/embed/x\"></iframe>"));
        assertEquals("<embed data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"youtube\""
                + " data-consent-src=https://www.youtube.com/v/x>", gate("<embed src=https://www.youtube.com/v/x>"));
        assertEquals("<object data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"youtube\""
                        + " data-consent-data=https://www.youtube.com/v/x></object>",
                gate("<object data=https://www.youtube.com/v/x></object>"));
        assertEquals("<picture><source data-consent-gated data-consent-category=\"marketing\""
                        + " data-consent-service=\"meta-pixel\" data-consent-srcset=\"https://www.facebook.com/a.webp 1x,"
                        + " /b.webp 2x\"><img src=/c.png></picture>",
                gate("<picture><source srcset=\"https://www.facebook.com/a.webp 1x, /b.webp 2x\"><img src=/c.png></picture>"));
        assertEquals("<link data-consent-gated data-consent-category=\"functional\" data-consent-service=\"google-fonts\""
                        + " rel=stylesheet data-consent-href=\"https://fonts.googleapis.com/css?family=Roboto\">",
                Gating.gate("<link rel=stylesheet href=\"https://fonts.googleapis.com/css?family=Roboto\">", DENY));
    }

    @Test
    void imageSrcsetIsCheckedCandidateByCandidate() {
        String out = gate("<img src=/a.png srcset=\"/a2.png 2x, https://www.facebook.com/tr?x=1,2 3x\">");
        assertEquals("<img data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"meta-pixel\""
                + " data-consent-src=/a.png data-consent-srcset=\"/a2.png 2x, https://www.facebook.com/tr?x=1,2 3x\">", out);
    }

    @Test
    void linkIsGatedOnlyWhenItLoads() {
        for (String rel : List.of("preload", "prefetch", "preconnect", "dns-prefetch", "stylesheet", "modulepreload",
                "Preload", "alternate stylesheet")) {
            assertTrue(gate("<link rel=\"" + rel + "\" href=\"https://www.googletagmanager.com/gtag/js\">")
                    .contains("data-consent-href"), rel);
        }
        for (String rel : List.of("canonical", "alternate", "author", "")) {
            String html = "<link rel=\"" + rel + "\" href=\"https://www.facebook.com/page\">";
            assertEquals(html, gate(html), rel);
        }
        assertEquals("<link rel=preload as=image href=/a.png>", gate("<link rel=preload as=image href=/a.png>"));
        assertTrue(gate("<link rel=preload as=image href=/a.png imagesrcset=\"https://www.facebook.com/tr 1x\">")
                .contains("data-consent-imagesrcset="));
    }

    @Test
    void noscriptContentsAreGatedForBrowsersWithoutScripting() {
        String pixel = "<noscript><img height=\"1\" width=\"1\" style=\"display:none\""
                + " src=\"https://www.facebook.com/tr?id=123&ev=PageView&noscript=1\"/></noscript>";
        String out = gate(pixel);
        assertTrue(out.contains("<img data-consent-gated") && out.contains("data-consent-src=\"https://www.facebook.com/tr"),
                "a browser without scripting would load the pixel: " + out);
    }

    @Test
    void svgScriptContentIsMarkup() {
        String out = gate("<svg><script><img src=https://www.facebook.com/tr></script></svg>");
        assertTrue(out.contains("<img data-consent-gated"), out);
        assertTrue(out.startsWith("<svg><script type=\"text/plain\" data-consent-gated data-consent-category=\"unclassified\""), out);
    }

    @Test
    void templateContentsAreMarkup() {
        assertTrue(gate("<template><script src=\"" + GTAG + "\"></script></template>").contains("data-consent-gated"));
    }

    @Test
    void svgScriptCountsAsScript() {
        String out = gate("<svg><script href=\"https://connect.facebook.net/x.js\"></script></svg>");
        assertEquals("<svg><script type=\"text/plain\" data-consent-gated data-consent-category=\"marketing\""
                + " data-consent-service=\"meta-pixel\" data-consent-href=\"https://connect.facebook.net/x.js\"></script></svg>", out);
        assertTrue(gate("<svg><script>fbq('init')</script></svg>").contains("type=\"text/plain\""));
    }

    @Test
    void commentsDoctypeAndBogusCommentsHideTags() {
        for (String html : List.of("<!-- <script src=\"" + GTAG + "\"></script> -->",
                "<!DOCTYPE html><!-- -- > <img src=https://www.facebook.com/tr> -->",
                "<!-- a --!> <img src=/x> <!-- <img src=https://www.facebook.com/tr> -->",
                "<?xml version=\"1.0\"?>", "<!x <img src=/a>", "</ <b>>")) {
            assertEquals(html, gate(html), html);
        }
        assertTrue(gate("<!--><img src=https://www.facebook.com/tr>").contains("data-consent-gated"));
        assertTrue(gate("<!---><img src=https://www.facebook.com/tr>").contains("data-consent-gated"));
        assertTrue(gate("<!-- x --!><img src=https://www.facebook.com/tr>").contains("data-consent-gated"));
        assertTrue(gate("<!DOCTYPE html \"><img src=https://www.facebook.com/tr>\">").contains("data-consent-gated"));
    }

    @Test
    void rawTextElementsHideTags() {
        for (String el : List.of("style", "textarea", "title", "xmp", "noembed", "noframes", "iframe")) {
            String html = "<" + el + "><img src=https://www.facebook.com/tr></" + el.toUpperCase() + ">";
            assertEquals(html, gate(html), el);
            String after = gate(html + "<img src=https://www.facebook.com/tr>");
            assertTrue(after.endsWith("data-consent-src=https://www.facebook.com/tr>"), el);
        }
        String title = "<title></titles><img src=https://www.facebook.com/tr></title>";
        assertEquals(title, gate(title));
    }

    @Test
    void cdataHidesTagsOnlyInForeignContent() {
        String svg = "<svg><![CDATA[<img src=https://www.facebook.com/tr>]]></svg>";
        assertEquals(svg, gate(svg));
        String html = "<p><![CDATA[ a > b <img src=https://www.facebook.com/tr> ]]>";
        assertTrue(gate(html).contains("data-consent-gated"));
        String bogus = "<p><![CDATA[<img src=https://www.facebook.com/tr>]]>";
        assertEquals(bogus, gate(bogus));
    }

    @Test
    void foreignContentHoldsMarkupWhereHtmlWouldHoldText() {
        assertTrue(gate("<svg><style><img src=https://www.facebook.com/tr></style></svg>").contains("data-consent-gated"));
        assertTrue(gate("<svg><title><script src=\"" + GTAG + "\"></script></title></svg>").contains("data-consent-gated"));
        String integration = "<svg><foreignObject><style><img src=https://www.facebook.com/tr></style></foreignObject></svg>";
        assertEquals(integration, gate(integration));
        String breakout = "<svg><p>x</p><style><img src=https://www.facebook.com/tr></style>";
        assertEquals(breakout, gate(breakout));
    }

    @Test
    void plaintextEndsScanning() {
        String html = "<plaintext><script src=\"" + GTAG + "\"></script>";
        assertEquals(html, gate(html));
    }

    // ------------------------------------------------------------------ annotations and idempotence

    @Test
    void authorCategoryGatesElementsWithoutAKnownHost() {
        String out = gate("<script data-consent-category=\"analytics\" src=\"/js/stats.js\"></script>");
        assertEquals("<script type=\"text/plain\" data-consent-gated data-consent-category=\"analytics\""
                + " data-consent-service=\"\" data-consent-category=\"analytics\" data-consent-src=\"/js/stats.js\"></script>", out);
        assertTrue(gate("<script data-consent-category=marketing>track()</script>").contains("type=\"text/plain\""));
        assertEquals(List.of(), events("<script data-consent-category=analytics src=/s.js></script>", allowing("analytics")));
    }

    @Test
    void necessaryAnnotationIsNeverGated() {
        String html = "<script data-consent-category=\"Necessary\" src=\"" + GTAG + "\"></script>";
        assertEquals(html, gate(html));
    }

    @Test
    void authorServiceUsesTheCatalogCategory() {
        List<GatedElement> ev = events("<iframe data-consent-service=youtube src=/embed></iframe>", DENY);
        assertEquals("youtube", ev.get(0).serviceId());
        assertEquals(Category.MARKETING, ev.get(0).categoryId());
        assertEquals(List.of(), events("<iframe data-consent-service=container-session src=/x></iframe>", DENY));
        List<GatedElement> unknown = events("<script data-consent-service=acme-chat src=/c.js></script>", DENY);
        assertEquals(HtmlGate.UNCLASSIFIED, unknown.get(0).categoryId());
    }

    @Test
    void necessaryServicesAreNeverGated() {
        String html = "<script src=\"https://js.stripe.com/v3/\"></script><script src=https://www.recaptcha.net/recaptcha/api.js></script>";
        assertEquals(html, gate(html));
    }

    @Test
    void gatingTwiceChangesNothing() {
        String html = "<script src=\"" + GTAG + "\"></script><script>fbq('init')</script>"
                + "<iframe src=https://www.youtube.com/embed/x></iframe><img srcset='https://www.facebook.com/a 1x'>";
        String once = gate(html);
        assertEquals(once, gate(once));
    }

    // ------------------------------------------------------------------ head injection

    @Test
    void headInjectionGoesRightAfterTheHeadStartTag() {
        assertEquals("<!DOCTYPE html>\n<html lang=en><head class=x><!--I--><title>t</title></head>",
                inject("<!DOCTYPE html>\n<html lang=en><head class=x><title>t</title></head>"));
    }

    @Test
    void headInjectionWithoutHeadGoesBeforeTheFirstContent() {
        assertEquals("<!DOCTYPE html><!-- c -->\n<html><!--I--><body>", inject("<!DOCTYPE html><!-- c -->\n<html><body>"));
        assertEquals("\n  <!--I-->Hello", inject("\n  Hello"));
        assertEquals("<!--I--><script src=\"" + GTAG + "\"></script>", inject("<script src=\"" + GTAG + "\"></script>"));
        assertEquals("<!--I--></p>", inject("</p>"));
        assertEquals("<!--I-->< 3", inject("< 3"));
        assertEquals("<?xml version=\"1.0\"?><!--I--><p>", inject("<?xml version=\"1.0\"?><p>"));
        assertEquals("", inject(""));
        assertEquals("<!-- only -->", inject("<!-- only -->"));
    }

    @Test
    void headInjectionPrecedesGatedElements() {
        String out = new String(Gating.gate(Gating.GATE, ("<script src=\"" + GTAG + "\"></script>").getBytes(StandardCharsets.UTF_8),
                DENY, "<!--I-->", GateListener.NONE, new int[0]), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("<!--I--><script type=\"text/plain\""), out);
    }

    private static String inject(String html) {
        return new String(Gating.gate(Gating.GATE, html.getBytes(StandardCharsets.UTF_8), GatePolicy.allowAll(),
                "<!--I-->", GateListener.NONE, new int[0]), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ charsets

    @Test
    void utf16BodiesAreDecodedGatedAndEncodedBack() throws IOException {
        String html = "<script src=\"" + GTAG + "\"></script>";
        for (Charset cs : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            String out = new String(gateWith(html.getBytes(cs), cs, "<!--I-->"), cs);
            assertTrue(out.startsWith("<!--I--><script type=\"text/plain\" data-consent-gated"), cs + ": " + out);
        }
        byte[] withBom = html.getBytes(StandardCharsets.UTF_16);
        for (Charset declared : java.util.Arrays.asList(StandardCharsets.UTF_8, null)) {
            String out = new String(gateWith(withBom, declared, null), StandardCharsets.UTF_16);
            assertTrue(out.startsWith("<script type=\"text/plain\" data-consent-gated"), declared + ": " + out);
        }
    }

    @Test
    void utf8ByteOrderMarkPassesAndTheRestIsGated() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = concat(bom, "<img src=https://www.facebook.com/tr>".getBytes(StandardCharsets.UTF_8));
        String out = new String(gateWith(body, StandardCharsets.UTF_16LE, "<!--I-->"), StandardCharsets.UTF_8);
        assertEquals("\uFEFF<!--I--><img data-consent-gated data-consent-category=\"marketing\""
                + " data-consent-service=\"meta-pixel\" data-consent-src=https://www.facebook.com/tr>", out);
    }

    @Test
    void singleByteCharsetsAreGatedOnTheirBytes() throws IOException {
        for (Charset cs : List.of(StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"))) {
            String html = "<p>Caf\u00e9 \u00e0 la cr\u00e8me</p><img alt=\"\u00e9t\u00e9\" src=https://www.facebook.com/tr>";
            String out = new String(gateWith(html.getBytes(cs), cs, null), cs);
            assertEquals("<p>Caf\u00e9 \u00e0 la cr\u00e8me</p><img data-consent-gated data-consent-category=\"marketing\""
                    + " data-consent-service=\"meta-pixel\" alt=\"\u00e9t\u00e9\" data-consent-src=https://www.facebook.com/tr>", out);
        }
    }

    @Test
    void nonAsciiHostsAreDecodedWithTheMetaCharset() throws IOException {
        HtmlGate idn = HtmlGate.of(GateCatalog.catalog().toBuilder()
                .service(org.consent4j.core.catalog.Service.builder("idn", Category.MARKETING)
                        .host("xn--bcher-kva.example").build()).build());
        String html = "<meta charset=\"iso-8859-1\"><img src=\"https://b\u00fccher.example/p.gif\">";
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream os = idn.page(DENY).outputStream(sink)) {
            os.write(html.getBytes(StandardCharsets.ISO_8859_1));
        }
        assertTrue(sink.toString(StandardCharsets.ISO_8859_1).contains("data-consent-service=\"idn\""));
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        try (OutputStream os = idn.page(DENY).charset(StandardCharsets.UTF_8).outputStream(utf8)) {
            os.write(html.replace("iso-8859-1", "utf-8").getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(utf8.toString(StandardCharsets.UTF_8).contains("data-consent-service=\"idn\""));
    }

    @Test
    void headInjectionThatTheCharsetCannotEncodeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gating.GATE.page(DENY)
                .charset(StandardCharsets.ISO_8859_1).headInjection("<!-- \u2603 -->").outputStream(OutputStream.nullOutputStream()));
        assertTrue(e.getMessage().contains("windows-1252"), e.getMessage());
    }

    private static byte[] gateWith(byte[] body, Charset cs, String injection) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        HtmlGate.PageBuilder page = Gating.GATE.page(DENY);
        if (cs != null) {
            page.charset(cs);
        }
        if (injection != null) {
            page.headInjection(injection);
        }
        try (OutputStream os = page.outputStream(sink)) {
            os.write(body);
        }
        return sink.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ------------------------------------------------------------------ bounds, placeholder, writer, listener

    @Test
    void tagLongerThanTheBoundIsGatedUnlessEverythingIsAllowed() {
        HtmlGate small = HtmlGate.builder(GateCatalog.catalog()).maxTagLength(1024).build();
        String html = "<img alt=\"" + "a".repeat(1100) + "\" src=https://www.facebook.com/tr><img src=https://www.facebook.com/tr>";
        List<String> unchecked = new ArrayList<>();
        List<GatedElement> gated = new ArrayList<>();
        GateListener listener = new GateListener() {
            @Override
            public void gated(GatedElement element) {
                gated.add(element);
            }

            @Override
            public void unchecked(String element, long offset, String reason) {
                unchecked.add(element + ": " + reason);
            }
        };
        for (int[] splits : List.of(new int[0], new int[] {500, 1000, 1050}, new int[] {500, 1000, 1113, 1114, 1115})) {
            unchecked.clear();
            gated.clear();
            String out = new String(Gating.gate(small, html.getBytes(StandardCharsets.UTF_8), DENY, null, listener, splits),
                    StandardCharsets.UTF_8);
            assertEquals(html, new String(Gating.strip(out.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            assertTrue(out.startsWith("<img data-consent-gated data-consent-category=\"unclassified\" data-consent-service=\"\""
                    + " alt=\"aaa"), out.substring(0, 100));
            assertTrue(out.contains("\" data-consent-src=https://www.facebook.com/tr><img"), out.substring(1100));
            assertTrue(out.endsWith("<img data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"meta-pixel\""
                    + " data-consent-src=https://www.facebook.com/tr>"));
            assertEquals(List.of(), unchecked);
            assertEquals(GatedElement.Attribution.UNREADABLE, gated.get(0).attribution());
            assertEquals(2, gated.size());
        }
        unchecked.clear();
        String out = new String(Gating.gate(small, html.getBytes(StandardCharsets.UTF_8), GatePolicy.allowAll(), null,
                listener, new int[0]), StandardCharsets.UTF_8);
        assertEquals(html, out, "a visitor who allows everything has nothing to gate");
        assertEquals(List.of("img: start tag longer than 1024 bytes"), unchecked);
    }

    @Test
    void iframePlaceholderNamesTheConsentThatWouldLoadIt() {
        HtmlGate withPlaceholders = HtmlGate.builder(GateCatalog.catalog()).iframePlaceholders(true).build();
        String out = new String(Gating.gate(withPlaceholders,
                "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>".getBytes(StandardCharsets.UTF_8), DENY, null,
                GateListener.NONE, new int[0]), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("<iframe data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"youtube\""
                + " data-consent-placeholder srcdoc=\"&lt;p style=&quot;"), out);
        assertTrue(out.contains("This content from YouTube loads once you allow Marketing."), out);
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(out);
        assertTrue(doc.selectFirst("iframe").attr("srcdoc").contains("<p style=\"font:"));
    }

    @Test
    void writerGivesTheSameResultAsTheStream() throws IOException {
        String html = "<html><head><title>\u00e9\u65e5\uD83D\uDE00</title></head><body><p>\u00fcber</p>"
                + "<script src=\"" + GTAG + "\"></script><script>fbq('init')</script></body></html>";
        StringWriter sink = new StringWriter();
        try (Writer w = Gating.GATE.page(DENY).headInjection("<!--\u00e9-->").writer(sink)) {
            for (int i = 0; i < html.length(); i += 7) {
                w.write(html, i, Math.min(7, html.length() - i));
            }
        }
        String viaStream = new String(Gating.gate(Gating.GATE, html.getBytes(StandardCharsets.UTF_8), DENY, "<!--\u00e9-->",
                GateListener.NONE, new int[0]), StandardCharsets.UTF_8);
        assertEquals(viaStream, sink.toString());
    }

    @Test
    void writerSplitsSurrogatePairsSafely() throws IOException {
        StringWriter sink = new StringWriter();
        try (Writer w = Gating.GATE.page(DENY).writer(sink)) {
            w.write('\uD83D');
            w.write('\uDE00');
            w.write("\uDC00x\uD800");
        }
        assertEquals("\uD83D\uDE00?x?", sink.toString());
    }

    @Test
    void listenerReportsEveryGatedElementWithItsOffset() {
        String html = "<p>hi</p><img src=https://www.facebook.com/tr><script src=\"" + GTAG + "\"></script>";
        List<GatedElement> ev = events(html, DENY);
        assertEquals(2, ev.size());
        assertEquals(new GatedElement("img", "meta-pixel", "marketing", GatedElement.Attribution.HOST, "www.facebook.com", 9),
                ev.get(0));
        assertEquals("URL host www.facebook.com", ev.get(0).reason());
        assertEquals("script", ev.get(1).element());
    }

    @Test
    void builderRejectsBadBoundsAndRepeatedSettings() {
        assertThrows(IllegalArgumentException.class, () -> HtmlGate.builder(GateCatalog.catalog()).inlineScriptLimit(10));
        assertThrows(IllegalArgumentException.class, () -> HtmlGate.builder(GateCatalog.catalog()).maxTagLength(Integer.MAX_VALUE));
        assertThrows(IllegalStateException.class, () -> HtmlGate.builder(GateCatalog.catalog()).iframePlaceholders(true)
                .iframePlaceholders(false));
    }

    @Test
    void writesAfterCloseFail() throws IOException {
        OutputStream os = Gating.GATE.page(DENY).outputStream(new ByteArrayOutputStream());
        os.close();
        assertThrows(IOException.class, () -> os.write(1));
    }
}
