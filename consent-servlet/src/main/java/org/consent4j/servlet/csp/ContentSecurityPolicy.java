package org.consent4j.servlet.csp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.decision.VisitorConsent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consent-derived Content-Security-Policy of one filter: builds each visitor's policy and serves
 * the report endpoint. The consent filter creates one from its {@link CspConfig} and adds the policy
 * to every HTML response its HTML gate rewrites.
 *
 * <p>The policy lists, in {@code script-src}, {@code style-src}, {@code img-src}, {@code font-src},
 * {@code connect-src}, {@code frame-src} and {@code media-src}: {@code 'self'}; the hosts (each with
 * its subdomains) of the necessary services and of the services this visitor allows, among those
 * the site uses ({@link CspConfig#services()}); the site's own sources; and in {@code script-src}
 * the request's {@linkplain CspNonce nonce}. {@code style-src} adds {@code 'unsafe-inline'},
 * {@code img-src} {@code data: blob:}, {@code font-src} {@code data:} and {@code media-src}
 * {@code blob:}: none of these reaches a host. With the report endpoint on it ends with
 * {@code report-uri {context}{prefix}/csp-report}; on secure pages also with
 * {@code report-to consent4j-csp}, and a {@code Reporting-Endpoints} header names that group
 * (browsers use the Reporting API only on secure pages, and then ignore {@code report-uri}).
 *
 * <p>It never loosens a policy of the application's own: it is sent as a header of its own,
 * {@code Content-Security-Policy-Report-Only} or {@code Content-Security-Policy}, beside the
 * application's headers, which stay as they are. A browser enforces every policy it receives, so a
 * request must pass the application's policy and this one.
 *
 * <p>Policies are built once per visitor state (which of the site's services with hosts the visitor
 * allows) and cached; the header for a cached state costs one string concatenation with the nonce.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class ContentSecurityPolicy {

    /** The report endpoint's path under the consent prefix. */
    public static final String REPORT_PATH = "/csp-report";
    /** The header of an enforced policy. */
    public static final String ENFORCE_HEADER = "Content-Security-Policy";
    /** The header of a report-only policy. */
    public static final String REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only";
    /** The Reporting API group the policy reports to. */
    public static final String REPORT_GROUP = "consent4j-csp";

    private static final Logger LOG = LoggerFactory.getLogger(ContentSecurityPolicy.class);
    private static final Pattern CONTEXT_PATH = Pattern.compile("(/[A-Za-z0-9._~%!$&'()*+=:@-]+)*");
    /** Room for the report part and a context path, beyond the policy itself. */
    private static final int REPORT_ROOM = 160;
    private static final int NONCE_LENGTH = 22;

    private final CspConfig config;
    private final String prefix;
    private final String headerName;
    private final Policies policies;
    private final ReportEndpoint reports;
    private final Map<String, String[]> perContext = new ConcurrentHashMap<>();
    private final Map<String, String[]> perSecureContext = new ConcurrentHashMap<>();
    private final LongAdder tooLong = new LongAdder();
    private final AtomicBoolean tooLongLogged = new AtomicBoolean();

    private ContentSecurityPolicy(Catalog catalog, CspConfig config, String prefix, Clock clock) {
        this.config = config;
        this.prefix = prefix;
        this.headerName = config.mode() == CspMode.ENFORCE ? ENFORCE_HEADER : REPORT_ONLY_HEADER;
        this.policies = new Policies(catalog, config);
        this.reports = new ReportEndpoint(catalog, config, clock, System::nanoTime);
    }

    /**
     * The policy of a filter with this catalog and configuration, whose endpoints are under
     * {@code prefix}.
     *
     * @throws IllegalArgumentException when {@link CspConfig#services()} names services the catalog
     *                                  lacks, or in {@code enforce} mode when the policy of a visitor
     *                                  who allows every listed service would be longer than
     *                                  {@link CspConfig#maxPolicyLength()}
     */
    public static ContentSecurityPolicy create(Catalog catalog, CspConfig config, String prefix, Clock clock) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(clock, "clock");
        ContentSecurityPolicy csp = new ContentSecurityPolicy(catalog, config, prefix, clock);
        if (config.mode() != CspMode.OFF) {
            int longest = csp.policies.broadest().length(NONCE_LENGTH) + REPORT_ROOM;
            if (longest > config.maxPolicyLength()) {
                String message = "the consent CSP of a visitor who allows every service could reach " + longest
                        + " characters, more than the limit of " + config.maxPolicyLength() + " (servers refuse "
                        + "responses whose headers pass 8 KiB by default): list the services the site uses "
                        + "(setting csp-services, CspConfig.Builder.services)";
                if (config.mode() == CspMode.ENFORCE) {
                    throw new IllegalArgumentException(message + "; in report-only mode longer policies are left out");
                }
                LOG.warn("{}; until then such visitors get no report-only policy", message);
            }
        }
        return csp;
    }

    /** The configuration. */
    public CspConfig config() {
        return config;
    }

    /**
     * Adds this visitor's policy to a response (and {@code Reporting-Endpoints} when the report
     * endpoint is on), choosing the request's nonce. Does nothing when the mode is off, or when the
     * policy would be longer than {@link CspConfig#maxPolicyLength()} (logged once, in report-only
     * mode only: enforce mode refuses such a configuration at start).
     *
     * @param header receives each header name and value to add
     */
    public void apply(HttpServletRequest request, VisitorConsent visitor, BiConsumer<String, String> header) {
        if (config.mode() == CspMode.OFF) {
            return;
        }
        String value = header(request, visitor);
        if (value.isEmpty()) {
            return;
        }
        header.accept(headerName, value);
        if (config.reportEndpoint()) {
            String endpoints = context(request.getContextPath(), request.isSecure())[1];
            if (!endpoints.isEmpty()) {
                header.accept("Reporting-Endpoints", endpoints);
            }
        }
    }

    /**
     * The policy for this request and visitor, with the request's nonce; empty when the mode is off
     * or the policy is too long.
     */
    public String header(HttpServletRequest request, VisitorConsent visitor) {
        if (config.mode() == CspMode.OFF) {
            return "";
        }
        Policies.Template t = policies.template(visitor);
        String nonce = config.unsafeInlineScripts() ? "" : CspNonce.of(request, config.nonceAttribute());
        String suffix = config.reportEndpoint() ? context(request.getContextPath(), request.isSecure())[0] : "";
        int length = t.length(nonce.length()) + suffix.length();
        if (length > config.maxPolicyLength()) {
            tooLong.increment();
            if (tooLongLogged.compareAndSet(false, true)) {
                LOG.warn("a consent CSP of {} characters, over the limit of {}, was left out of a response on {}: "
                        + "list the services the site uses (setting csp-services) (logged once)", length,
                        config.maxPolicyLength(), request.getRequestURI());
            }
            return "";
        }
        // One allocation of the exact size (the compiler's string concatenation), no intermediate copy.
        return t.head() + nonce + t.tail() + suffix;
    }

    /**
     * A short key of the visitor's policy, the same for the same policy on every instance: the banner
     * compares the key of the page's policy with the key after a choice, and reloads when they differ
     * in {@code enforce} mode.
     */
    public String key(VisitorConsent visitor) {
        return policies.template(visitor).key();
    }

    /** The mode. */
    public CspMode mode() {
        return config.mode();
    }

    /** Whether {@code path} (relative to the context path) is the report endpoint, and it is on. */
    public boolean handles(String path) {
        return config.mode() != CspMode.OFF && config.reportEndpoint() && path.length() == prefix.length()
                + REPORT_PATH.length() && path.startsWith(prefix) && path.endsWith(REPORT_PATH);
    }

    /** Answers a request for which {@link #handles} is true. Never answers 500. */
    public void serveReport(HttpServletRequest request, HttpServletResponse response) throws IOException {
        reports.serve(request, response);
    }

    /** Reports read since start-up (the batch of one request counts once). */
    public long reportsAccepted() {
        return reports.accepted.sum();
    }

    /** Reports refused since start-up: rate, size, type, method or unreadable. */
    public long reportsRefused() {
        return reports.refused.sum();
    }

    /** Policies left out because they were too long, since start-up. */
    public long policiesTooLong() {
        return tooLong.sum();
    }

    /**
     * The report part of the policy and the Reporting-Endpoints value for a context path. Browsers use
     * the Reporting API ({@code report-to}) only on secure pages, and ignore {@code report-uri} once a
     * policy names a group: plain-HTTP pages (development) get {@code report-uri} alone.
     */
    private String[] context(String contextPath, boolean secure) {
        Map<String, String[]> cache = secure ? perSecureContext : perContext;
        String[] cached = cache.get(contextPath);
        if (cached != null) {
            return cached;
        }
        String[] made;
        if (CONTEXT_PATH.matcher(contextPath).matches() && cache.size() < 64) {
            String url = contextPath + prefix + REPORT_PATH;
            made = secure
                    ? new String[] {"; report-uri " + url + "; report-to " + REPORT_GROUP, REPORT_GROUP + "=\"" + url + "\""}
                    : new String[] {"; report-uri " + url, ""};
            cache.put(contextPath, made);
        } else {
            made = new String[] {"", ""};
        }
        return made;
    }

    @Override
    public String toString() {
        return "ContentSecurityPolicy[" + config + "]";
    }
}
