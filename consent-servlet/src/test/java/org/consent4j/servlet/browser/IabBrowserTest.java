package org.consent4j.servlet.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.iab.GppString;
import org.consent4j.iab.IdSet;
import org.consent4j.iab.TcString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The IAB page APIs in real Chromium, on the test shop's {@code /iab} application (IAB signals on): what ad
 * tags read through {@code __gpp}, {@code __tcfapi} and {@code __uspapi}, and how it changes after a
 * choice without a reload.
 */
final class IabBrowserTest {

    private static final Map<String, String> FRENCH = Map.of("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5");

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

    private static void open(String where, Map<String, String> headers) {
        env.headersIn(where, headers);
        browser.open(site.url(where, "/iab/"));
        browser.waitUntil("the IAB page APIs loaded", d -> "loaded".equals(gppPing().get("cmpStatus")));
    }

    /** Calls {@code __gpp(command, cb, parameter)} and returns what the callback got, synchronously as the API answers. */
    private static Object gpp(String command, Object parameter) {
        return browser.js("let r = {none: true}; __gpp(arguments[0], (d, ok) => { r = {d: d, ok: ok}; }, arguments[1]);"
                + " if (!r.ok) throw new Error('__gpp ' + arguments[0] + ' failed'); return r.d;", command, parameter);
    }

    private static Map<?, ?> gppPing() {
        return (Map<?, ?>) browser.js("let r = null; __gpp('ping', (d) => { r = d; }); return r;");
    }

    @Test
    void californianWithGpcSeesUsnatOptedOutThroughGppAndUspapi() {
        open("ca", Map.of("Sec-GPC", "1"));
        Map<?, ?> ping = gppPing();
        assertEquals("1.1", ping.get("gppVersion"));
        assertEquals("ready", ping.get("signalStatus"));
        assertEquals(TestSite.IAB_CMP_ID, ((Number) ping.get("cmpId")).intValue());
        assertTrue(((List<?>) ping.get("applicableSections")).contains(7L), "usnat in force: " + ping);
        String gppString = (String) ping.get("gppString");
        GppString decoded = GppString.parse(gppString);
        assertEquals(1, decoded.usNat().orElseThrow().saleOptOut());

        assertEquals(Boolean.TRUE, gpp("hasSection", "usnat"));
        List<?> usnat = (List<?>) gpp("getSection", "usnat");
        Map<?, ?> core = (Map<?, ?>) usnat.get(0);
        assertEquals(1L, core.get("SaleOptOut"));
        assertEquals(1L, core.get("SharingOptOut"));
        assertEquals(1L, core.get("TargetedAdvertisingOptOut"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) usnat.get(1)).get("Gpc"));
        assertEquals(Boolean.TRUE, gpp("getField", "usnat.Gpc"));
        assertEquals(1L, gpp("getField", "usnat.SharingOptOut"));
        Map<?, ?> data = (Map<?, ?>) gpp("getGPPData", null);
        assertEquals(gppString, data.get("gppString"));

        Map<?, ?> usp = (Map<?, ?>) browser.js("let r = null; __uspapi('getUSPData', 1, (d, ok) => { r = ok ? d : null; });"
                + " return r;");
        assertEquals("1YYN", usp.get("uspString"));
        Map<?, ?> tcfPing = (Map<?, ?>) browser.js("let r = null; __tcfapi('ping', 2, (d) => { r = d; }); return r;");
        assertEquals(Boolean.FALSE, tcfPing.get("gdprApplies"));
        assertEquals(Boolean.TRUE, tcfPing.get("cmpLoaded"));
        assertEquals("2.2", tcfPing.get("apiVersion"));
    }

    @Test
    void framesFindTheLocatorsAndCallThroughPostMessage() {
        open("ca", Map.of("Sec-GPC", "1"));
        assertEquals(Boolean.TRUE, browser.js("return !!window.frames['__gppLocator'] && !!window.frames['__tcfapiLocator']"
                + " && !!window.frames['__uspapiLocator']"));
        // A frame of another origin would post to the page holding the locator; the page posting to itself
        // goes through the same handler and gets the answer the same way.
        browser.js("window.__returns = [];"
                + "window.addEventListener('message', (e) => { const m = typeof e.data === 'string' ? JSON.parse(e.data) : e.data;"
                + " if (m && (m.__gppReturn || m.__tcfapiReturn || m.__uspapiReturn)) window.__returns.push(m); });"
                + "window.postMessage({__gppCall: {command: 'getField', parameter: 'usnat.SaleOptOut', version: '1.1', callId: 'g1'}}, '*');"
                + "window.postMessage(JSON.stringify({__uspapiCall: {command: 'getUSPData', version: 1, callId: 'u1'}}), '*');");
        browser.waitUntil("two answers", d -> ((List<?>) browser.js("return window.__returns")).size() == 2);
        List<?> returns = (List<?>) browser.js("return window.__returns");
        Map<?, ?> g = (Map<?, ?>) ((Map<?, ?>) returns.get(0)).get("__gppReturn");
        assertEquals("g1", g.get("callId"));
        assertEquals(1L, g.get("returnValue"));
        assertEquals(Boolean.TRUE, g.get("success"));
        Map<?, ?> u = (Map<?, ?>) ((Map<?, ?>) returns.get(1)).get("__uspapiReturn");
        assertEquals("1YYN", ((Map<?, ?>) u.get("returnValue")).get("uspString"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void frenchVisitorWhoAcceptsAnalyticsOnlyGetsTheMappedTcStringWithoutAReload() {
        open("fr", FRENCH);
        browser.js("window.__tcf = []; window.__gppEvents = []; window.__samePage = true;"
                + "__tcfapi('addEventListener', 2, (d, ok) => { if (ok) window.__tcf.push(d); });"
                + "__gpp('addEventListener', (e) => { window.__gppEvents.push(e.eventName + ':' + e.data); });");
        List<Map<String, Object>> events = (List<Map<String, Object>>) browser.js("return window.__tcf");
        assertEquals("cmpuishown", events.get(0).get("eventStatus"), "the banner asks: " + events.get(0));
        assertEquals(Boolean.TRUE, events.get(0).get("gdprApplies"));
        assertEquals("not ready", gppPing().get("signalStatus"), "the TCF signal waits for the visitor's choice");

        browser.waitFor(".c4j-first [data-act=custom]").click();
        browser.waitFor(".c4j-second[role=dialog]");
        WebElement label = browser.find("label[for=c4j-sw-analytics]");
        browser.js("arguments[0].scrollIntoView({block: 'center'})", label);
        label.click();
        browser.waitFor(".c4j-second [data-act=save]").click();
        browser.waitUntil("useractioncomplete", d -> ((List<?>) browser.js("return window.__tcf")).size() >= 2);

        Map<String, Object> done = ((List<Map<String, Object>>) browser.js("return window.__tcf")).get(1);
        assertEquals("useractioncomplete", done.get("eventStatus"));
        Map<String, Object> consents = (Map<String, Object>) ((Map<String, Object>) done.get("purpose")).get("consents");
        for (int p = 1; p <= 11; p++) {
            boolean expected = p == 1 || p == 8 || p == 9 || p == 10;
            assertEquals(expected, consents.get(String.valueOf(p)), "purpose " + p + " of " + consents);
        }
        String tcString = (String) done.get("tcString");
        TcString tc = TcString.parse(tcString);
        assertEquals(IdSet.of(1, 8, 9, 10), tc.purposesConsent());
        assertEquals(TestSite.IAB_CMP_ID, tc.cmpId());
        assertEquals("FR", tc.consentLanguage());
        assertEquals(List.of(), tc.v22Problems());
        assertEquals(Boolean.TRUE, browser.js("return window.__samePage === true"), "no reload");
        assertEquals(List.of(ConsentMethod.CUSTOM), site.records());

        Map<?, ?> ping = gppPing();
        assertEquals("ready", ping.get("signalStatus"));
        assertEquals(List.of(2L), ping.get("applicableSections"));
        List<String> gppEvents = (List<String>) browser.js("return window.__gppEvents");
        assertTrue(gppEvents.containsAll(List.of("signalStatus:not ready", "sectionChange:tcfeuv2", "signalStatus:ready")),
                gppEvents.toString());
        assertTrue(gppEvents.indexOf("sectionChange:tcfeuv2") < gppEvents.lastIndexOf("signalStatus:ready"), gppEvents.toString());
        assertEquals(List.of(1L, 8L, 9L, 10L), gpp("getField", "tcfeuv2.PurposeConsents"));
        assertEquals(tcString, GppString.parse((String) ping.get("gppString")).tcfEuV2().orElseThrow().encode());
    }
}
