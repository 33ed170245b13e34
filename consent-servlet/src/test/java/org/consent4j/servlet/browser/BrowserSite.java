package org.consent4j.servlet.browser;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a browser test class shares: one Chromium, the tracker stand-in server and the test site in front
 * of it, started once and closed together.
 */
record BrowserSite(Browser browser, TrackerServer trackers, TestSite site) {

    /**
     * Starts all three, or returns null when Chromium is not installed: every test then reports the
     * missing browser ({@link Browser#requireInstalled()}), skipped loudly or failed under requireExternal.
     */
    static @Nullable BrowserSite startIfInstalled() throws Exception {
        if (!Browser.installed()) {
            return null;
        }
        TrackerServer trackers = TrackerServer.start();
        return new BrowserSite(Browser.start(), trackers, TestSite.start(trackers));
    }

    /** A fresh visitor on a fresh site: no cookies, no recorded tracker hits. */
    void reset() {
        browser.reset();
        trackers.reset();
        site.reset();
    }

    /** Sends these headers from now on, with the location headers the CDN edge adds for {@code where}. */
    void headersIn(String where, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(TestSite.location(where));
        browser.headers(all);
    }

    /** Closes the browser, the site and the tracker server. */
    void stop() throws Exception {
        browser.close();
        site.close();
        trackers.close();
    }
}
