package org.consent4j.servlet.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.consent4j.core.decision.ConsentMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/**
 * Refused cookies that a tracker set on the registrable parent domain go after a withdrawal, in real
 * Chromium: the site is visited as {@code www.example.test} (mapped to loopback), and {@code _ga} is
 * set with {@code Domain=.example.test} as Google Analytics does.
 */
final class CookieClearingBrowserTest {

    private static BrowserSite env;
    private static Browser browser;
    private static TestSite site;

    @BeforeAll
    static void start() throws Exception {
        env = BrowserSite.startIfInstalled();
        if (env != null) {
            browser = env.browser();
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

    @Test
    void withdrawalWhenGaSetOnParentDomainThenExpiredThere() {
        browser.headers(Map.of("Accept-Language", "fr-FR,fr;q=0.9", "CF-IPCountry", "FR"));
        browser.open(site.urlOn("www.example.test", "/other"));
        browser.waitFor(".c4j-first[role=dialog]");
        browser.js("document.cookie = '_ga=GA1.2.111.222; domain=.example.test; path=/; max-age=3600';"
                + "document.cookie = 'sm_uid=42; path=/; max-age=3600';"
                + "document.cookie = 'keep=1; domain=.example.test; path=/; max-age=3600';");
        Cookie ga = browser.driver().manage().getCookieNamed("_ga");
        assertNotNull(ga, "the page could set _ga on the parent domain");
        assertEquals(".example.test", ga.getDomain());

        Object status = browser.js("var x = new XMLHttpRequest(); x.open('POST', '/consent', false);"
                + "x.setRequestHeader('Content-Type', 'application/json'); x.send('{\"withdraw\":true}'); return x.status;");
        assertEquals(200L, ((Number) status).longValue());

        assertNull(browser.driver().manage().getCookieNamed("_ga"), "_ga on .example.test is expired");
        assertNull(browser.driver().manage().getCookieNamed("sm_uid"), "the host-only cookie is expired");
        assertNotNull(browser.driver().manage().getCookieNamed("keep"), "a cookie of no known service stays");
        assertNotNull(browser.driver().manage().getCookieNamed("consent4j"), "the withdrawal is stored");
        assertEquals(List.of(ConsentMethod.WITHDRAWAL), site.records());
    }
}
