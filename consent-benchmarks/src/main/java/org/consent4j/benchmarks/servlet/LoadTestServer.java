package org.consent4j.benchmarks.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.cookie.ConsentCookieCodec;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.testing.Fixtures;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * One Jetty 12 application served three times on one loopback port, under {@code /plain} without a
 * filter, under {@code /noop} behind a filter that only calls the chain (the cost of having a filter
 * at all) and under {@code /filtered} behind the consent filter, for a load generator to compare in
 * the same run.
 *
 * <p>The endpoint {@code /api/ping} is not HTML: it sets a necessary cookie ({@code JSESSIONID}) and an
 * analytics cookie ({@code _ga}) through {@code addHeader}, and answers 200 bytes of JSON
 * ({@code ?size=N} for N bytes). Prints the
 * port and a consent cookie (France, analytics refused) to send, so the filter drops {@code _ga}.
 *
 * <p>Run: {@code java -cp consent-benchmarks/target/benchmarks.jar org.consent4j.benchmarks.servlet.LoadTestServer [port]}
 */
public final class LoadTestServer {

    private LoadTestServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        KeySet keys = KeySet.generate();
        Server server = server(keys, port);
        server.start();
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        System.out.println("port=" + connector.getLocalPort());
        System.out.println("cookie=consent4j=" + consentCookie(keys));
        server.join();
    }

    /** The consent cookie of a visitor in France who refused analytics and marketing. */
    static String consentCookie(KeySet keys) {
        ConsentState state = new ConsentState(Map.of("functional", Choice.GRANTED, "analytics", Choice.DENIED,
                "marketing", Choice.DENIED), Map.of(), Instant.now(), Fixtures.catalog().revision(), "FR",
                ConsentMethod.CUSTOM, false);
        return ConsentCookieCodec.of(keys).encode(new ConsentCookie(ConsentCookie.newSubjectId(), state));
    }

    /** The server, not started: a loopback connector on {@code port} and the three contexts. */
    static Server server(KeySet keys, int port) {
        ConsentEngine engine = ConsentEngine.builder().catalog(Fixtures.catalog()).jurisdictions(Fixtures.jurisdictions()).build();
        ConsentFilter filter = new ConsentFilter(ConsentFilterConfig.builder().engine(engine).keys(keys)
                .jurisdictionResolver(JurisdictionResolver.cloudflare()).build());

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler plain = context("/plain");
        ServletContextHandler noop = context("/noop");
        noop.addFilter(new FilterHolder((jakarta.servlet.Filter) (req, res, chain) -> chain.doFilter(req, res)), "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        ServletContextHandler filtered = context("/filtered");
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        filtered.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        server.setHandler(new ContextHandlerCollection(plain, noop, filtered));
        return server;
    }

    private static ServletContextHandler context(String path) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(path);
        context.addServlet(PingServlet.class, "/api/ping");
        return context;
    }

    /**
     * A JSON API response that sets a necessary and an analytics cookie: about 200 bytes, or about
     * {@code size} bytes for {@code ?size=N} (1 to 65,536).
     */
    public static final class PingServlet extends HttpServlet {
        private static final byte[] SMALL = json(200);
        private static final java.util.concurrent.ConcurrentHashMap<Integer, byte[]> BODIES = new java.util.concurrent.ConcurrentHashMap<>();

        static byte[] json(int size) {
            StringBuilder sb = new StringBuilder(size + 32).append("{\"status\":\"ok\",\"items\":[");
            while (sb.length() < size - 8) {
                sb.append("\"abcdefghij\",");
            }
            return sb.append("\"end\"]}").toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String size = req.getParameter("size");
            byte[] body = size == null ? SMALL
                    : BODIES.computeIfAbsent(Math.max(1, Math.min(65_536, Integer.parseInt(size))), PingServlet::json);
            resp.setContentType("application/json");
            resp.addHeader("Set-Cookie", "JSESSIONID=node0abc123; Path=/; HttpOnly");
            resp.addHeader("Set-Cookie", "_ga=GA1.1.123456789.1700000000; Path=/; Max-Age=63072000");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }
}
