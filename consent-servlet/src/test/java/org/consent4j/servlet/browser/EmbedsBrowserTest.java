package org.consent4j.servlet.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.records.ConsentRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Click-to-load placeholders and per-service choices in a real headless Chromium: the test site's
 * {@code /embeds} page (two YouTube players, an advert video, an ad pixel) behind the real consent
 * filter, every host mapped to the loopback address, the players served by the tracker stand-in.
 */
final class EmbedsBrowserTest {

    // youtube.com is HSTS-preloaded in Chromium, so the plain-HTTP stand-ins use youtube-nocookie.com hosts.
    private static final String LAUNCH = "youtube-nocookie.com/embed/launch01";
    private static final String WORKSHOP = "www.youtube-nocookie.com/embed/workshop02";
    private static final String HOME_VIDEO = "www.youtube-nocookie.com/embed/abc";
    private static final String ADS = "ads-tracker.test";
    private static final String YOUTUBE_PH = ".c4j-ph[data-consent-for=youtube]";
    private static final Map<String, String> ENGLISH = Map.of("Accept-Language", "en");

    private static BrowserSite env;
    private static Browser browser;
    private static TrackerServer trackers;
    private static TestSite site;

    @BeforeAll
    static void start() throws Exception {
        env = BrowserSite.startIfInstalled();
        if (env != null) {
            browser = env.browser();
            trackers = env.trackers();
            site = env.site();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            env.stop();
        }
    }

    @BeforeEach
    void freshVisitor() {
        Browser.requireInstalled();
        env.reset();
    }

    // ---- helpers ---------------------------------------------------------------------------------


    private static void click(String css) {
        press(browser.waitFor(css));
    }

    /** Clicks an element once scrolled to the middle of its scroll box, clear of the sticky action row. */
    private static void press(WebElement element) {
        browser.js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** A French visitor (opt-in) who refuses everything on the first layer of {@code path}. */
    private static void refuseOn(String path, Map<String, String> headers) {
        env.headersIn("fr", headers);
        browser.open(site.url("fr", path));
        click(".c4j-first [data-act=none]");
        browser.waitFor(".c4j-reopen-btn");
        assertEquals(List.of(ConsentMethod.REJECT_ALL), site.records());
    }

    private static List<WebElement> placeholders(String css, int count) {
        return browser.waitUntil(count + " placeholders " + css, d -> {
            List<WebElement> found = browser.findAll(css);
            return found.size() == count ? found : null;
        });
    }

    private static void waitForHits(String... expected) {
        try {
            browser.waitUntil("tracker hits " + List.of(expected), d -> trackers.hits().containsAll(List.of(expected)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected tracker hits " + List.of(expected) + " but got " + trackers.hits(), e);
        }
    }

    private static void assertNoHits(String... fragments) {
        for (String hit : trackers.hits()) {
            for (String f : fragments) {
                assertFalse(hit.contains(f), "tracker request " + hit);
            }
        }
    }

    private static void settle() throws InterruptedException {
        browser.waitUntil("page loaded", d -> "complete".equals(browser.js("return document.readyState")));
        browser.waitUntil("banner started", d -> Boolean.TRUE.equals(browser.js("return !!document.getElementById('consent4j')")));
        Thread.sleep(400);
    }

    private static String hidden(String css) {
        return String.valueOf(browser.js("return getComputedStyle(document.querySelector(arguments[0])).display", css));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastConsentUpdate() {
        return (Map<String, Object>) browser.js("const u = (window.dataLayer || []).filter(a => a[0] === 'consent'"
                + " && a[1] === 'update'); return u.length ? u[u.length - 1][2] : null");
    }

    // ---- tests -----------------------------------------------------------------------------------

    @Test
    void youtubeWhenMarketingRefusedThenPlaceholderLoadsOnceThenAlwaysAllowedForEveryPlayerAndTheNextPage() throws Exception {
        refuseOn("/embeds", ENGLISH);
        List<WebElement> youtube = placeholders(YOUTUBE_PH, 2);
        placeholders(".c4j-ph[data-consent-for=ad-pixel]", 1);
        settle();
        assertEquals(List.of(), trackers.hits(), "no third-party request before a click");

        // What the placeholder says and offers, in place of the player and at its size.
        WebElement first = youtube.get(0);
        assertEquals("group", first.getAttribute("role"));
        assertEquals("Blocked content: YouTube \u2013 Launch video", first.getAttribute("aria-label"));
        String text = first.getText();
        assertTrue(text.contains("YouTube") && text.contains("Google LLC"), text);
        assertTrue(text.contains("Loading the video sends your IP address to Google"), text);
        assertEquals(List.of("Load this once", "Always allow YouTube"),
                first.findElements(org.openqa.selenium.By.cssSelector("button")).stream().map(WebElement::getText).toList());
        WebElement open = first.findElement(org.openqa.selenium.By.cssSelector("a[data-act=open]"));
        assertEquals("Open on YouTube", open.getText());
        assertEquals("https://www.youtube.com/watch?v=launch01", open.getAttribute("href"));
        assertNull(open.getDomAttribute("target"), "a plain link, in the same tab");
        assertTrue(first.findElement(org.openqa.selenium.By.cssSelector("a[href='https://policies.google.com/privacy']"))
                .isDisplayed());
        Rectangle box = first.getRect();
        assertTrue(Math.abs(box.width - 564) <= 4, "as wide as the 560 px player and its border: " + box.width);
        assertTrue(box.height >= 315, "at least as high as the player: " + box.height);
        assertEquals("none", hidden("iframe[title='Launch video']"));
        browser.screenshot("20-embeds-placeholders");
        assertEquals(List.of(), Axe.load().violations(browser), "axe-core violations with placeholders");

        // "Load this once", from the keyboard: this player only; the stored choice stays as it was.
        WebElement once = first.findElement(org.openqa.selenium.By.cssSelector("button[data-act=once]"));
        browser.js("arguments[0].focus()", once);
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        waitForHits(LAUNCH);
        placeholders(YOUTUBE_PH, 1);
        assertEquals("IFRAME", browser.js("return document.activeElement.tagName"), "focus moves to the loaded player");
        assertEquals("YouTube is loaded.", browser.js("return document.querySelector('.c4j-sr').textContent"));
        assertNull(browser.find("iframe[title='Launch video']").getDomAttribute("srcdoc"));
        Thread.sleep(300);
        assertFalse(trackers.hits().contains(WORKSHOP), trackers.hits()::toString);
        assertNoHits(ADS);
        assertEquals(List.of(ConsentMethod.REJECT_ALL), site.records(), "loading once records nothing");
        trackers.reset();
        browser.open(site.url("fr", "/embeds"));
        placeholders(YOUTUBE_PH, 2);
        settle();
        assertEquals(List.of(), trackers.hits(), "after a reload both players are blocked again");

        // "Always allow YouTube": every YouTube player on the page, a YouTube-only grant, recorded.
        browser.find(YOUTUBE_PH + " button[data-act=always]").click();
        waitForHits(LAUNCH, WORKSHOP);
        placeholders(YOUTUBE_PH, 0);
        placeholders(".c4j-ph[data-consent-for=ad-pixel]", 1);
        assertEquals(List.of(ConsentMethod.REJECT_ALL, ConsentMethod.CUSTOM), site.records());
        ConsentRecord grant = site.recordsWritten().get(1);
        assertEquals(Map.of("youtube", Choice.GRANTED), grant.services());
        assertEquals(Map.of("functional", Choice.DENIED, "analytics", Choice.DENIED, "marketing", Choice.DENIED),
                grant.categories());
        assertEquals("en", grant.locale());
        assertEquals("denied", lastConsentUpdate().get("ad_storage"), "a YouTube grant is not a marketing grant");
        Thread.sleep(300);
        assertNoHits(ADS);

        // The next page arrives with YouTube live and the other marketing still inert.
        trackers.reset();
        browser.open(site.url("fr", "/embeds"));
        settle();
        waitForHits(LAUNCH, WORKSHOP);
        assertEquals(0, browser.findAll("iframe[data-consent-gated]").size());
        assertEquals(0, browser.findAll(YOUTUBE_PH).size());
        assertEquals(1, browser.findAll("video[data-consent-gated]").size());
        placeholders(".c4j-ph[data-consent-for=ad-pixel]", 1);
        browser.open(site.url("fr", "/"));
        settle();
        waitForHits(HOME_VIDEO);
        assertNoHits(ADS, "segmetrics", "googletagmanager");
    }

    @Test
    void placeholderWhenFrenchThenFrenchTextsAndTheServicesFrenchConsentText() throws Exception {
        refuseOn("/embeds", Map.of("Accept-Language", "fr-FR,fr;q=0.9"));
        WebElement first = placeholders(YOUTUBE_PH, 2).get(0);
        assertEquals("fr", first.getAttribute("lang"));
        String text = first.getText();
        assertTrue(text.contains("Charger la vidéo transmet votre adresse IP à Google"), text);
        assertEquals(List.of("Charger cette fois", "Toujours autoriser YouTube"),
                first.findElements(org.openqa.selenium.By.cssSelector("button")).stream().map(WebElement::getText).toList());
        assertEquals("Ouvrir sur YouTube", first.findElement(org.openqa.selenium.By.cssSelector("a[data-act=open]")).getText());
        // The advert's service has no consent text: the generic sentence, in French.
        String advert = browser.find(".c4j-ph[data-consent-for=ad-pixel]").getText();
        assertTrue(advert.contains("Ce contenu est fourni par Ads Tracker"), advert);
        assertEquals(List.of(), Axe.load().violations(browser), "axe-core violations with French placeholders");
    }

    @Test
    void acceptAllWhenIframeHasTheGatesSrcdocPlaceholderThenSrcdocRemovedAndPlayerLoads() throws Exception {
        env.headersIn("fr", ENGLISH);
        browser.open(site.url("fr", "/"));
        browser.waitFor(".c4j-first[role=dialog]");
        WebElement frame = browser.find("iframe[title='Product video']");
        assertTrue(frame.getDomAttribute("srcdoc").contains("YouTube"), "the gate's no-script placeholder is there");
        assertEquals(List.of(), trackers.hits().stream().filter(h -> h.contains("youtube")).toList());
        click(".c4j-first [data-act=all]");
        waitForHits(HOME_VIDEO);
        assertNull(frame.getDomAttribute("srcdoc"), "srcdoc would win over src");
        assertNull(frame.getDomAttribute("data-consent-placeholder"));
        assertTrue(frame.getAttribute("src").endsWith("/embed/abc"), frame.getAttribute("src"));
        assertEquals(0, browser.findAll(".c4j-ph").size());
        // What the frame shows is the player, not the placeholder page.
        browser.driver().switchTo().frame(frame);
        try {
            assertEquals("Embedded video", browser.find("p").getText());
        } finally {
            browser.driver().switchTo().defaultContent();
        }
    }

    @Test
    void secondLayerWhenServiceSwitchedOnInRefusedCategoryThenPerServiceGrantAndSwitchesStayConsistent() throws Exception {
        refuseOn("/embeds", ENGLISH);
        placeholders(YOUTUBE_PH, 2);
        click(".c4j-reopen-btn");
        browser.waitFor(".c4j-second");
        browser.js("document.querySelectorAll('.c4j details').forEach(d => d.open = true)");
        WebElement marketing = browser.find("input[data-cat=marketing]");
        WebElement youtube = browser.find("input[data-svc=youtube]");
        assertFalse(marketing.isSelected());
        assertFalse(youtube.isSelected());
        assertEquals("Allow YouTube", youtube.getAccessibleName());
        assertEquals("switch", youtube.getAriaRole());
        assertEquals(0, browser.findAll("input[data-svc=container-session]").size(), "necessary services have no switch");
        press(youtube);
        assertTrue(youtube.isSelected());
        assertFalse(marketing.isSelected(), "one service on leaves its category off");
        click(".c4j-second [data-act=save]");
        waitForHits(LAUNCH, WORKSHOP);
        assertEquals(List.of(ConsentMethod.REJECT_ALL, ConsentMethod.CUSTOM), site.records());
        assertEquals(Map.of("youtube", Choice.GRANTED), site.recordsWritten().get(1).services());
        assertEquals(Choice.DENIED, site.recordsWritten().get(1).categories().get("marketing"));
        Thread.sleep(300);
        assertNoHits(ADS);

        // Reopened: the grant shows; the category takes its services along; a service off turns the category off.
        click(".c4j-reopen-btn");
        browser.waitFor(".c4j-second");
        browser.js("document.querySelectorAll('.c4j details').forEach(d => d.open = true)");
        marketing = browser.find("input[data-cat=marketing]");
        assertTrue(browser.find("input[data-svc=youtube]").isSelected());
        assertFalse(browser.find("input[data-svc=meta-pixel]").isSelected());
        press(marketing);
        assertTrue(browser.findAll("input[data-svc-cat=marketing]").stream().allMatch(WebElement::isSelected));
        press(browser.find("input[data-svc=meta-pixel]"));
        assertFalse(marketing.isSelected());
        assertTrue(browser.find("input[data-svc=ad-pixel]").isSelected());
        click(".c4j-second [data-act=save]");
        browser.waitUntil("third record", d -> site.records().size() == 3);
        ConsentRecord last = site.recordsWritten().get(2);
        assertEquals(Choice.DENIED, last.categories().get("marketing"));
        assertEquals(Choice.GRANTED, last.services().get("youtube"));
        assertEquals(Choice.GRANTED, last.services().get("ad-pixel"));
        assertFalse(last.services().containsKey("meta-pixel"), last.services()::toString);
        waitForHits("media.ads-tracker.test/clip.mp4");
    }
}
