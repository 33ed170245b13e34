package org.consent4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.consent4j.core.internal.json.StrictJson;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The real driver: headless Chromium whose every request to another host goes to a local
 * {@link RecordingProxy}, which records it and answers locally. Only the audited site is reached
 * directly; every other host name also resolves to the loopback address, so nothing else leaves the
 * machine even if a request escaped the proxy.
 *
 * <p>Consent states are made the way a visitor makes them: the page's own {@code fetch} posts the
 * choice to the consent endpoint, so the cookie lands in the browser's jar. Location headers and
 * {@code Sec-GPC} are added to every request, and {@code navigator.globalPrivacyControl} is defined,
 * through the DevTools protocol that ChromeDriver relays. Cookies are read from the whole jar
 * (set by {@code Set-Cookie} or by script). {@code <noscript>} content, which a browser with
 * JavaScript never loads, is listed from the page's markup, as for a visitor without JavaScript.
 */
final class BrowserAuditSession implements AuditSession {

    private static final Duration QUIET = Duration.ofMillis(700);
    private static final Duration SETTLE_MAX = Duration.ofSeconds(5);
    private static final String GPC_SCRIPT =
            "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true, configurable: true});";
    private static final String POST_SCRIPT = "var done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {method: 'POST', credentials: 'same-origin',"
            + " headers: {'Content-Type': 'application/json', 'Accept': 'application/json'}, body: arguments[1]})"
            + ".then(function (r) { return r.text().then(function (t) { done(r.status + ' ' + t); }); },"
            + " function (e) { done('0 ' + e); });";

    private final RecordingProxy proxy;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final URI site;
    private final String endpoint;
    private final Predicate<String> trackerHost;
    private final boolean performanceLog;
    private @Nullable String gpcScript;

    private BrowserAuditSession(RecordingProxy proxy, ChromeDriverService service, ChromeDriver driver, URI site,
                                String endpoint, Predicate<String> trackerHost, boolean performanceLog) {
        this.proxy = proxy;
        this.service = service;
        this.driver = driver;
        this.site = site;
        this.endpoint = endpoint;
        this.trackerHost = trackerHost;
        this.performanceLog = performanceLog;
    }

    static BrowserAuditSession start(Chromium chromium, URI site, String endpoint, Duration timeout,
                                     Predicate<String> trackerHost) {
        chromium.missing().ifPresent(m -> {
            throw new AuditException("the browser driver needs " + m);
        });
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        RecordingProxy proxy;
        try {
            proxy = RecordingProxy.start();
        } catch (IOException e) {
            throw new AuditException("could not open the recording proxy on the loopback interface: " + e.getMessage(), e);
        }
        String siteHost = HttpAuditSession.host(site);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.binary().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--disable-features=HttpsUpgrades,LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults,OptimizationHints,Translate",
                "--proxy-server=http://127.0.0.1:" + proxy.port(),
                "--proxy-bypass-list=" + siteHost,
                "--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE " + siteHost);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromium.driver().toFile())
                .usingAnyFreePort().withSilent(true).build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            proxy.close();
            service.stop();
            throw new AuditException("could not start " + chromium.binary() + " with " + chromium.driver() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + " (do the browser and driver versions match?)", e);
        }
        driver.manage().timeouts().pageLoadTimeout(timeout).scriptTimeout(timeout);
        boolean perf;
        try {
            driver.manage().logs().get(LogType.PERFORMANCE);
            perf = true;
        } catch (WebDriverException e) {
            perf = false;
        }
        BrowserAuditSession session = new BrowserAuditSession(proxy, service, driver, site, endpoint, trackerHost, perf);
        session.cdp("Network.enable", Map.of());
        return session;
    }

    private Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    @Override
    public Visit visit(Plan plan) {
        driver.get("about:blank");
        cdp("Network.clearBrowserCookies", Map.of());
        cdp("Network.clearBrowserCache", Map.of());
        cdp("Storage.clearDataForOrigin", Map.of("origin", HttpAuditSession.origin(site), "storageTypes", "all"));
        cdp("Network.setExtraHTTPHeaders", Map.of("headers", new HashMap<String, Object>(plan.headers())));
        if (gpcScript != null) {
            cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", gpcScript));
            gpcScript = null;
        }
        if (plan.state().gpc()) {
            gpcScript = String.valueOf(cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", GPC_SCRIPT)).get("identifier"));
        }
        List<Observation> observations = new ArrayList<>();
        Set<String> cookiesSeen = new HashSet<>();
        if (plan.state().needsEndpoint()) {
            if (!plan.endpointAvailable()) {
                return new Visit(false, "the site has no consent endpoint at " + endpoint
                        + ", so this choice cannot be made; only no-choice and GPC states apply to it", observations);
            }
            long mark = proxy.mark();
            drainPerformanceLog();
            load(site.resolve(endpoint).toString());
            String body = plan.state().requestBody().orElseThrow();
            String answer = String.valueOf(driver.executeAsyncScript(POST_SCRIPT, endpoint, body));
            record(endpoint, mark, observations, cookiesSeen, false);
            if (!answer.startsWith("2")) {
                return new Visit(false, "POST " + endpoint + " " + body + " from the page answered "
                        + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer), observations);
            }
        }
        for (String path : plan.paths()) {
            long mark = proxy.mark();
            drainPerformanceLog();
            load(site.resolve(path).toString());
            settle(mark);
            record(path, mark, observations, cookiesSeen, true);
        }
        return new Visit(true, "", observations);
    }

    /**
     * Loads a page; a page the browser could not load (connection refused, DNS, TLS) shows Chromium's
     * own error page, which must fail the audit rather than be judged as a clean page.
     */
    private void load(String url) {
        try {
            driver.get(url);
        } catch (WebDriverException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            int net = first.indexOf("net::ERR_");
            if (net < 0) {
                throw e;
            }
            throw new AuditException("the browser could not load " + url + ": " + first.substring(net).trim()
                    + " (is the site running and reachable from this machine?)", e);
        }
        String current = driver.getCurrentUrl();
        if (current != null && current.startsWith("chrome-error:")) {
            Object code = driver.executeScript(
                    "var e = document.querySelector('.error-code'); return e ? e.textContent : document.title;");
            String why = code == null || String.valueOf(code).isBlank() ? "the browser showed its error page"
                    : String.valueOf(code).trim();
            throw new AuditException("the browser could not load " + url + ": " + why
                    + " (is the site running and reachable from this machine?)");
        }
    }

    /** Waits until the page is loaded and the proxy has seen no new request for a short while. */
    private void settle(long mark) {
        long deadline = System.nanoTime() + SETTLE_MAX.toNanos();
        int count = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Object ready = driver.executeScript("return document.readyState");
            int now = proxy.since(mark).size();
            if (now != count) {
                count = now;
                quietSince = System.nanoTime();
            } else if ("complete".equals(ready) && System.nanoTime() - quietSince >= QUIET.toNanos()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void record(String path, long mark, List<Observation> observations, Set<String> cookiesSeen, boolean markup) {
        // The page's own requests come from the DevTools network log; the proxy proves they left the
        // page and gives plain-HTTP URLs. Proxy traffic the page did not start is the browser's own
        // (e.g. its account check) and is not the site's doing. Without the log, every proxy entry counts.
        Map<String, String> pageUrls = performanceUrls();
        Map<String, String> requests = new LinkedHashMap<>();
        for (RecordingProxy.Entry e : proxy.since(mark)) {
            if (performanceLog && !pageUrls.containsKey(e.host())) {
                continue;
            }
            requests.putIfAbsent(e.host() + " " + (e.tunnel() ? "" : e.url()),
                    e.tunnel() ? pageUrls.getOrDefault(e.host(), "https://" + e.host() + "/ (encrypted: only the host is visible)")
                            : e.url());
        }
        String siteHost = HttpAuditSession.host(site);
        for (Map.Entry<String, String> u : pageUrls.entrySet()) {
            if (!u.getKey().equals(siteHost) && requests.keySet().stream().noneMatch(k -> k.startsWith(u.getKey() + " "))) {
                requests.put(u.getKey() + " ", u.getValue());
            }
        }
        for (Map.Entry<String, String> r : requests.entrySet()) {
            String host = r.getKey().substring(0, r.getKey().indexOf(' '));
            observations.add(new Observation(path, Observation.Kind.REQUEST, Observation.Sources.NETWORK, host,
                    "browser requested " + r.getValue()));
        }
        if (markup) {
            String html = driver.getPageSource();
            for (MarkupScanner.Resource r : MarkupScanner.scan(html == null ? "" : html, driver.getCurrentUrl(), trackerHost)) {
                if (!r.source().equals(Observation.Sources.NOSCRIPT)) {
                    continue;
                }
                URI target;
                try {
                    target = URI.create(r.url());
                } catch (IllegalArgumentException ex) {
                    continue;
                }
                if (target.getHost() != null && !HttpAuditSession.host(target).equals(HttpAuditSession.host(site))) {
                    observations.add(new Observation(path, Observation.Kind.REQUEST, r.source(), HttpAuditSession.host(target),
                            r.evidence()));
                }
            }
        }
        for (Map.Entry<String, String> c : cookies().entrySet()) {
            if (cookiesSeen.add(c.getKey())) {
                observations.add(new Observation(path, Observation.Kind.COOKIE, Observation.Sources.BROWSER_COOKIE, c.getKey(),
                        "cookie in the browser: " + c.getValue()));
            }
        }
    }

    /** Every cookie in the jar, by name, with its attributes (never its value). */
    private Map<String, String> cookies() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Object all = cdp("Network.getAllCookies", Map.of()).get("cookies");
            if (all instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        String name = String.valueOf(m.get("name"));
                        out.putIfAbsent(name, name + " (domain " + m.get("domain") + "; path " + m.get("path")
                                + (Boolean.TRUE.equals(m.get("httpOnly")) ? "; HttpOnly" : "; readable by script")
                                + (Boolean.TRUE.equals(m.get("session")) ? "; session" : "") + ")");
                    }
                }
                return out;
            }
        } catch (WebDriverException e) {
            // Fall back to WebDriver's view of the current page's cookies and document.cookie.
        }
        for (Cookie c : driver.manage().getCookies()) {
            out.putIfAbsent(c.getName(), c.getName() + " (domain " + c.getDomain() + "; path " + c.getPath() + ")");
        }
        Object documentCookie = driver.executeScript("return document.cookie");
        if (documentCookie instanceof String s && !s.isBlank()) {
            for (String pair : s.split(";")) {
                String name = pair.split("=", 2)[0].trim();
                out.putIfAbsent(name, name + " (document.cookie)");
            }
        }
        return out;
    }

    private void drainPerformanceLog() {
        if (performanceLog) {
            driver.manage().logs().get(LogType.PERFORMANCE);
        }
    }

    /** The first full URL requested per host since the last drain, from the DevTools network log. */
    private Map<String, String> performanceUrls() {
        Map<String, String> urls = new HashMap<>();
        if (!performanceLog) {
            return urls;
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = StrictJson.readTree(entry.getMessage()).path("message");
                if (!message.path("method").asText().equals("Network.requestWillBeSent")) {
                    continue;
                }
                String url = message.path("params").path("request").path("url").asText("");
                URI uri = URI.create(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (uri.getHost() != null && (scheme.startsWith("http") || scheme.startsWith("ws"))) {
                    urls.putIfAbsent(uri.getHost().toLowerCase(Locale.ROOT), url);
                }
            } catch (IOException | IllegalArgumentException e) {
                // An entry that is not a request: skip it.
            }
        }
        return urls;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            proxy.close();
        }
    }
}
