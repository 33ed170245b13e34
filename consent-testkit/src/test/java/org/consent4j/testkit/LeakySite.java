package org.consent4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A deliberately leaky site on a real Jetty, with one of each leak the validator must find:
 * <ol>
 *   <li>a Google tag without any consent condition ({@code <script src=googletagmanager.com>});</li>
 *   <li>a server integration that sets {@code _ga} and {@code _fbp} with {@code Set-Cookie};</li>
 *   <li>a first-party "tag manager" script that injects a SegMetrics tag at run time and writes its
 *       {@code sm_uid} cookie (only a browser sees this);</li>
 *   <li>a YouTube {@code <iframe>} embed;</li>
 *   <li>a Meta pixel {@code <img>} in {@code <noscript>}.</li>
 * </ol>
 * It also carries a correctly gated Meta tag (inert markup, per the gate contract) and an image from a
 * host no catalog knows.
 *
 * <p>With {@code endpoint}, it has a hand-written consent endpoint (the contract's {@code GET/POST
 * /consent}, choice kept in a plain cookie) and puts the Google tag and its cookie under the analytics
 * choice; the other leaks stay unconditional. Without it, it is "any other site".
 */
final class LeakySite implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COOKIE = "consent4j";

    private final Server server;
    private final boolean endpoint;
    /** The last {@code Sec-GPC} header a page request carried, and what the page's script read from the navigator. */
    volatile String lastGpcHeader = "";
    volatile String lastNavigatorGpc = "";

    private LeakySite(boolean endpoint) {
        this.endpoint = endpoint;
        this.server = new Server();
    }

    static LeakySite start(boolean endpoint) throws Exception {
        LeakySite site = new LeakySite(endpoint);
        ServerConnector connector = new ServerConnector(site.server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        site.server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(site.new Page()), "/");
        context.addServlet(new ServletHolder(new TagManager()), "/static/tm.js");
        if (endpoint) {
            context.addServlet(new ServletHolder(new Endpoint()), "/consent");
        }
        site.server.setHandler(context);
        site.server.start();
        return site;
    }

    URI uri() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the leaky site", e);
        }
    }

    static Set<String> granted(HttpServletRequest request) {
        Set<String> granted = new TreeSet<>();
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (c.getName().equals(COOKIE)) {
                    for (String s : c.getValue().split("\\.")) {
                        if (!s.isEmpty()) {
                            granted.add(s);
                        }
                    }
                }
            }
        }
        return granted;
    }

    private final class Page extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getRequestURI().equals("/static/beacon")) {
                lastNavigatorGpc = String.valueOf(request.getParameter("gpc"));
                response.setStatus(204);
                return;
            }
            if (!request.getRequestURI().equals("/") && !request.getRequestURI().equals("/pricing")) {
                response.sendError(404);
                return;
            }
            lastGpcHeader = String.valueOf(request.getHeader("Sec-GPC"));
            boolean analytics = !endpoint || granted(request).contains("analytics");
            if (analytics) {
                response.addCookie(new Cookie("_ga", "GA1.1.1234.5678"));
            }
            response.addHeader("Set-Cookie", "_fbp=fb.1.1234.5678; Path=/; Max-Age=7776000");
            response.addHeader("Set-Cookie", "_old_tracker=; Path=/; Max-Age=0");
            response.setContentType("text/html;charset=utf-8");
            String gtag = analytics ? "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-LEAK\"></script>\n" : "";
            response.getWriter().write("""
                    <!DOCTYPE html><html><head><meta charset="utf-8"><title>Leaky shop</title>
                    <link rel="stylesheet" href="/static/site.css">
                    """ + gtag + """
                    <script src="/static/tm.js"></script>
                    <script type="text/plain" data-consent-gated data-consent-category="marketing" data-consent-service="meta-pixel"
                            data-consent-src="https://connect.facebook.net/en_US/fbevents.js"></script>
                    </head><body><h1>Shop</h1>
                    <iframe src="https://www.youtube.com/embed/leak" width="560" height="315"></iframe>
                    <noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=123&amp;ev=PageView&amp;noscript=1"></noscript>
                    <img src="https://cdn.unknown-widgets.example/badge.png" alt="">
                    </body></html>
                    """);
        }
    }

    private static final class TagManager extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/javascript");
            // The host is assembled at run time, as tag managers do, so only a browser sees the request.
            response.getWriter().write("""
                    (function () {
                      var s = document.createElement('script');
                      s.src = 'http://tracker.' + 'segmetrics' + '.com/sm.js?site=leaky';
                      document.head.appendChild(s);
                      document.cookie = 'sm' + '_uid=v1.42; path=/; max-age=3600';
                      new Image().src = '/static/beacon?gpc=' + navigator.globalPrivacyControl;
                    })();
                    """);
        }
    }

    /** A minimal consent endpoint of the contract's shape; the choice is a list of granted categories. */
    private static final class Endpoint extends HttpServlet {
        private static final String[] CATEGORIES = {"functional", "analytics", "marketing"};

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            answer(request, response, granted(request));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String origin = request.getHeader("Origin");
            String self = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
            if (origin == null || !origin.equals(self)) {
                response.setStatus(403);
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"cross-site consent write refused\"}");
                return;
            }
            JsonNode body = JSON.readTree(request.getInputStream().readAllBytes());
            Set<String> granted = new TreeSet<>();
            if (body.path("accept").asText().equals("all")) {
                granted.addAll(Set.of(CATEGORIES));
            } else if (body.has("categories")) {
                for (Iterator<String> it = body.path("categories").fieldNames(); it.hasNext(); ) {
                    String c = it.next();
                    if (body.path("categories").path(c).asBoolean()) {
                        granted.add(c);
                    }
                }
            }
            Cookie cookie = new Cookie(COOKIE, granted.isEmpty() ? "-" : String.join(".", granted));
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            response.addCookie(cookie);
            answer(request, response, granted);
        }

        private static void answer(HttpServletRequest request, HttpServletResponse response, Set<String> granted) throws IOException {
            String country = request.getHeader("CF-IPCountry");
            String region = request.getHeader("CF-Region-Code");
            String jurisdiction = country == null ? "default" : region == null ? country : country + "-" + region;
            StringBuilder sb = new StringBuilder("{\"jurisdiction\":\"").append(jurisdiction).append("\",\"categories\":[");
            for (int i = 0; i < CATEGORIES.length; i++) {
                sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(CATEGORIES[i]).append("\",\"decision\":\"")
                        .append(granted.contains(CATEGORIES[i]) ? "allow" : "deny").append("\"}");
            }
            response.setContentType("application/json");
            response.getOutputStream().write(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
