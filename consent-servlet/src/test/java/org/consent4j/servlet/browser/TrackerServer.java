package org.consent4j.servlet.browser;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Stands in for third-party hosts (googletagmanager.com, facebook.com, segmetrics.com, …) on the
 * loopback address: the browser maps every host name to 127.0.0.1, so a tracker URL with this
 * server's port lands here. Counts every request as {@code host + path}; answers scripts that leave
 * a trace in the page, a pixel, and an embed page. Nothing is cached.
 */
final class TrackerServer implements AutoCloseable {

    private static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Server server;
    private final int port;
    private final List<String> hits = new CopyOnWriteArrayList<>();

    private TrackerServer() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Tracker()), "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    static TrackerServer start() throws Exception {
        return new TrackerServer();
    }

    int port() {
        return port;
    }

    /** Every request so far, as {@code host/path}, in arrival order. */
    List<String> hits() {
        return List.copyOf(hits);
    }

    void reset() {
        hits.clear();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the tracker server", e);
        }
    }

    private final class Tracker extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String host = req.getServerName().toLowerCase(Locale.ROOT);
            String path = req.getRequestURI();
            hits.add(host + path);
            String delay = req.getParameter("delay");
            if (delay != null) {
                try {
                    Thread.sleep(Math.min(2000, Long.parseLong(delay)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            resp.setHeader("Cache-Control", "no-store");
            byte[] body;
            if (path.endsWith(".js") || path.endsWith("/js")) {
                resp.setContentType("text/javascript;charset=utf-8");
                body = script(host, path).getBytes(StandardCharsets.UTF_8);
            } else if (path.startsWith("/embed/")) {
                resp.setContentType("text/html;charset=utf-8");
                body = "<!DOCTYPE html><html lang=en><title>Video</title><p>Embedded video</p>".getBytes(StandardCharsets.UTF_8);
            } else {
                resp.setContentType("image/gif");
                body = GIF;
            }
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }

        private static String script(String host, String path) {
            String trace = "(window.__order=window.__order||[]).push(";
            if (path.equals("/gtag/js")) {
                return "window.__gtagLoaded=true;" + trace + "'gtag-lib');document.cookie='_ga=GA1.1.42; path=/; max-age=3600';";
            }
            if (path.equals("/sm.js")) {
                return trace + "'segmetrics');document.cookie='sm_uid=abc; path=/; max-age=3600';";
            }
            return trace + "'" + host.replace("'", "") + "');";
        }
    }
}
