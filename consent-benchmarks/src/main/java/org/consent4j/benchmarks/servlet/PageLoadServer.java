package org.consent4j.benchmarks.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.cookie.ConsentCookieCodec;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * One Jetty 12 application served twice on one loopback port, under {@code /plain} without a filter
 * and under {@code /filtered} behind the consent filter as a new user sets it up: the bundled catalog
 * and jurisdictions, the banner on and injected, Cloudflare location headers. Both serve the same
 * servlets and the same bytes:
 * <ul>
 * <li>{@code /page}: a 20 KB HTML page with ten third-party tags of catalogued services (Google tag,
 *     Tag Manager, Meta pixel, Hotjar, LinkedIn, TikTok, YouTube, Vimeo, Google Maps, Bing), written
 *     through {@code getOutputStream()} with its Content-Length;</li>
 * <li>{@code /api/ping}: about 200 bytes of JSON, setting {@code JSESSIONID} and {@code _ga}.</li>
 * </ul>
 * Prints the port, the server's process id (for its CPU time), and the consent cookie of a visitor in
 * France who accepted everything.
 *
 * <p>Run: {@code java -cp consent-benchmarks/target/benchmarks.jar org.consent4j.benchmarks.servlet.PageLoadServer [port]};
 * {@code consent-benchmarks/load/page-load.sh} drives it with wrk.
 */
public final class PageLoadServer {

    private PageLoadServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        KeySet keys = KeySet.generate();
        Server server = server(keys, port);
        server.start();
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        System.out.println("port=" + connector.getLocalPort());
        System.out.println("pid=" + ProcessHandle.current().pid());
        System.out.println("accept-all=consent4j=" + acceptAll(keys));
        System.out.println("page-bytes=" + PageServlet.PAGE.length);
        System.out.flush();
        server.join();
    }

    /** The consent cookie of a visitor in France who accepted every category of the bundled catalog. */
    static String acceptAll(KeySet keys) {
        Catalog catalog = Catalogs.bundled();
        Map<String, Choice> all = new LinkedHashMap<>();
        for (Category c : catalog.categories()) {
            if (!c.required()) {
                all.put(c.id(), Choice.GRANTED);
            }
        }
        ConsentState state = new ConsentState(all, Map.of(), Instant.now(), catalog.revision(), "FR",
                ConsentMethod.ACCEPT_ALL, false);
        return ConsentCookieCodec.of(keys).encode(new ConsentCookie(ConsentCookie.newSubjectId(), state));
    }

    static Server server(KeySet keys, int port) {
        ConsentFilter filter = new ConsentFilter(ConsentFilterConfig.builder().keys(keys)
                .jurisdictionResolver(JurisdictionResolver.cloudflare()).build());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler plain = context("/plain");
        ServletContextHandler filtered = context("/filtered");
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        filtered.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        server.setHandler(new ContextHandlerCollection(plain, filtered));
        return server;
    }

    private static ServletContextHandler context(String path) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(path);
        context.addServlet(PageServlet.class, "/page");
        context.addServlet(LoadTestServer.PingServlet.class, "/api/ping");
        return context;
    }

    /** The 20 KB page, the same bytes in both contexts. */
    public static final class PageServlet extends HttpServlet {
        static final byte[] PAGE = page();

        static byte[] page() {
            String[] trackers = {
                "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-BENCH1\"></script>",
                "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});"
                        + "var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;"
                        + "j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);"
                        + "})(window,document,'script','dataLayer','GTM-BENCH');</script>",
                "<script async src=\"https://connect.facebook.net/en_US/fbevents.js\"></script>",
                "<script async src=\"https://static.hotjar.com/c/hotjar-123.js?sv=6\"></script>",
                "<script async src=\"https://snap.licdn.com/li.lms-analytics/insight.min.js\"></script>",
                "<script async src=\"https://analytics.tiktok.com/i18n/pixel/events.js\"></script>",
                "<iframe src=\"https://www.youtube.com/embed/bench\" width=\"560\" height=\"315\"></iframe>",
                "<iframe src=\"https://player.vimeo.com/video/123\" width=\"640\" height=\"360\"></iframe>",
                "<iframe src=\"https://www.google.com/maps/embed?pb=bench\" width=\"600\" height=\"450\"></iframe>",
                "<img src=\"https://bat.bing.com/action/0?ti=123&amp;Ver=2\" width=\"1\" height=\"1\" alt=\"\">"};
            StringBuilder sb = new StringBuilder(21_000);
            sb.append("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Boutique \u2013 Caf\u00e9</title>\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<link rel=\"stylesheet\" href=\"/assets/site.css\">\n")
                    .append(trackers[0]).append('\n').append(trackers[1]).append('\n')
                    .append("</head>\n<body><header><nav><a href=\"/\">Accueil</a> <a href=\"/produits\">Produits</a></nav></header>\n<main>\n");
            int t = 2;
            int card = 0;
            while (sb.length() < 19_500) {
                sb.append("<article class=\"card\"><h2>Produit ").append(card).append("</h2><p>Un texte de pr\u00e9sentation ")
                        .append("assez long pour ressembler \u00e0 une vraie fiche, avec des d\u00e9tails, des prix et des ")
                        .append("caract\u00e9ristiques.</p><img src=\"/img/p").append(card).append(".jpg\" alt=\"Produit ")
                        .append(card).append("\"><a href=\"/produit/").append(card).append("\">Voir</a></article>\n");
                if (card % 6 == 5 && t < trackers.length) {
                    sb.append(trackers[t++]).append('\n');
                }
                card++;
            }
            while (t < trackers.length) {
                sb.append(trackers[t++]).append('\n');
            }
            sb.append("</main><footer><p>\u00a9 Boutique</p><script src=\"/assets/app.js\" defer></script></footer></body></html>\n");
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=UTF-8");
            resp.setContentLength(PAGE.length);
            resp.getOutputStream().write(PAGE);
        }
    }
}
