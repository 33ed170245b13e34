package org.consent4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which of the home page's tags are inert for each visitor: a tag is gated exactly when the page's
 * own decision table denies the service it belongs to, and a gated tag names that service.
 */
final class DemoMarkupTest {

    /** A tag of the home page: the element it is in, a piece of its URL, and the service it belongs to. */
    record Tag(String element, String marker, String service, boolean urlAttribute) {
    }

    static final List<Tag> TAGS = List.of(
            new Tag("script", "https://www.googletagmanager.com/gtag/js", "google-tag-manager", true),
            new Tag("script", "https://www.googletagmanager.com/gtm.js", "google-tag-manager", false),
            new Tag("iframe", "https://www.googletagmanager.com/ns.html", "google-tag-manager", true),
            new Tag("script", "https://connect.facebook.net/en_US/fbevents.js", "meta-pixel", false),
            new Tag("img", "https://www.facebook.com/tr?", "meta-pixel", true),
            new Tag("script", "https://cdn.segment.com/analytics.js", "segment", false),
            new Tag("script", "https://tag.segmetrics.io/", "segmetrics", false),
            new Tag("script", "https://static.hotjar.com/c/hotjar-", "hotjar", false),
            new Tag("script", "https://snap.licdn.com/li.lms-analytics/insight.min.js", "linkedin-insight", false),
            new Tag("img", "https://px.ads.linkedin.com/collect/", "linkedin-insight", true),
            new Tag("iframe", "https://www.youtube.com/embed/", "youtube", true),
            new Tag("iframe", "https://www.google.com/maps/embed?", "google-maps", true),
            new Tag("script", "https://js.stripe.com/v3/", "stripe", true));

    @TempDir
    static Path dir;
    private static DemoServer.Running demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.start(0, dir.resolve("records.jsonl"));
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.stop();
    }

    @ParameterizedTest(name = "{0} gpc={2} {3}")
    @MethodSource("org.consent4j.examples.demo.DemoSiteTest#visitors")
    void tagsAreInertExactlyWhenTheirServiceIsDenied(String location, String regime, boolean gpc,
                                                      DemoSiteTest.ChoiceMade choice, Set<String> cookies,
                                                      Set<String> destinations) throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), location, gpc);
        if (choice != DemoSiteTest.ChoiceMade.NO_CHOICE) {
            visitor.choose(choice.json);
        }
        String page = visitor.get("/").body();
        for (Tag tag : TAGS) {
            boolean denied = DemoSiteTest.decision(page, "service", tag.service()).equals("deny");
            String startTag = startTag(page, tag);
            assertEquals(denied, startTag.contains("data-consent-gated"), tag.marker() + " in " + location + " gpc=" + gpc
                    + " " + choice + ": " + startTag);
            if (denied) {
                assertTrue(startTag.contains("data-consent-service=\"" + tag.service() + "\""), startTag);
                if (tag.urlAttribute()) {
                    assertTrue(startTag.contains("data-consent-src=\"" + tag.marker()), startTag);
                }
                if (tag.element().equals("script")) {
                    assertTrue(startTag.contains("type=\"text/plain\""), startTag);
                }
            }
        }
        String app = startTag(page, new Tag("script", "/assets/app.js", "", true));
        assertTrue(!app.contains("data-consent-gated"), "the first-party script always runs: " + app);
    }

    /** The start tag of the element holding the marker, in an attribute or (for inline scripts) in its text. */
    static String startTag(String page, Tag tag) {
        int at = page.indexOf(tag.marker());
        assertTrue(at >= 0, "the page lost " + tag.marker());
        int open = page.lastIndexOf("<" + tag.element(), at);
        int close = page.indexOf('>', open);
        assertTrue(open >= 0 && close > open, "no <" + tag.element() + "> around " + tag.marker());
        return page.substring(open, close + 1);
    }
}
