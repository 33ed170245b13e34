package org.consent4j.examples.demo;

import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.destinations.DestinationRouter;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.records.JsonLinesRecordSink;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.IabConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.consent4j.servlet.banner.BannerConfig;
import org.consent4j.servlet.csp.CspConfig;
import org.consent4j.servlet.csp.CspMode;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The demo site on an embedded Jetty 12, listening on 127.0.0.1: the consent filter (jurisdiction from
 * CloudFront or Cloudflare headers, opt-in when unknown), the banner and cookie declaration, the home
 * page {@code /} and the server-side destinations behind {@code POST /events}.
 *
 * <p>This is also the programmatic registration example: see {@link #start(int, Path, boolean)}. The
 * demo needs no network: tags point at the vendors' real URLs, and the filter keeps them inert until
 * the visitor agrees; server-side deliveries stay in memory.
 */
public final class DemoServer {

    // tag::iab[]
    /**
     * The demo's IAB signals: GPP, TC and US Privacy strings and the page APIs __gpp, __tcfapi, __uspapi.
     * CMP id 4095 is a PLACEHOLDER, not a registration: a live site must register its own CMP with IAB
     * Europe and put that id, its CMP version and the Global Vendor List version it uses here.
     */
    static final IabConfig IAB = IabConfig.builder()
            .cmp(4095, 1, 150) // placeholder CMP id: register your own with the IAB
            .publisherCountry("FR")
            .build();
    // end::iab[]

    /** The consent endpoints' path. */
    static final String PREFIX = ConsentFilterConfig.DEFAULT_PREFIX;

    private DemoServer() {
    }

    /**
     * The environment variable that sets the demo's Content-Security-Policy mode when no mode is given:
     * {@code off}, {@code report-only} (the default) or {@code enforce}.
     */
    public static final String CSP_ENV = "CONSENT4J_DEMO_CSP";

    /**
     * The services on the demo's pages: the consent-derived policy lists only their hosts, which keeps
     * it short enough to enforce.
     */
    static final Set<String> SERVICES = Set.of("google-analytics", "google-tag-manager", "hotjar", "linkedin-insight",
            "meta-pixel", "segment", "segmetrics", "stripe", "youtube", "google-maps", "demo-language");

    /** Jetty's buffer for response headers, twice its default. */
    private static final int RESPONSE_HEADER_SIZE = 16 * 1024;

    /** Starts the demo with the consent filter; {@code port} 0 picks a free port. */
    public static Running start(int port, Path recordsFile) throws Exception {
        return start(port, recordsFile, true);
    }

    /**
     * Starts the demo, with the Content-Security-Policy mode named by {@value #CSP_ENV} (report-only
     * when unset).
     *
     * @throws IllegalArgumentException if {@value #CSP_ENV} names no mode, or as {@link #start(int, Path, boolean, CspMode)}
     * @throws Exception                as {@link #start(int, Path, boolean, CspMode)}
     */
    public static Running start(int port, Path recordsFile, boolean consentFilter) throws Exception {
        String mode = System.getenv(CSP_ENV);
        return start(port, recordsFile, consentFilter, mode == null || mode.isBlank() ? CspMode.REPORT_ONLY : CspMode.parse(mode));
    }

    /**
     * Starts the demo.
     *
     * @param port          the port on 127.0.0.1; 0 picks a free one
     * @param recordsFile   where consent records go: a JSON Lines log whose segments are named after
     *                      this file, in its directory ({@code consent-records.jsonl} gives
     *                      {@code consent-records-000001.jsonl}, …)
     * @param consentFilter false serves the same site without consent4j (every tag and cookie passes),
     *                      to compare or to audit
     * @param csp           the consent-derived Content-Security-Policy: {@link CspMode#REPORT_ONLY} (browsers
     *                      report what it would block, in the log), {@link CspMode#ENFORCE} (browsers block it)
     *                      or {@link CspMode#OFF}
     * @throws IllegalArgumentException if the port is out of range or the records file name cannot
     *                                  name a log
     * @throws java.io.IOException      if the record log cannot be opened
     * @throws Exception                if Jetty cannot start, e.g. the port is taken
     */
    public static Running start(int port, Path recordsFile, boolean consentFilter, CspMode csp) throws Exception {
        Objects.requireNonNull(csp, "csp");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        Objects.requireNonNull(recordsFile, "recordsFile");
        Clock clock = Clock.systemUTC();
        Catalog catalog = DemoCatalog.load();
        ConsentEngine engine = ConsentEngine.builder()
                .catalog(catalog)
                .jurisdictions(Jurisdictions.bundled())
                .clock(clock)
                .build();
        ConsentRecordSink sink = consentFilter ? DemoRecords.open(recordsFile) : ConsentRecordSink.NONE;
        LocalTransport transport = DemoDestinations.transport();
        DestinationRouter router = DemoDestinations.router(catalog, transport);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        // The policy of a visitor who allows all ten services is about 7 KB: room for it beside the other headers.
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .setResponseHeaderSize(RESPONSE_HEADER_SIZE);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        if (consentFilter) {
            ConsentFilter filter = new ConsentFilter(ConsentFilterConfig.builder()
                    .engine(engine)
                    .keys(KeySet.generate())
                    .jurisdictionResolver(JurisdictionResolver.firstOf(
                            JurisdictionResolver.cloudFront(), JurisdictionResolver.cloudflare()))
                    .secureCookie(false)
                    .recordSink(sink)
                    .banner(BannerConfig.defaults())
                    .csp(CspConfig.builder().mode(csp).services(SERVICES).maxPolicyLength(RESPONSE_HEADER_SIZE - 4096)
                            .build())
                    .iab(IAB)
                    .build());
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        }
        context.addServlet(new ServletHolder(new EventsServlet(router, transport)), "/events");
        context.addServlet(new ServletHolder(new DemoPages(catalog, clock)), "/");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            sink.close();
            throw e;
        }
        return new Running(server, connector.getLocalPort(), sink);
    }

    /** A running demo: its port and a way to stop it. */
    @SuppressWarnings("try") // close() waits for Jetty to stop, which an interrupt may cut short
    public static final class Running implements AutoCloseable {

        private final Server server;
        private final int port;
        private final ConsentRecordSink sink;
        private final AtomicBoolean stopped = new AtomicBoolean();

        private Running(Server server, int port, ConsentRecordSink sink) {
            this.server = server;
            this.port = port;
            this.sink = sink;
        }

        /** The port it listens on (on 127.0.0.1). */
        public int port() {
            return port;
        }

        /** The home page, {@code http://127.0.0.1:PORT/}. */
        public URI uri() {
            return URI.create("http://127.0.0.1:" + port + "/");
        }

        /** The record log's current segment; empty when the filter is off. */
        public Optional<Path> recordsSegment() {
            return sink instanceof JsonLinesRecordSink log && !log.segments().isEmpty()
                    ? Optional.of(log.segments().get(log.segments().size() - 1)) : Optional.empty();
        }

        /** Waits until the server stops (or the thread is interrupted). */
        public void join() throws InterruptedException {
            server.join();
        }

        /** Stops the server and closes the record sink; further calls do nothing. */
        public void stop() throws Exception {
            if (stopped.getAndSet(true)) {
                return;
            }
            try {
                server.stop();
            } finally {
                sink.close();
            }
        }

        @Override
        public void close() throws Exception {
            stop();
        }
    }
}
