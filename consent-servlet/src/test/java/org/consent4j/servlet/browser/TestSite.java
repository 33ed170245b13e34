package org.consent4j.servlet.browser;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.CookieSpec;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.cookie.SigningKey;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.core.testing.Fixtures;
import org.consent4j.html.HtmlGate;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.consent4j.servlet.banner.Banner;
import org.consent4j.servlet.banner.BannerConfig;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * A small shop on embedded Jetty behind the real {@link ConsentFilter} (consent endpoints, signed
 * cookie, Set-Cookie gate, HTML gate with the banner loader injected, banner assets and cookie
 * declaration), located the way a Cloudflare edge locates visitors ({@code CF-IPCountry},
 * {@code cf-region-code}; see {@link #location(String)}). Choices are recorded in memory.
 *
 * <p>Pages {@code /} and {@code /other} carry their trackers as a site writes them (the tags of
 * gtag.js, an ad pixel, a YouTube embed, a SegMetrics script): the filter's HTML gate makes them inert
 * and inserts the loader. A second application under {@code /m}, with its own filter with injection
 * off and the same keys, serves {@code /m/manual}, which places the loader by hand with
 * {@link Banner#scriptTag}. Every page also sets the functional {@code lang} cookie from the server,
 * which the Set-Cookie gate lets through only with consent. {@code /embeds} holds two YouTube players
 * (youtube.com and youtube-nocookie.com), an advert video and an ad pixel, for the click-to-load placeholders.
 */
final class TestSite implements AutoCloseable {

    private static final Map<String, Map<String, String>> LOCATIONS = Map.of(
            "fr", Map.of("CF-IPCountry", "FR"),
            "de", Map.of("CF-IPCountry", "DE"),
            "ca", Map.of("CF-IPCountry", "US", "cf-region-code", "CA"));

    /** The CMP id of the {@code /iab} application: a test value, not a registration. */
    static final int IAB_CMP_ID = 4000;

    private final Server server;
    private final int port;
    private final ConsentFilter filter;
    private final Records records;
    private final int trackerPort;

    private TestSite(int trackerPort) throws Exception {
        this.trackerPort = trackerPort;
        this.records = new Records(java.nio.file.Files.createTempDirectory("consent4j-browser-records"));
        // The shared fixture, with the session service described as a site would (contract basis, cookie purpose),
        // a service that declares no purpose, and an ad pixel on a host that is not HSTS-preloaded.
        Catalog catalog = Fixtures.catalog().toBuilder().service(Service.builder("container-session", Category.NECESSARY)
                .name("Session").purpose("session").legalBasis(LegalBasis.CONTRACT)
                .cookie(CookieSpec.firstParty("JSESSIONID", "session", "Keeps the basket and sign-in during the visit"))
                .build())
                .service(Service.builder("chat-widget", Category.FUNCTIONAL).name("Chat widget").provider("Chat Co")
                        .cookie("chat_id", "P30D").build())
                .service(Service.builder("ad-pixel", Category.MARKETING).name("Ad pixel").provider("Ads Tracker")
                        .purpose("personalised-ads").host("ads-tracker.test").build())
                // The fixture's YouTube, with what its placeholder shows: the consent text and the privacy policy.
                .service(Service.builder("youtube", Category.MARKETING).name("YouTube").provider("Google LLC")
                        .purpose("personalised-ads").host("youtube.com").host("youtube-nocookie.com")
                        .consentText(new LocalizedText(Map.of(
                                "en", "Loading the video sends your IP address to Google, which may set cookies.",
                                "fr", "Charger la vidéo transmet votre adresse IP à Google, qui peut déposer des cookies.")))
                        .privacyPolicy("https://policies.google.com/privacy").build())
                .build();
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(Fixtures.jurisdictions()).build();
        this.filter = new ConsentFilter(config(engine).banner(BannerConfig.builder().consentMode(true)
                .privacyPolicyUrl("/privacy").build()).build());
        ConsentFilter manual = new ConsentFilter(config(engine).banner(BannerConfig.builder().autoInject(false).consentMode(true)
                .privacyPolicyUrl("/privacy").build()).build());
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        // A third application under /iab, the same shop with IAB signals and their page APIs on.
        ConsentFilter iab = new ConsentFilter(config(engine).banner(BannerConfig.builder().consentMode(true)
                .privacyPolicyUrl("/privacy").build()).iab(org.consent4j.servlet.IabConfig.builder()
                .cmp(IAB_CMP_ID, 2, 150).publisherCountry("FR").build()).build());
        server.setHandler(new ContextHandlerCollection(context("/m", manual), context("/iab", iab), context("/", filter)));
        server.start();
        port = connector.getLocalPort();
    }

    private ConsentFilterConfig.Builder config(ConsentEngine engine) {
        return ConsentFilterConfig.builder()
                .engine(engine)
                .keys(KeySet.of(SigningKey.of("b1", "consent4j-browser-tests-key-0001".getBytes(StandardCharsets.US_ASCII))))
                .secureCookie(false) // plain HTTP on the loopback address
                .jurisdictionResolver(JurisdictionResolver.cloudflare())
                .recordSink(records)
                // The gate's own srcdoc placeholder too, so that the banner's activation of such iframes is tested.
                .htmlGate(HtmlGate.builder(engine.catalog()).iframePlaceholders(true).build());
    }

    private ServletContextHandler context(String path, ConsentFilter consent) {
        ServletContextHandler context = new ServletContextHandler(path);
        FilterHolder holder = new FilterHolder(consent);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        context.addServlet(new ServletHolder(new Site(consent)), "/*");
        return context;
    }

    static TestSite start(TrackerServer trackers) throws Exception {
        return new TestSite(trackers.port());
    }

    /** The URL of a path on the shop as seen from a jurisdiction's host, e.g. {@code url("fr", "/")}. */
    String url(String where, String path) {
        return "http://" + where + ".shop.test:" + port + path;
    }

    /** The URL of a path on the shop under any host name (every host maps to loopback in the browser). */
    String urlOn(String host, String path) {
        return "http://" + host + ":" + port + path;
    }

    /**
     * The location headers a CDN edge adds for a visitor in {@code fr}, {@code de} or {@code ca}
     * (California); none for anywhere else (the fallback jurisdiction).
     */
    static Map<String, String> location(String where) {
        return LOCATIONS.getOrDefault(where, Map.of());
    }

    ConsentFilter filter() {
        return filter;
    }

    /** The methods of the consent records written so far, in order. */
    List<ConsentMethod> records() {
        return records.methods();
    }

    void reset() {
        records.clear();
    }

    /** The consent records written since the last reset, in order. */
    List<ConsentRecord> recordsWritten() {
        return List.copyOf(records.records);
    }

    /** The texts archive of the site's record log. */
    org.consent4j.records.TextsArchive texts() {
        return records.log.textsArchive().orElseThrow();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test site", e);
        } finally {
            records.log.close();
        }
    }

    /**
     * The record sink: a real JSON Lines log in a temporary directory (its texts archive, its subject
     * access), plus the records of the current test in memory.
     */
    private static final class Records implements ConsentRecordSink, org.consent4j.records.ConsentRecordLog {
        private final List<ConsentRecord> records = new CopyOnWriteArrayList<>();
        private final org.consent4j.records.JsonLinesRecordSink log;

        Records(java.nio.file.Path dir) throws IOException {
            this.log = org.consent4j.records.JsonLinesRecordSink.builder(dir).open();
        }

        @Override
        public void append(ConsentRecord record) {
            log.append(record);
            records.add(record);
        }

        @Override
        public java.util.Optional<org.consent4j.records.TextsArchive> textsArchive() {
            return log.textsArchive();
        }

        @Override
        public org.consent4j.records.ChainReport verify() {
            return log.verify();
        }

        @Override
        public List<org.consent4j.records.ChainedRecord> export(String subjectId) {
            return log.export(subjectId);
        }

        @Override
        public int erase(String subjectId) {
            return log.erase(subjectId);
        }

        @Override
        public long purgeBefore(java.time.Instant cutoff) {
            return log.purgeBefore(cutoff);
        }

        @Override
        public org.consent4j.records.ChainHead head() {
            return log.head();
        }

        List<ConsentMethod> methods() {
            return records.stream().map(ConsentRecord::method).toList();
        }

        void clear() {
            records.clear();
        }

        @Override
        public void close() {
        }
    }

    private final class Site extends HttpServlet {
        private final ConsentFilter consent;

        Site(ConsentFilter consent) {
            this.consent = consent;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getRequestURI();
            switch (path) {
                case "/" -> page(resp, "", "Shop");
                case "/other" -> page(resp, "", "Other page");
                case "/iab/" -> page(resp, "", "Shop with IAB signals");
                case "/m/manual" -> page(resp, consent.banner().orElseThrow().scriptTag(req), "Manual placement");
                case "/privacy" -> page(resp, "", "Privacy policy");
                case "/embeds" -> embeds(resp);
                default -> resp.sendError(404);
            }
        }

        private void embeds(HttpServletResponse resp) throws IOException {
            String t = "http://%s:" + trackerPort;
            String html = """
                    <!DOCTYPE html>
                    <html lang="en">
                    <head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Videos</title>
                    </head>
                    <body>
                    <header><p><a href="/">Example Shop</a> · <a href="/embeds">Videos</a></p></header>
                    <main>
                    <h1>Videos</h1>
                    <iframe title="Launch video" width="560" height="315" src="%s/embed/launch01" allowfullscreen></iframe>
                    <p>How the workshop makes each piece:</p>
                    <iframe title="Workshop video" width="560" height="315" src="%s/embed/workshop02"></iframe>
                    <p>From our partners:</p>
                    <video title="Advert" controls width="320" height="180" src="%s/clip.mp4"></video>
                    <img alt="" width="1" height="1" src="%s/tr?id=2">
                    </main>
                    <footer><p>© Example Shop</p></footer>
                    </body>
                    </html>
                    """.formatted(t.formatted("youtube-nocookie.com"), t.formatted("www.youtube-nocookie.com"),
                    t.formatted("media.ads-tracker.test"), t.formatted("pixel.ads-tracker.test"));
            resp.setContentType("text/html;charset=utf-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.getWriter().write(html);
        }

        private void page(HttpServletResponse resp, String headMarkup, String title) throws IOException {
            Cookie lang = new Cookie("lang", "fr");
            lang.setPath("/");
            lang.setMaxAge(3600);
            resp.addCookie(lang); // functional: the filter's Set-Cookie gate decides
            String t = "http://%s:" + trackerPort;
            String html = """
                    <!DOCTYPE html>
                    <html lang="en">
                    <head>%s<meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>%s</title>
                    <script async src="%s/gtag/js?id=G-TEST&amp;delay=300"></script>
                    <script>(window.__order=window.__order||[]).push('ga-inline:'+(window.__gtagLoaded===true));window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-TEST');</script>
                    </head>
                    <body>
                    <header><p><a href="/">Example Shop</a> · <a href="/other">Other page</a></p></header>
                    <main>
                    <h1>%s</h1>
                    <p>Handmade goods, shipped across Europe and North America.</p>
                    <img alt="" width="1" height="1" src="%s/tr?id=1">
                    <iframe title="Product video" width="280" height="160" src="%s/embed/abc"></iframe>
                    <script src="%s/sm.js"></script>
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
