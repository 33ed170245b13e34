package org.consent4j.servlet.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consent4j.core.decision.ConsentMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The banner in a real headless Chromium against a shop on embedded Jetty behind the real consent
 * filter (endpoints, signed cookie, Set-Cookie gate, banner assets), whose trackers point at a
 * counting server on the loopback address. One browser serves every test; each starts as a fresh
 * visitor. Screenshots of each state go to target/screenshots.
 */
final class BannerBrowserTest {

    private static final String GTAG = "www.googletagmanager.com/gtag/js";
    // facebook.com is HSTS-preloaded in Chromium, so a plain-HTTP stand-in must use another host.
    private static final String PIXEL = "pixel.ads-tracker.test/tr";
    private static final String VIDEO = "www.youtube-nocookie.com/embed/abc";
    private static final String SEGMETRICS = "cdn.segmetrics.com/sm.js";
    private static final Map<String, String> FRENCH = Map.of("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5");

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

    private static WebElement openBanner(String where, Map<String, String> headers) {
        env.headersIn(where, headers);
        browser.open(site.url(where, "/"));
        return browser.waitFor(".c4j-first[role=dialog]");
    }


    private static void click(String css) {
        browser.waitFor(css).click();
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> order() {
        Object o = browser.js("return window.__order || []");
        return (List<String>) o;
    }

    /** Waits until the page has loaded and the banner has started, then a little for stray requests. */
    private static void settle() throws InterruptedException {
        browser.waitUntil("page loaded", d -> "complete".equals(browser.js("return document.readyState")));
        browser.waitUntil("banner started", d -> Boolean.TRUE.equals(browser.js("return !!document.getElementById('consent4j')")));
        Thread.sleep(400);
    }

    private static void waitForHits(String... expected) {
        try {
            browser.waitUntil("tracker hits " + List.of(expected), d -> trackers.hits().containsAll(List.of(expected)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected tracker hits " + List.of(expected) + " but got " + trackers.hits(), e);
        }
    }

    private static void assertNoTrackerHits(String... hosts) {
        for (String hit : trackers.hits()) {
            for (String host : hosts) {
                assertFalse(hit.startsWith(host), "tracker request " + hit);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> resourcesOffSite(String where) {
        List<String> all = (List<String>) browser.js("return performance.getEntriesByType('resource').map(e => e.name)");
        String origin = site.url(where, "");
        return all.stream().filter(url -> !url.startsWith(origin)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> consentCommands() {
        return (List<Map<String, Object>>) browser.js("return (window.dataLayer || []).filter(a => a[0] === 'consent')"
                + ".map(a => ({command: a[1], values: a[2]}))");
    }

    private static void tabUntil(String css, int max) {
        Actions keys = new Actions(browser.driver());
        for (int i = 0; i < max; i++) {
            assertFocusNotObscured();
            if (Boolean.TRUE.equals(browser.js("return document.activeElement.matches(arguments[0])", css))) {
                return;
            }
            keys.sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + css + "; focus is on " + browser.js("return document.activeElement.outerHTML"));
    }

    /** WCAG 2.2 SC 2.4.11: the focused control is not hidden under the dialog's sticky action row. */
    private static void assertFocusNotObscured() {
        Object hidden = browser.js("const e = document.activeElement, row = document.querySelector('.c4j-dialog .c4j-actions');"
                + "if (!row || row.contains(e) || !e.closest('.c4j-dialog')) return null;"
                + "const r = e.getBoundingClientRect(), a = row.getBoundingClientRect();"
                + "return r.top >= a.top ? e.outerHTML.slice(0, 80) : null;");
        assertNull(hidden, "focused control hidden under the action row");
    }

    private static boolean hasCookie(String name) {
        return browser.driver().manage().getCookieNamed(name) != null;
    }

    private static void press(CharSequence key) {
        new Actions(browser.driver()).sendKeys(key).perform();
    }

    private static String focusedSelector() {
        return (String) browser.js("const e = document.activeElement;"
                + "return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.dataset.act ? '[data-act=' + e.dataset.act + ']' : '')"
                + " + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')");
    }

    // ---- scenarios -------------------------------------------------------------------------------

    @Test
    void firstVisitWhenInFranceThenFrenchBannerAndNoTrackerRequest() throws Exception {
        WebElement dialog = openBanner("fr", FRENCH);
        settle();
        assertEquals("Nous respectons votre vie privée", browser.find("#c4j-title").getText());
        assertEquals("true", dialog.getAttribute("aria-modal"));
        assertEquals("fr", browser.find("#consent4j").getAttribute("lang"));
        List<WebElement> buttons = browser.findAll(".c4j-first .c4j-actions button");
        assertEquals(List.of("Tout accepter", "Tout refuser", "Personnaliser"), texts(buttons));
        Rectangle first = buttons.get(0).getRect();
        for (WebElement b : buttons) {
            for (String property : List.of("background-color", "color", "font-size", "font-weight", "border-top-width", "border-top-color")) {
                assertEquals(buttons.get(0).getCssValue(property), b.getCssValue(property), property + " of " + b.getText());
            }
            assertEquals(first.height, b.getRect().height, "height of " + b.getText());
            assertTrue(Math.abs(first.width - b.getRect().width) <= 1, "width of " + b.getText());
        }
        Map<String, String> links = new LinkedHashMap<>();
        browser.findAll(".c4j-first .c4j-links a").forEach(a -> links.put(a.getText(), a.getDomAttribute("href")));
        assertEquals(Map.of("Déclaration relative aux cookies", "/consent/cookies", "Politique de confidentialité", "/privacy"), links);
        assertTrue(dialog.equals(browser.focused()), "focus moved into the dialog");

        assertEquals(List.of(), trackers.hits(), "no request may reach a tracker before a choice");
        assertEquals(List.of(), resourcesOffSite("fr"), "no resource may be loaded from another host");
        assertFalse(hasCookie("lang"), "the Set-Cookie gate dropped the page's functional cookie");
        assertFalse(hasCookie("consent4j"), "no consent cookie before a choice");
        assertEquals(3, browser.findAll("script[type='text/plain'][data-consent-gated]").size());
        assertNull(browser.find("iframe[data-consent-gated]").getDomAttribute("src"));
        List<Map<String, Object>> commands = consentCommands();
        assertEquals(1, commands.size());
        assertEquals("default", commands.get(0).get("command"));
        assertEquals("denied", ((Map<?, ?>) commands.get(0).get("values")).get("analytics_storage"));
        assertEquals(500L, ((Map<?, ?>) commands.get(0).get("values")).get("wait_for_update"));
        browser.screenshot("01-banner-first-layer-fr");
    }

    @Test
    void firstVisitWhenEnglishSpeakerInGermanyThenEnglishBannerAndNoTrackerRequest() throws Exception {
        openBanner("de", Map.of("Accept-Language", "en-GB,en;q=0.9,de;q=0.5"));
        settle();
        assertEquals("We respect your privacy", browser.find("#c4j-title").getText());
        assertEquals(List.of("Accept all", "Reject all", "Customise"), texts(browser.findAll(".c4j-first .c4j-actions button")));
        assertEquals(List.of(), trackers.hits());
        browser.screenshot("00-banner-first-layer-en");
    }

    @Test
    void rejectAllWhenClickedThenNoTrackerEverOnAnyPage() throws Exception {
        openBanner("fr", FRENCH);
        click(".c4j-first [data-act=none]");
        browser.waitGone(".c4j-dialog");
        assertEquals("Paramètres de confidentialité", browser.waitFor(".c4j-reopen-btn").getText());
        assertEquals(List.of(ConsentMethod.REJECT_ALL), site.records());
        assertTrue(browser.driver().manage().getCookieNamed("consent4j").isHttpOnly(), "the signed choice is HttpOnly");
        assertFalse(((String) browser.js("return document.cookie")).contains("consent4j"));
        browser.open(site.url("fr", "/other"));
        browser.waitFor(".c4j-reopen-btn");
        settle();
        assertTrue(browser.findAll(".c4j-dialog").isEmpty(), "no banner once the visitor has chosen");
        assertFalse(hasCookie("lang"), "functional cookies stay refused");
        assertEquals(List.of(), trackers.hits());
        assertEquals(List.of(), resourcesOffSite("fr"));
        assertEquals(List.of(), order());
        browser.screenshot("02-after-reject-all");
    }

    @Test
    void acceptAllWhenClickedThenGatedElementsRunInDocumentOrderWithoutReload() throws Exception {
        openBanner("fr", FRENCH);
        browser.js("window.__sameDocument = true");
        click(".c4j-first [data-act=all]");
        browser.waitGone(".c4j-dialog");
        waitForHits(GTAG, PIXEL, VIDEO, SEGMETRICS);
        browser.waitUntil("three scripts ran", d -> order().size() == 3);
        // The library is served 300 ms late: the inline snippet after it must still run after it.
        assertEquals(List.of("gtag-lib", "ga-inline:true", "segmetrics"), order());
        assertEquals(Boolean.TRUE, browser.js("return window.__sameDocument === true"), "activated in place, no reload");
        assertTrue(browser.findAll("[data-consent-gated]").isEmpty());
        assertTrue(browser.find("iframe[title='Product video']").getDomAttribute("src").endsWith("/embed/abc"));
        assertEquals(List.of(ConsentMethod.ACCEPT_ALL), site.records());
        List<Map<String, Object>> commands = consentCommands();
        assertEquals(List.of("default", "update"), commands.stream().map(c -> c.get("command")).toList());
        Map<?, ?> update = (Map<?, ?>) commands.get(1).get("values");
        for (String type : List.of("ad_storage", "ad_user_data", "ad_personalization", "analytics_storage",
                "functionality_storage", "personalization_storage", "security_storage")) {
            assertEquals("granted", update.get(type), type);
        }
        browser.screenshot("03-after-accept-all");

        trackers.reset();
        browser.open(site.url("fr", "/other"));
        browser.waitFor(".c4j-reopen-btn");
        waitForHits(GTAG, PIXEL, VIDEO, SEGMETRICS);
        assertTrue(browser.findAll(".c4j-dialog").isEmpty(), "no banner once the visitor has chosen");
        assertTrue(hasCookie("lang"), "the Set-Cookie gate now lets the functional cookie through");
    }

    @Test
    void customiseWhenOnlyAnalyticsSwitchedOnThenOnlyAnalyticsRuns() throws Exception {
        openBanner("fr", FRENCH);
        click(".c4j-first [data-act=custom]");
        browser.waitFor(".c4j-second[role=dialog]");
        assertEquals("Paramètres de confidentialité", browser.find("#c4j-title").getText());
        WebElement necessary = browser.find("#c4j-sw-necessary");
        assertTrue(necessary.isSelected() && !necessary.isEnabled(), "necessary is on and locked");
        for (String category : List.of("functional", "analytics", "marketing")) {
            WebElement s = browser.find("#c4j-sw-" + category);
            assertFalse(s.isSelected(), category + " must not be pre-ticked");
            assertEquals("switch", s.getDomAttribute("role"));
        }
        WebElement analytics = browser.find("#c4j-sw-analytics").findElement(org.openqa.selenium.By.xpath("ancestor::li"));
        analytics.findElement(org.openqa.selenium.By.cssSelector("summary")).click();
        String services = analytics.findElement(org.openqa.selenium.By.cssSelector("details")).getText();
        assertTrue(services.contains("Google Analytics 4") && services.contains("Google LLC") && services.contains("_ga")
                && services.contains("2 ans") && services.contains("États-Unis (EU-US Data Privacy Framework)"), services);
        browser.screenshot("04-second-layer-fr");
        browser.js("document.querySelector('#c4j-sw-functional').closest('li').querySelector('details').open = true");
        WebElement chat = browser.findAll(".c4j-svc").stream().filter(e -> e.getText().startsWith("Chat widget")).findFirst().orElseThrow();
        assertEquals(List.of("Fournisseur", "Données transférées vers", "Cookies"),
                texts(chat.findElements(org.openqa.selenium.By.cssSelector("dt"))), "a service without purposes has no Purposes row");
        assertEquals(Boolean.TRUE, browser.js("return Array.from(arguments[0].querySelector('dl').childNodes).every(n => n.nodeType === 1)", chat));

        WebElement label = browser.find("label[for=c4j-sw-analytics]");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", label);
        label.click();
        assertTrue(browser.find("#c4j-sw-analytics").isSelected());
        click(".c4j-second [data-act=save]");
        browser.waitGone(".c4j-dialog");
        waitForHits(GTAG);
        browser.waitUntil("analytics ran", d -> order().size() == 2);
        settle();
        assertEquals(List.of("gtag-lib", "ga-inline:true"), order());
        assertNoTrackerHits("pixel.ads-tracker.test", "www.youtube-nocookie.com", "cdn.segmetrics.com");
        assertEquals(List.of(ConsentMethod.CUSTOM), site.records());
        Map<?, ?> update = (Map<?, ?>) consentCommands().get(1).get("values");
        assertEquals("granted", update.get("analytics_storage"));
        assertEquals("denied", update.get("ad_storage"));
    }

    @Test
    void withdrawalWhenReopenedAndRejectedThenPageReloadsAndTrackerCookiesAreCleared() throws Exception {
        openBanner("fr", FRENCH);
        click(".c4j-first [data-act=all]");
        browser.waitUntil("tracker cookies set", d -> d.manage().getCookieNamed("_ga") != null
                && d.manage().getCookieNamed("sm_uid") != null);
        browser.open(site.url("fr", "/other"));
        browser.waitFor(".c4j-reopen-btn");
        assertTrue(hasCookie("lang"));
        waitForHits(GTAG, SEGMETRICS);
        long expiredBefore = site.filter().stats().cookiesExpired();
        browser.js("window.__sameDocument = true");

        click(".c4j-reopen-btn");
        browser.waitFor(".c4j-second[role=dialog]");
        assertTrue(browser.find("#c4j-sw-analytics").isSelected(), "the switches show the current choice");
        assertTrue(browser.find("#c4j-sw-marketing").isSelected());
        browser.screenshot("05-reopened-settings");
        int hitsBefore = trackers.hits().size();
        click(".c4j-second [data-act=none]");

        browser.waitUntil("page reloaded", d -> Boolean.TRUE.equals(browser.js(
                "return window.__sameDocument === undefined && document.readyState === 'complete'")));
        browser.waitFor(".c4j-reopen-btn");
        settle();
        assertNull(browser.driver().manage().getCookieNamed("_ga"), "the server expired the analytics cookie");
        assertNull(browser.driver().manage().getCookieNamed("sm_uid"), "the server expired the SegMetrics cookie");
        assertNull(browser.driver().manage().getCookieNamed("lang"), "the server expired the functional cookie");
        assertTrue(site.filter().stats().cookiesExpired() >= expiredBefore + 3, "expired by the filter: "
                + site.filter().stats());
        assertEquals(List.of(ConsentMethod.ACCEPT_ALL, ConsentMethod.WITHDRAWAL), site.records());
        assertEquals(hitsBefore, trackers.hits().size(), "nothing reached a tracker after the withdrawal");
        assertEquals(List.of(), order());
        assertEquals(3, browser.findAll("script[type='text/plain'][data-consent-gated]").size());
    }

    @Test
    void californiaWhenGpcThenNoBannerButOptOutLinkAndHonouredSignal() throws Exception {
        env.headersIn("ca", Map.of("Accept-Language", "en-US,en;q=0.9", "Sec-GPC", "1"));
        browser.open(site.url("ca", "/"));
        WebElement link = browser.waitFor(".c4j-reopen-btn");
        settle();
        assertTrue(browser.findAll(".c4j-dialog").isEmpty(), "no banner in an opt-out regime");
        assertEquals("Do not sell or share my personal information", link.getText());
        assertEquals("Opt-Out Request Honored", browser.find(".c4j-gpc").getText());
        waitForHits(GTAG);
        assertNoTrackerHits("pixel.ads-tracker.test", "www.youtube-nocookie.com", "cdn.segmetrics.com");
        browser.screenshot("06-us-ca-gpc-link");

        link.click();
        browser.waitFor(".c4j-second[role=dialog]");
        assertEquals("Your privacy choices", browser.find("#c4j-title").getText());
        assertTrue(browser.find(".c4j-note").getText().contains("Global Privacy Control"));
        assertTrue(browser.find("#c4j-sw-analytics").isSelected());
        assertFalse(browser.find("#c4j-sw-marketing").isSelected());
        assertTrue(browser.find("#c4j-sw-marketing-d").getText().contains("Global Privacy Control"));
        assertEquals(List.of("Opt out of all", "Save my choices"), texts(browser.findAll(".c4j-second .c4j-actions button")));
        browser.screenshot("07-us-ca-choices");

        browser.js("window.__sameDocument = true");
        click(".c4j-second [data-act=none]");
        browser.waitUntil("page reloaded after opting out", d -> Boolean.TRUE.equals(browser.js(
                "return window.__sameDocument === undefined && document.readyState === 'complete'")));
        browser.waitFor(".c4j-reopen-btn");
        assertEquals(List.of(ConsentMethod.REJECT_ALL), site.records());
        assertEquals(List.of(), order(), "analytics stops after the opt-out");
    }

    @Test
    void keyboardWhenOnlyKeysUsedThenFocusTrappedVisibleAndChoiceSaved() throws Exception {
        openBanner("fr", FRENCH);
        assertEquals("div.c4j-dialog.c4j-first.c4j-enter", focusedSelector(), "focus moved into the dialog");
        List<String> ring = List.of("a", "a", "select#c4j-lang.c4j-lang-select", "button[data-act=all].c4j-btn",
                "button[data-act=none].c4j-btn",
                "button[data-act=custom].c4j-btn", "a");
        for (String expected : ring) {
            press(Keys.TAB);
            assertEquals(expected, focusedSelector());
        }
        WebElement link = browser.focused();
        assertEquals("solid", link.getCssValue("outline-style"), "visible focus");
        assertEquals("3px", link.getCssValue("outline-width"));
        new Actions(browser.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertEquals("button[data-act=custom].c4j-btn", focusedSelector(), "Shift+Tab wraps to the last control");
        browser.screenshot("08-keyboard-focus");

        press(Keys.ENTER);
        browser.waitFor(".c4j-second");
        tabUntil("#c4j-sw-analytics", 20);
        press(Keys.SPACE);
        assertTrue(browser.find("#c4j-sw-analytics").isSelected());
        press(Keys.ESCAPE);
        browser.waitFor(".c4j-first");
        assertTrue(browser.findAll(".c4j-second").isEmpty(), "Escape closes the second layer");

        tabUntil("[data-act=custom]", 10);
        press(Keys.ENTER);
        browser.waitFor(".c4j-second");
        tabUntil("#c4j-sw-analytics", 20);
        press(Keys.SPACE);
        tabUntil(".c4j-second [data-act=save]", 30);
        press(Keys.ENTER);
        browser.waitGone(".c4j-dialog");
        assertEquals("button.c4j-reopen-btn", focusedSelector(), "focus lands on the control that reopens the choice");
        waitForHits(GTAG);
        assertEquals(List.of(ConsentMethod.CUSTOM), site.records());

        press(Keys.ENTER);
        browser.waitFor(".c4j-second");
        press(Keys.ESCAPE);
        browser.waitGone(".c4j-dialog");
        assertEquals("button.c4j-reopen-btn", focusedSelector(), "focus restored after closing");
    }

    @Test
    void axeWhenEveryStateThenNoViolations() throws Exception {
        Axe axe = Axe.load();
        Map<String, List<String>> found = new LinkedHashMap<>();
        openBanner("fr", FRENCH);
        found.put("first layer", axe.violations(browser));
        click(".c4j-first [data-act=custom]");
        browser.waitFor(".c4j-second");
        browser.js("document.querySelectorAll('.c4j details').forEach(d => d.open = true)");
        found.put("second layer", axe.violations(browser));
        click(".c4j-second [data-act=none]");
        browser.waitFor(".c4j-reopen-btn");
        found.put("after a choice", axe.violations(browser));
        browser.open(site.url("fr", "/consent/cookies"));
        browser.waitFor("#consent4j");
        found.put("cookie declaration", axe.violations(browser));
        browser.reset();
        env.headersIn("ca", Map.of("Accept-Language", "en", "Sec-GPC", "1"));
        browser.open(site.url("ca", "/"));
        browser.waitFor(".c4j-gpc");
        found.put("US-CA with GPC", axe.violations(browser));
        click(".c4j-reopen-btn");
        browser.waitFor(".c4j-second");
        found.put("US-CA choices", axe.violations(browser));
        found.values().removeIf(List::isEmpty);
        assertEquals(Map.of(), found, "axe-core violations");
    }

    @Test
    void narrowScreenWhen320PixelsWideThenNoHorizontalScrollAndEverythingReachable() throws Exception {
        browser.viewport(320, 640, 1);
        WebElement dialog = openBanner("fr", FRENCH);
        assertTrue(((Number) browser.js("return document.documentElement.scrollWidth")).intValue() <= 320);
        Rectangle box = dialog.getRect();
        assertTrue(box.x >= 0 && box.x + box.width <= 320, "dialog within the viewport: " + box.x + "+" + box.width);
        List<WebElement> buttons = browser.findAll(".c4j-first .c4j-actions button");
        for (WebElement b : buttons) {
            Rectangle r = b.getRect();
            assertTrue(r.x >= 0 && r.x + r.width <= 320, b.getText() + " fits");
            assertEquals(buttons.get(0).getRect().x, r.x, "buttons are stacked");
        }
        browser.screenshot("09-first-layer-320px");
        click(".c4j-first [data-act=custom]");
        browser.waitFor(".c4j-second");
        assertTrue(((Number) browser.js("return document.documentElement.scrollWidth")).intValue() <= 320);
        WebElement save = browser.find(".c4j-second [data-act=save]");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", save);
        assertTrue(save.isDisplayed());
        browser.screenshot("10-second-layer-320px");
        save.click();
        browser.waitGone(".c4j-dialog");
        assertEquals(List.of(ConsentMethod.CUSTOM), site.records());
    }

    @Test
    void zoomWhen200PercentThenDialogFitsAndScrolls() throws Exception {
        browser.viewport(640, 450, 2);
        WebElement dialog = openBanner("fr", FRENCH);
        Rectangle box = dialog.getRect();
        assertTrue(box.x >= 0 && box.x + box.width <= 640 && box.y >= 0 && box.y + box.height <= 450,
                "dialog within the zoomed viewport: " + box);
        assertTrue(((Number) browser.js("return document.documentElement.scrollWidth")).intValue() <= 640);
        browser.screenshot("11-first-layer-zoom-200");
        WebElement reject = browser.find(".c4j-first [data-act=none]");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", reject);
        reject.click();
        browser.waitGone(".c4j-dialog");
        assertEquals(List.of(ConsentMethod.REJECT_ALL), site.records());
    }

    @Test
    void reducedMotionWhenPreferredThenNoAnimation() {
        openBanner("fr", FRENCH);
        assertEquals("c4j-in", browser.find(".c4j-dialog").getCssValue("animation-name"));
        browser.reset();
        browser.mediaFeature("prefers-reduced-motion", "reduce");
        openBanner("fr", FRENCH);
        assertEquals("none", browser.find(".c4j-dialog").getCssValue("animation-name"));
        click(".c4j-first [data-act=custom]");
        assertEquals("0s", browser.waitFor(".c4j-switch").getCssValue("transition-duration"));
    }

    @Test
    void manualScriptTagWhenNoInlineStateThenBannerFetchesStateInVisitorLanguage() throws Exception {
        env.headersIn("fr", Map.of("Accept-Language", "de-DE,de;q=0.9"));
        browser.open(site.url("fr", "/m/manual"));
        browser.waitFor(".c4j-first");
        assertTrue(browser.findAll("#consent4j-boot").isEmpty());
        assertEquals(List.of("Alle akzeptieren", "Alle ablehnen", "Anpassen"), texts(browser.findAll(".c4j-first .c4j-actions button")));
        click(".c4j-first [data-act=all]");
        waitForHits(GTAG, SEGMETRICS);
        assertEquals(List.of(ConsentMethod.ACCEPT_ALL), site.records());
        List<Map<String, Object>> commands = consentCommands();
        assertEquals(List.of("update"), commands.stream().map(c -> c.get("command")).toList(),
                "without the data block the mapping comes with the texts, so the update is still sent");
        assertEquals("granted", ((Map<?, ?>) commands.get(0).get("values")).get("ad_storage"));
    }

    @Test
    void declarationPageWhenOpenedThenLocalizedCatalogAndChoiceCanChange() throws Exception {
        env.headersIn("fr", FRENCH);
        browser.open(site.url("fr", "/consent/cookies"));
        browser.waitFor("#consent4j");
        settle();
        assertEquals("Déclaration relative aux cookies", browser.find("h1").getText());
        assertTrue(browser.findAll(".c4j-dialog").isEmpty(), "the declaration is readable without a dialog over it");
        assertEquals(8, browser.findAll("article.c4j-decl-svc").size());
        assertTrue(browser.find("#c4j-svc-segmetrics").findElement(org.openqa.selenium.By.xpath("..")).getText()
                .contains("Tiers (segmetrics.com)"));
        assertEquals(List.of(), trackers.hits());
        browser.screenshot("12-cookie-declaration-fr");
        browser.open(site.url("fr", "/consent/cookies?lang=en"));
        browser.waitFor("#consent4j");
        assertEquals("Cookie declaration", browser.find("h1").getText());
        assertEquals("/consent/cookies?lang=en", browser.find("a[aria-current=page]").getDomAttribute("href"));
        browser.screenshot("12-cookie-declaration-en");
        browser.open(site.url("fr", "/consent/cookies"));
        browser.waitFor("#consent4j");
        WebElement change = browser.find("button[data-consent-open]");
        change.click();
        browser.waitFor(".c4j-second");
        browser.screenshot("13-cookie-declaration-settings");
        click(".c4j-second [data-act=all]");
        browser.waitGone(".c4j-dialog");
        assertTrue(change.equals(browser.focused()), "focus returns to the button that opened the dialog");
        assertEquals(List.of(ConsentMethod.ACCEPT_ALL), site.records());
    }
}
