package org.consent4j.servlet.browser;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.CookieSpec;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.testing.Fixtures;
import org.consent4j.servlet.banner.Banner;
import org.consent4j.servlet.banner.BannerConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small shop on embedded Jetty: the banner (through its public API, as the filter uses it), the
 * contract's consent endpoints, and pages whose trackers are already gated the way the HTML gate
 * gates them. Pages: {@code /} (loader injected in {@code <head>}), {@code /manual} (the documented
 * {@code <script>} tag only), {@code /other} (a second page).
 */
final class TestSite implements AutoCloseable {

    private final Server server;
    private final int port;
    private final Banner banner;
    private final FakeConsentEndpoint endpoint;
    private final int trackerPort;

    private TestSite(int trackerPort) throws Exception {
        this.trackerPort = trackerPort;
        // The shared fixture, with the session service described as a site would (contract basis, cookie purpose),
        // and a service that declares no purpose.
        Catalog catalog = Fixtures.catalog().toBuilder().service(Service.builder("container-session", Category.NECESSARY)
                .name("Session").purpose("session").legalBasis(LegalBasis.CONTRACT)
                .cookie(CookieSpec.firstParty("JSESSIONID", "session", "Keeps the basket and sign-in during the visit"))
                .build())
                .service(Service.builder("chat-widget", Category.FUNCTIONAL).name("Chat widget").provider("Chat Co")
                        .cookie("chat_id", "P30D").build())
                .build();
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(Fixtures.jurisdictions()).build();
        this.endpoint = new FakeConsentEndpoint(engine);
        this.banner = Banner.create(engine.catalog(), BannerConfig.builder().consentMode(true)
                .privacyPolicyUrl("/privacy").build(), "/consent");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Site()), "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    static TestSite start(TrackerServer trackers) throws Exception {
        return new TestSite(trackers.port());
    }

    /** The URL of a path on the shop as seen from a jurisdiction's host, e.g. {@code url("fr", "/")}. */
    String url(String where, String path) {
        return "http://" + where + ".shop.test:" + port + path;
    }

    FakeConsentEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Site extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getRequestURI();
            VisitorConsent visitor = endpoint.visitor(req);
            if (banner.handles(path)) {
                banner.serve(req, resp, Optional.of(visitor));
            } else if (path.equals("/consent")) {
                endpoint.handle(req, resp);
            } else if (path.equals("/") || path.equals("/other")) {
                page(resp, banner.headMarkup(req, visitor, endpoint.stateJson(visitor)), path.equals("/") ? "Shop" : "Other page");
            } else if (path.equals("/manual")) {
                page(resp, banner.scriptTag(req), "Manual placement");
            } else if (path.equals("/privacy")) {
                page(resp, "", "Privacy policy");
            } else {
                resp.sendError(404);
            }
        }

        private void page(HttpServletResponse resp, String headMarkup, String title) throws IOException {
            String t = "http://%s:" + trackerPort;
            String html = """
                    <!DOCTYPE html>
                    <html lang="en">
                    <head>%s<meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>%s</title>
                    <script type="text/plain" data-consent-gated data-consent-category="analytics" data-consent-service="google-analytics" data-consent-src="%s/gtag/js?id=G-TEST&amp;delay=300" async></script>
                    <script type="text/plain" data-consent-gated data-consent-category="analytics" data-consent-service="google-analytics">(window.__order=window.__order||[]).push('ga-inline:'+(window.__gtagLoaded===true));(window.dataLayer=window.dataLayer||[]).push({event:'page'});</script>
                    </head>
                    <body>
                    <header><p><a href="/">Example Shop</a> · <a href="/other">Other page</a></p></header>
                    <main>
                    <h1>%s</h1>
                    <p>Handmade goods, shipped across Europe and North America.</p>
                    <img alt="" width="1" height="1" data-consent-gated data-consent-category="marketing" data-consent-service="meta-pixel" data-consent-src="%s/tr?id=1">
                    <iframe title="Product video" width="280" height="160" data-consent-gated data-consent-category="marketing" data-consent-service="youtube" data-consent-src="%s/embed/abc"></iframe>
                    <script type="text/plain" data-consent-gated data-consent-category="marketing" data-consent-service="segmetrics" data-consent-src="%s/sm.js"></script>
                    <script>window.__firstParty = true;</script>
                    </main>
                    <footer><p>© Example Shop</p></footer>
                    </body>
                    </html>
                    """.formatted(headMarkup, title, t.formatted("www.googletagmanager.com"), title,
                    t.formatted("pixel.ads-tracker.test"), t.formatted("www.youtube-nocookie.com"), t.formatted("cdn.segmetrics.com"));
            resp.setContentType("text/html;charset=utf-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.getWriter().write(html);
        }
    }
}
