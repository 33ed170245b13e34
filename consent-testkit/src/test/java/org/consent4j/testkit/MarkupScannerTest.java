package org.consent4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class MarkupScannerTest {

    private static final String BASE = "http://127.0.0.1:8080/shop/";
    private static final Predicate<String> TRACKERS = h -> h.endsWith("google-analytics.com") || h.endsWith("facebook.net");

    private static List<String> scan(String html) {
        return MarkupScanner.scan(html, BASE, TRACKERS).stream().map(r -> r.source() + " " + r.url()).toList();
    }

    @Test
    void scanWhenActiveElementsThenListsWhatLoadsWithAbsoluteUrls() {
        assertEquals(List.of("script-src https://a.example/t.js", "script-src http://m.example/m.js",
                        "iframe-src https://www.youtube.com/embed/x", "img-src https://i.example/p.gif",
                        "img-src https://i.example/2x.gif", "link-href https://fonts.example/css",
                        "link-href https://pre.example/", "embed-src https://v.example/v.mp4",
                        "embed-src https://v.example/poster.jpg", "embed-src https://o.example/o.swf",
                        "img-src http://127.0.0.1:8080/shop/local.png"),
                scan("""
                        <script src="https://a.example/t.js"></script>
                        <script type="module" src="//m.example/m.js"></script>
                        <iframe src="https://www.youtube.com/embed/x"></iframe>
                        <img src="https://i.example/p.gif" srcset="https://i.example/2x.gif 2x">
                        <link rel="Stylesheet" href="https://fonts.example/css"><link rel="preconnect" href="https://pre.example/">
                        <link rel="canonical" href="https://canonical.example/">
                        <video src="https://v.example/v.mp4" poster="https://v.example/poster.jpg"></video>
                        <object data="https://o.example/o.swf"></object>
                        <img src="local.png">
                        """));
    }

    @Test
    void scanWhenElementsAreInertThenListsNothing() {
        assertEquals(List.of(), scan("""
                <script type="text/plain" data-consent-gated data-consent-category="analytics"
                        data-consent-service="google-analytics" data-consent-src="https://www.google-analytics.com/g.js"></script>
                <script type="text/plain" data-consent-type="text/javascript">gtag('https://www.google-analytics.com')</script>
                <iframe data-consent-gated data-consent-src="https://www.youtube.com/embed/x"></iframe>
                <img data-consent-gated data-consent-src="https://www.facebook.com/tr" data-consent-srcset="https://x.example/2x 2x">
                <script type="application/ld+json">{"url":"https://connect.facebook.net"}</script>
                <template><img src="https://t.example/in-template.gif"></template>
                <link rel="alternate" href="https://alt.example/">
                """));
    }

    @Test
    void scanWhenNoscriptThenMarksItsContent() {
        assertEquals(List.of("noscript https://www.facebook.com/tr?id=1"),
                scan("<body><noscript><img src=\"https://www.facebook.com/tr?id=1\"></noscript></body>"));
        assertEquals(List.of("noscript https://www.facebook.com/tr?id=2"),
                scan("<head><noscript><img src=\"https://www.facebook.com/tr?id=2\"></noscript></head>"));
    }

    @Test
    void scanWhenInlineScriptNamesATrackerHostThenReportsTheHostOnce() {
        List<MarkupScanner.Resource> found = MarkupScanner.scan("""
                <script>
                  !function(f,b,e,v){ n.src='https://connect.facebook.net/en_US/fbevents.js'; }();
                  var again = "connect.facebook.net"; document.cookie = "x=1"; window.location.href;
                </script>""", BASE, TRACKERS);
        assertEquals(1, found.size());
        assertEquals("inline-script", found.get(0).source());
        assertEquals("https://connect.facebook.net/", found.get(0).url());
        assertTrue(found.get(0).evidence().contains("connect.facebook.net"));
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.of("script", "iframe", "img", "embed", "source", "video", "audio");
    }

    @Property
    void gatedElementsNeverLoad(@ForAll("tags") String tag, @ForAll("hosts") String host, @ForAll boolean extraAttribute) {
        String html = "<" + tag + (extraAttribute ? " class=\"x\"" : "") + " data-consent-gated data-consent-category=\"marketing\""
                + " data-consent-service=\"s\" data-consent-src=\"https://" + host + "/a\"" + (tag.equals("script") ? " type=\"text/plain\"" : "")
                + "></" + tag + ">";
        assertEquals(List.of(), scan(html));
    }

    @Property
    void activeScriptSourceIsAlwaysListed(@ForAll("hosts") String host, @ForAll("scriptTypes") String type) {
        String html = "<script" + type + " src=\"https://" + host + "/t.js\"></script>";
        assertEquals(List.of("script-src https://" + host + "/t.js"), scan(html));
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10).list().ofMinSize(2).ofMaxSize(4)
                .map(l -> String.join(".", l));
    }

    @Provide
    Arbitrary<String> scriptTypes() {
        return Arbitraries.of("", " type=\"\"", " type=\"text/javascript\"", " type=\"module\"", " TYPE=\"Application/JavaScript\"",
                " type=\"text/javascript; charset=utf-8\"");
    }
}
