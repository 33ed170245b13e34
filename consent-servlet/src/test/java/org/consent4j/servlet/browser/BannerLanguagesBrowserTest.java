package org.consent4j.servlet.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WebElement;

/**
 * Each language added beyond English, French, German and Spanish, in real Chromium: chosen from
 * {@code Accept-Language}, shown in both layers, marked with its {@code lang}, and clean under axe-core.
 */
final class BannerLanguagesBrowserTest {

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

    private static JsonNode texts(String language) throws IOException {
        try (InputStream in = BannerLanguagesBrowserTest.class.getResourceAsStream(
                "/org/consent4j/servlet/banner/i18n/" + language + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"it", "pt", "pt-BR", "nl", "pl", "sv", "da"})
    void bannerWhenLanguageNegotiatedThenTranslatedInBothLayersAndNoAxeViolation(String language) throws Exception {
        Browser.requireInstalled();
        Axe axe = Axe.load();
        JsonNode t = texts(language);
        env.reset();
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Accept-Language", language + ";q=0.9,en;q=0.5"));
        headers.putAll(TestSite.location("fr"));
        browser.headers(headers);
        browser.open(site.url("fr", "/"));
        browser.waitFor(".c4j-first[role=dialog]");
        assertEquals(t.get("title").asText(), browser.find("#c4j-title").getText());
        assertEquals(language, browser.find("#consent4j").getAttribute("lang"));
        assertEquals(List.of(t.get("acceptAll").asText(), t.get("rejectAll").asText(), t.get("customise").asText()),
                browser.findAll(".c4j-first .c4j-actions button").stream().map(WebElement::getText).toList());
        Map<String, List<String>> found = new LinkedHashMap<>();
        found.put("first layer", axe.violations(browser));
        browser.waitFor(".c4j-first [data-act=custom]").click();
        browser.waitFor(".c4j-second");
        browser.js("document.querySelectorAll('.c4j details').forEach(d => d.open = true)");
        found.put("second layer", axe.violations(browser));
        found.values().removeIf(List::isEmpty);
        assertEquals(Map.of(), found, "axe-core violations in " + language);
        assertEquals(List.of(), trackers.hits(), "no tracker request before a choice");
    }

    @org.junit.jupiter.api.Test
    void switcherWhenOtherLanguagePickedThenLayerTranslatedInPlaceSwitchesKeptAndNextPagesFollow() throws Exception {
        Browser.requireInstalled();
        Axe axe = Axe.load();
        JsonNode fr = texts("fr");
        JsonNode de = texts("de");
        env.reset();
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Accept-Language", "fr-FR,fr;q=0.9"));
        headers.putAll(TestSite.location("fr"));
        browser.headers(headers);
        browser.open(site.url("fr", "/"));
        browser.waitFor(".c4j-first [data-act=custom]").click();
        browser.waitFor(".c4j-second");
        assertEquals(fr.get("settingsTitle").asText(), browser.find("#c4j-title").getText());
        WebElement analytics = browser.find("#c4j-sw-analytics");
        org.junit.jupiter.api.Assertions.assertFalse(analytics.isSelected());
        analytics.click(); // changed, not saved

        WebElement select = browser.find("#c4j-lang");
        assertEquals(fr.get("language").asText(), browser.find("label[for=c4j-lang]").getText());
        assertEquals("fr", select.getAttribute("value"));
        new org.openqa.selenium.support.ui.Select(select).selectByValue("de");
        browser.driver().findElement(org.openqa.selenium.By.cssSelector("#c4j-lang")); // still there after the swap
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10)).until(
                d -> de.get("settingsTitle").asText().equals(d.findElement(org.openqa.selenium.By.id("c4j-title")).getText()));
        assertEquals("de", browser.find("#consent4j").getAttribute("lang"));
        org.junit.jupiter.api.Assertions.assertTrue(browser.find("#c4j-sw-analytics").isSelected(),
                "the unsaved switch survives the change of language");
        assertEquals("c4j-lang", browser.focused().getAttribute("id"), "focus stays on the switcher");
        assertEquals("de", browser.driver().manage().getCookieNamed("consent4j_lang").getValue());
        browser.js("document.querySelectorAll('.c4j details').forEach(d => d.open = true)");
        assertEquals(List.of(), axe.violations(browser), "axe-core on the switched layer");
        assertEquals(List.of(), site.records(), "switching the language is no choice");

        browser.open(site.url("fr", "/other"));
        browser.waitFor(".c4j-first[role=dialog]");
        assertEquals(de.get("title").asText(), browser.find("#c4j-title").getText(), "the next page follows the pick");
        browser.open(site.url("fr", "/consent/cookies"));
        assertEquals("de", browser.find("html").getAttribute("lang"), "so does the declaration");
        browser.find(".c4j-decl-langs a[hreflang=fr]").click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10)).until(
                d -> "fr".equals(d.findElement(org.openqa.selenium.By.tagName("html")).getAttribute("lang")));
        assertEquals("fr", browser.driver().manage().getCookieNamed("consent4j_lang").getValue(),
                "the declaration's own switcher remembers the pick too");
    }
}
