package org.consent4j.servlet.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.testing.Fixtures;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.consent4j.servlet.csp.CspConfig;
import org.consent4j.servlet.csp.CspMode;
import org.consent4j.servlet.csp.CspViolation;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consent-derived policy in real headless Chromium. One Jetty on the loopback address serves
 * every host: {@code shop.test} (the filter in {@code enforce} mode), {@code ro.test} (the filter in
 * {@code report-only} mode), and, for any other host, a logging server that records each request.
 * Chromium reaches them through that server as its HTTP proxy, so URLs carry no port and hosts match
 * the policy exactly as in production; every host also resolves to 127.0.0.1, so nothing leaves the
 * machine.
 *
 * <p>The page's first-party script (same origin, so the HTML gate has nothing to make inert) injects
 * a script of {@code ads.test} (a catalogued marketing service), calls {@code fetch} and
 * {@code sendBeacon} to it, loads a pixel from it, and a pixel from {@code unknown-tracker.test},
 * which no service uses.
 */
final class CspBrowserTest {

    private static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final String APP_JS = """
            (function () {
              var b = document.body.dataset;
              var s = document.createElement('script');
              s.src = 'http://ads.test/tag.js';
              s.onload = function () { b.tag = 'loaded'; };
              s.onerror = function () { b.tag = 'blocked'; };
              document.head.appendChild(s);
              fetch('http://ads.test/collect', {method: 'POST', mode: 'no-cors', body: 'e=1'})
                .then(function () { b.fetch = 'sent'; }, function () { b.fetch = 'blocked'; });
              try { b.beacon = navigator.sendBeacon('http://ads.test/beacon', 'e=1') ? 'queued' : 'refused'; }
              catch (e) { b.beacon = 'threw'; }
              var i = new Image(); i.src = 'http://ads.test/pixel.gif';
              var u = new Image(); u.src = 'http://unknown-tracker.test/u.gif';
            })();
            """;

    private static Server server;
    private static final List<String> hits = new CopyOnWriteArrayList<>();
    private static final List<CspViolation> violations = new CopyOnWriteArrayList<>();
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Browser.requireInstalled();
        Catalog catalog = Fixtures.catalog().toBuilder()
                .service(Service.builder("ad-network", Category.MARKETING).name("Ad network").provider("Ads")
                        .purpose("personalised-ads").host("ads.test").build())
                .build();
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(Fixtures.jurisdictions()).build();
        KeySet keys = KeySet.generate();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(site("shop.test", ConsentFilterConfig.builder().engine(engine).keys(keys).secureCookie(false)
                .jurisdictionResolver(JurisdictionResolver.none())
                .csp(CspConfig.builder().mode(CspMode.ENFORCE).listener(violations::add).build()).build()));
        contexts.addHandler(site("ro.test", ConsentFilterConfig.builder().engine(engine).keys(keys).secureCookie(false)
                .jurisdictionResolver(JurisdictionResolver.none())
                .csp(CspConfig.builder().listener(violations::add).build()).build()));
        ServletContextHandler logging = new ServletContextHandler("/");
        logging.addServlet(new ServletHolder(new Logging()), "/*");
        contexts.addHandler(logging);
        server.setHandler(contexts);
        server.start();
        browser = Browser.start("--proxy-server=http://127.0.0.1:" + connector.getLocalPort(),
                "--proxy-bypass-list=<-loopback>");
    }

    private static ServletContextHandler site(String host, ConsentFilterConfig config) {
        ServletContextHandler context = new ServletContextHandler("/");
        context.setVirtualHosts(List.of(host));
        FilterHolder filter = new FilterHolder(new ConsentFilter(config));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Site()), "/*");
        return context;
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void reset() {
        browser.reset();
        hits.clear();
        violations.clear();
    }

    /** The shop: a page, its first-party script, and a page whose own policy forbids every image. */
    static final class Site extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getRequestURI();
            resp.setHeader("Cache-Control", "no-store");
            switch (path) {
                case "/app.js" -> write(resp, "text/javascript;charset=utf-8", APP_JS);
                case "/strict.js" -> write(resp, "text/javascript;charset=utf-8", """
                        var i = new Image();
                        i.onload = function () { document.body.dataset.img = 'loaded'; };
                        i.onerror = function () { document.body.dataset.img = 'blocked'; };
                        i.src = '/dot.gif';
                        """);
                case "/dot.gif" -> {
                    resp.setContentType("image/gif");
                    resp.getOutputStream().write(GIF);
                }
                case "/strict" -> {
                    resp.setHeader("Content-Security-Policy", "img-src 'none'");
                    write(resp, "text/html;charset=utf-8", page("/strict.js"));
                }
                default -> write(resp, "text/html;charset=utf-8", page("/app.js"));
            }
        }

        private static String page(String script) {
            return "<!DOCTYPE html><html lang=en><head><title>Shop</title></head><body><h1>Shop</h1>"
                    + "<script src=\"" + script + "\"></script></body></html>";
        }

        private static void write(HttpServletResponse resp, String type, String body) throws IOException {
            resp.setContentType(type);
            resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every other host: records {@code host/path} and answers a script, or a pixel. */
    static final class Logging extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String host = req.getServerName().toLowerCase(Locale.ROOT);
            hits.add(host + req.getRequestURI());
            resp.setHeader("Cache-Control", "no-store");
            resp.setHeader("Access-Control-Allow-Origin", "*");
            if (req.getRequestURI().endsWith(".js")) {
                resp.setContentType("text/javascript");
                resp.getOutputStream().write("window.__adsTag = true;".getBytes(StandardCharsets.UTF_8));
            } else {
                resp.setContentType("image/gif");
                resp.getOutputStream().write(GIF);
            }
        }
    }

    private static List<String> hitsOn(String host) {
        return hits.stream().filter(h -> h.startsWith(host + "/")).toList();
    }

    private static String data(String key) {
        Object v = browser.js("return document.body && document.body.dataset['" + key + "'] || '';");
        return v == null ? "" : v.toString();
    }

    @Test
    void enforce_deniedServiceGetsNoRequest_afterAcceptingThePageLoadsIt() throws Exception {
        browser.open("http://shop.test/");
        browser.waitUntil("the tag's script to fail", d -> data("tag").equals("blocked"));
        browser.waitUntil("fetch to fail", d -> !data("fetch").isEmpty());
        assertEquals("blocked", data("fetch"));
        browser.waitFor("#consent4j [data-act=all]");
        Thread.sleep(500); // let a beacon or a pixel that was let through arrive
        assertEquals(List.of(), hitsOn("ads.test"), "no request may reach the refused service: " + hits);
        assertEquals(List.of(), hitsOn("unknown-tracker.test"), "nor an unknown host: " + hits);

        browser.js("window.__beforeChoice = true;");
        browser.find("#consent4j [data-act=all]").click();
        // The new choice needs hosts the page's policy forbids: the banner loads the page again.
        browser.waitUntil("the page to reload", d -> Boolean.FALSE.equals(browser.js("return window.__beforeChoice === true"))
                && data("tag").equals("loaded"));
        browser.waitUntil("the beacon and the fetch to reach ads.test", d -> hitsOn("ads.test").containsAll(
                List.of("ads.test/tag.js", "ads.test/collect", "ads.test/beacon", "ads.test/pixel.gif")));
        assertEquals("queued", data("beacon"));
        assertEquals(List.of(), hitsOn("unknown-tracker.test"), "a host of no service stays blocked: " + hits);
    }

    @Test
    void enforce_theApplicationsOwnPolicyStillHolds() {
        browser.open("http://shop.test/strict");
        browser.waitUntil("the same-origin image to be refused by the application's policy",
                d -> !data("img").isEmpty());
        // The consent policy allows 'self' images; the application's img-src 'none' forbids them: both apply.
        assertEquals("blocked", data("img"));
    }

    @Test
    void reportOnly_tagLoads_andTheViolationReachesTheListener() {
        browser.open("http://ro.test/");
        browser.waitUntil("the tag to load", d -> data("tag").equals("loaded"));
        browser.waitUntil("the violations to be reported", d -> violations.stream().anyMatch(v ->
                v.host().equals("ads.test")) && violations.stream().anyMatch(v -> v.host().equals("unknown-tracker.test")));
        CspViolation ads = violations.stream().filter(v -> v.host().equals("ads.test")).findFirst().orElseThrow();
        assertEquals(CspViolation.Kind.SERVICE_NOT_ALLOWED, ads.kind());
        assertEquals("ad-network", ads.serviceId());
        assertFalse(ads.enforced());
        assertTrue(ads.documentUrl().startsWith("http://ro.test/"), ads.documentUrl());
        CspViolation unknown = violations.stream().filter(v -> v.host().equals("unknown-tracker.test")).findFirst()
                .orElseThrow();
        assertEquals(CspViolation.Kind.UNKNOWN_HOST, unknown.kind());
        assertTrue(hitsOn("ads.test").contains("ads.test/tag.js"), hits.toString());
    }
}
