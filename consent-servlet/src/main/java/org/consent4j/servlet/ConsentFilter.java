package org.consent4j.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.core.discovery.Discovery;
import org.consent4j.servlet.banner.Banner;
import org.consent4j.servlet.csp.ContentSecurityPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consent filter: per request it resolves the visitor's jurisdiction, reads Global Privacy
 * Control and the stored choice, puts a {@link ConsentContext} on the request, gates every
 * {@code Set-Cookie} of the response, expires cookies of refused services that the browser still
 * sends, and serves the consent endpoints under {@linkplain ConsentFilterConfig#prefix() the prefix},
 * with the banner's assets and cookie declaration ({@code {prefix}/assets/*}, {@code {prefix}/cookies})
 * unless the banner is off.
 *
 * <p>In code:
 * <pre>{@code
 * ConsentFilter filter = new ConsentFilter(ConsentFilterConfig.builder()
 *         .engine(engine)
 *         .keys(KeySet.parse(System.getenv("CONSENT4J_KEYS")))
 *         .jurisdictionResolver(JurisdictionResolver.cloudflare())
 *         .recordSink(sink)
 *         .build());
 * context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));   // async supported
 * }</pre>
 *
 * <p>In {@code web.xml}, declare it with no arguments and give the settings of
 * {@link ConsentFilterConfig} as init-parameters, optionally with {@value #CONFIG_FILE_PARAM} naming a
 * JSON file of the same settings (init-parameters win). Without an engine the filter decides with the
 * bundled catalog and jurisdiction table, plus the site files the {@code catalog} and
 * {@code jurisdictions} settings name. An engine of the application's own and the
 * {@link ConsentRecordSink} are objects: the application puts them in the servlet context attributes
 * {@value #ENGINE_ATTRIBUTE} and {@value #SINK_ATTRIBUTE} before the filter starts (e.g. in a
 * {@code ServletContextListener}).
 *
 * <p>Dispatcher types: map it to {@code REQUEST} and {@code ERROR}. Containers hand error pages the
 * container's own, unwrapped response (Jetty 12 and Tomcat 11 alike), so without {@code ERROR} the
 * cookies an error page sets are not gated. It runs once per response: a forward, include or async
 * dispatch of a response it already gates passes straight through. Register it with async support,
 * so async requests keep the gated response.
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class ConsentFilter implements Filter {

    /** The init-parameter naming a JSON file of settings. */
    public static final String CONFIG_FILE_PARAM = "config-file";
    /** The servlet context attribute holding the {@link ConsentEngine} for a filter configured in web.xml. */
    public static final String ENGINE_ATTRIBUTE = "org.consent4j.core.decision.ConsentEngine";
    /** The servlet context attribute holding the {@link ConsentRecordSink} for a filter configured in web.xml. */
    public static final String SINK_ATTRIBUTE = "org.consent4j.records.ConsentRecordSink";

    private static final Logger LOG = LoggerFactory.getLogger(ConsentFilter.class);

    private volatile @Nullable FilterCore core;

    /** A filter configured from its init-parameters when the container starts it. */
    public ConsentFilter() {
    }

    /** A filter with this configuration; init-parameters are then ignored. */
    public ConsentFilter(ConsentFilterConfig config) {
        this.core = new FilterCore(config);
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        FilterCore c = core;
        if (c == null) {
            try {
                c = new FilterCore(fromInitParameters(filterConfig));
            } catch (RuntimeException e) {
                // Bad settings, and invalid catalog or jurisdiction files, whose messages list every problem.
                throw new ServletException("consent filter '" + filterConfig.getFilterName() + "' is misconfigured: "
                        + e.getMessage(), e);
            }
            core = c;
        }
        filterConfig.getServletContext().setAttribute(CookieInventory.ATTRIBUTE, c.gate.inventory());
        if (c.banner != null) {
            filterConfig.getServletContext().setAttribute(Banner.ATTRIBUTE, c.banner);
        }
        filterConfig.getServletContext().setAttribute(Discovery.class.getName(), c.config.traffic().discovery());
        LOG.info("consent filter started: {}, catalog {}", c.config, c.engine.catalog());
        if (!c.engine.catalog().inventory().declared()) {
            LOG.info("the site declares no services in use, so the banner and the cookie declaration list every one"
                    + " of the catalog's {} services: list the services you use under \"uses\" in your catalog file",
                    c.engine.catalog().services().size());
        }
    }

    private static ConsentFilterConfig fromInitParameters(FilterConfig filterConfig) {
        ServletContext servletContext = filterConfig.getServletContext();
        ConsentFilterConfig.Builder b = ConsentFilterConfig.builder();
        Map<String, String> params = new LinkedHashMap<>();
        Enumeration<String> names = filterConfig.getInitParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            params.put(name, filterConfig.getInitParameter(name));
        }
        String file = params.remove(CONFIG_FILE_PARAM);
        if (file != null) {
            b.settingsFile(Path.of(file.trim()));
        }
        b.settings(params);
        Object engine = servletContext.getAttribute(ENGINE_ATTRIBUTE);
        if (engine instanceof ConsentEngine e) {
            b.engine(e);
        } else if (engine != null) {
            throw new IllegalArgumentException("servlet context attribute " + ENGINE_ATTRIBUTE + " holds a "
                    + engine.getClass().getName() + ", not a ConsentEngine");
        }
        Object sink = servletContext.getAttribute(SINK_ATTRIBUTE);
        if (sink instanceof ConsentRecordSink s) {
            b.recordSink(s);
        } else if (sink != null) {
            throw new IllegalArgumentException("servlet context attribute " + SINK_ATTRIBUTE + " holds a "
                    + sink.getClass().getName() + ", not a ConsentRecordSink");
        }
        return b.build();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        FilterCore c = core;
        if (c == null) {
            throw new ServletException("consent filter used before init(): let the container start it");
        }
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || gated(res)) {
            chain.doFilter(req, res);
            return;
        }
        ContentSecurityPolicy csp = c.csp;
        if (csp != null && csp.handles(ConsentEndpoints.path(request))) {
            // Violation reports: no consent state, no cookies, limits of their own.
            csp.serveReport(request, response);
            return;
        }
        // Only a later dispatch (ERROR) of the same request can already carry a context.
        Optional<ConsentContext> existing = request.getDispatcherType() == DispatcherType.REQUEST
                ? Optional.empty() : ConsentContext.find(request);
        ConsentContext context = existing.orElseGet(() -> c.evaluate(request));
        if (existing.isEmpty()) {
            request.setAttribute(ConsentContext.ATTRIBUTE, context);
        }
        String uri = request.getRequestURI();
        if (c.inventory.handles(ConsentEndpoints.path(request))) {
            c.inventory.serve(request, response);
            return;
        }
        Banner banner = c.banner;
        if (banner != null && banner.handles(ConsentEndpoints.path(request))) {
            // Banner assets and the cookie declaration set no cookies and carry their own cache headers.
            banner.serve(request, response, Optional.of(context.visitorQuietly()), c.config.jurisdictionResolver().headers());
            return;
        }
        GatedResponse gated = new GatedResponse(request, response, context, c.gate, c.config.cacheMode(), c.varyNames,
                c.varyValue, uri, c.config.bodyTransformer());
        GatedRequest gatedRequest = new GatedRequest(request, gated);
        if (c.endpoints.handles(uri, request.getContextPath())) {
            c.endpoints.handle(gatedRequest, gated, context);
            return;
        }
        if (existing.isEmpty()) {
            c.recordImport(request, context, gated);
            c.recordGpcOptOut(request, context, gated);
            c.expireRefused(request, context, context.visitorQuietly(), gated);
        }
        if (c.config.bodyTransformer() == BodyTransformer.NONE) {
            chain.doFilter(gatedRequest, gated);
            return;
        }
        try {
            chain.doFilter(gatedRequest, gated);
        } finally {
            if (!gatedRequest.isAsyncStarted()) {
                gated.finish();
            }
        }
    }

    private static boolean gated(ServletResponse response) {
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper w) {
            if (w instanceof GatedResponse) {
                return true;
            }
            r = w.getResponse();
        }
        return false;
    }

    /** Counters since start-up. */
    public ConsentFilterStats stats() {
        return started().stats();
    }

    /**
     * Tells this listener about the filter's refusals from now on (replacing an earlier one), e.g. for
     * metrics. Can be called before or after the container starts the filter.
     *
     * @param listener the listener; {@link ConsentFilterListener#NONE} to stop
     * @throws IllegalStateException if the filter is configured from init-parameters and not started yet
     */
    public void listener(ConsentFilterListener listener) {
        started().counters.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * What the site's traffic showed that its inventory does not account for: unknown cookies, unknown
     * third-party hosts seen by the HTML gate, undeclared catalog services. Also the servlet context
     * attribute named by {@code Discovery.class.getName()}, and, with a token configured, the JSON
     * endpoint {@code {prefix}/inventory}.
     */
    public Discovery discovery() {
        return started().config.traffic().discovery();
    }

    /** The cookie names the application tried to set that the catalog does not know. */
    public CookieInventory unknownCookies() {
        return started().gate.inventory();
    }

    /**
     * The banner the filter serves (also the servlet context attribute {@value Banner#ATTRIBUTE}), e.g.
     * for {@link Banner#scriptTag} in a layout when automatic injection is off; empty when the banner
     * is off.
     */
    public Optional<Banner> banner() {
        return Optional.ofNullable(started().banner);
    }

    /** The configuration in force. */
    public ConsentFilterConfig config() {
        return started().config;
    }

    private FilterCore started() {
        FilterCore c = core;
        if (c == null) {
            throw new IllegalStateException("consent filter not started yet: the container calls init() first");
        }
        return c;
    }

    @Override
    public void destroy() {
        // The record sink belongs to the application, which closes it.
    }
}
