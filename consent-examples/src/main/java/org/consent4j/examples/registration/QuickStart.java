package org.consent4j.examples.registration;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.records.JsonLinesRecordSink;
import org.consent4j.servlet.ConsentContext;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jspecify.annotations.Nullable;

/**
 * The quick start: a page on an embedded Jetty 12 behind the consent filter. Run it with signing keys in
 * the environment: {@code CONSENT4J_KEYS=k1:$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')}.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** Serves on 127.0.0.1:8080 until stopped, with records in {@code ./consent-records}. */
    public static void main(String[] args) throws Exception {
        Server server = start(8080, System.getenv("CONSENT4J_KEYS"), Path.of("consent-records"));
        server.join();
    }

    /**
     * Starts the page on 127.0.0.1 ({@code port} 0 picks a free one); stop the returned server when done.
     *
     * @throws IllegalArgumentException naming CONSENT4J_KEYS when {@code keys} is null or blank
     */
    public static Server start(int port, @Nullable String keys, Path records) throws Exception {
        // tag::filter[]
        KeySet signingKeys = KeySet.parse(keys);             // CONSENT4J_KEYS, the same on every instance
        ConsentEngine engine = ConsentEngine.builder()
                .catalog(Catalogs.bundled())                  // Catalogs.load(Path.of("consent-catalog.json")) adds your services
                .jurisdictions(Jurisdictions.bundled())
                .build();
        JsonLinesRecordSink sink = JsonLinesRecordSink.builder(records).open();   // proof of every choice
        ConsentFilter filter = new ConsentFilter(ConsentFilterConfig.builder()
                .engine(engine)
                .keys(signingKeys)
                .jurisdictionResolver(JurisdictionResolver.cloudFront())
                .recordSink(sink)
                .build());
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        // end::filter[]
        context.addServlet(new ServletHolder(new Page()), "/");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopped(LifeCycle event) {
                sink.close();                                 // writes what is queued, then releases the log
            }
        });
        server.start();
        return server;
    }

    // tag::servlet[]
    /** Sets the Google Analytics cookie without asking: the filter drops it unless the visitor allowed analytics. */
    static final class Page extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.addCookie(new Cookie("_ga", "GA1.1.123456789.1700000000"));
            boolean analytics = ConsentContext.of(request).allows("analytics");   // ask in server code
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println(analytics ? "analytics allowed" : "analytics not allowed");
        }
    }
    // end::servlet[]
}
