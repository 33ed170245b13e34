package org.consent4j.servlet.csp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST {prefix}/csp-report}: takes violation reports, within a rate and a size limit, and
 * hands those about hosts to the {@link CspReportListener}. Answers 204 when read, 400 for a body it
 * cannot read, 405, 413, 415 and 429 as the status says; never 500.
 */
final class ReportEndpoint {

    /** The largest refused body read before answering 413 (256 KiB). */
    private static final long DRAIN_LIMIT = 262_144;

    private static final Logger LOG = LoggerFactory.getLogger(ReportEndpoint.class);
    private static final int MAX_URL = 512;

    private final Catalog catalog;
    private final CspConfig config;
    private final Clock clock;
    private final RateLimiter limiter;
    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder violations = new LongAdder();
    private volatile boolean listenerFailureLogged;

    ReportEndpoint(Catalog catalog, CspConfig config, Clock clock, LongSupplier nanoTime) {
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
        this.limiter = new RateLimiter(config.reportsPerMinute(), nanoTime);
    }

    void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            answer(request, response);
        } catch (IOException e) {
            // The browser went away while sending: nothing to answer.
            LOG.debug("CSP report could not be read: {}", e.toString());
            refused.increment();
        } catch (RuntimeException e) {
            LOG.debug("CSP report refused", e);
            refused.increment();
            if (!response.isCommitted()) {
                response.reset();
                send(response, 400, "the report could not be read");
            }
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!request.getMethod().equals("POST")) {
            response.setHeader("Allow", "POST");
            drain(request);
            refuse(response, 405, "CSP reports are POSTed");
            return;
        }
        String type = request.getContentType();
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/csp-report") && !mime.equals("application/reports+json")
                && !mime.equals("application/json")) {
            drain(request);
            refuse(response, 415, "send application/csp-report or application/reports+json");
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > config.maxReportBytes()) {
            // Read a moderately oversized body before answering, so the client sees the 413 rather than a
            // connection reset while it is still sending; a far larger one closes the connection.
            drain(request, DRAIN_LIMIT);
            if (declared > DRAIN_LIMIT) {
                response.setHeader("Connection", "close");
            }
            refuse(response, 413, "a report may have at most " + config.maxReportBytes() + " bytes");
            return;
        }
        if (!limiter.tryAcquire()) {
            response.setHeader("Retry-After", Long.toString(limiter.retryAfterSeconds()));
            refuse(response, 429, "too many CSP reports; try later");
            return;
        }
        byte[] body = read(request);
        if (body == null) {
            refuse(response, 413, "a report may have at most " + config.maxReportBytes() + " bytes");
            return;
        }
        List<ReportParser.Raw> reports;
        try {
            reports = ReportParser.parse(body);
        } catch (IllegalArgumentException e) {
            refuse(response, 400, Objects.requireNonNullElse(e.getMessage(), "malformed report"));
            return;
        }
        accepted.increment();
        String ownHost = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        for (ReportParser.Raw raw : reports) {
            Optional<CspViolation> v = violation(raw, ownHost);
            if (v.isPresent()) {
                violations.increment();
                notify(v.get());
            }
        }
        response.setStatus(204);
    }

    /** The body, or null when it is larger than the limit. */
    private byte @Nullable [] read(HttpServletRequest request) throws IOException {
        int limit = config.maxReportBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[2048];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > limit) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /**
     * The violation a report describes, when it is about a host other than the site's own: reports of
     * inline code, {@code eval}, {@code data:} and the like are not about hosts and are dropped.
     */
    Optional<CspViolation> violation(ReportParser.Raw raw, String ownHost) {
        String url = raw.blockedUrl();
        Optional<String> host = host(url);
        if (host.isEmpty() || host.get().equals(ownHost)) {
            return Optional.empty();
        }
        Optional<Service> service = catalog.serviceForHost(host.get());
        String directive = raw.directive().length() > 64 || !raw.directive().matches("[a-z-]*")
                ? "" : raw.directive();
        boolean enforced = !raw.disposition().equalsIgnoreCase("report");
        return Optional.of(new CspViolation(
                service.isPresent() ? CspViolation.Kind.SERVICE_NOT_ALLOWED : CspViolation.Kind.UNKNOWN_HOST,
                host.get(), service.map(Service::id).orElse(""), trim(url), directive, trim(raw.documentUrl()), enforced,
                clock.instant()));
    }

    /** The host of an http(s) or ws(s) URL, lower case; empty for anything else. */
    static Optional<String> host(String url) {
        int colon = url.indexOf("://");
        if (colon < 0) {
            return Optional.empty();
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("wss") && !scheme.equals("ws")) {
            return Optional.empty();
        }
        int start = colon + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = authority.substring(0, close + 1);
        } else {
            int port = authority.indexOf(':');
            host = port < 0 ? authority : authority.substring(0, port);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > 253 || !host.matches("[a-z0-9._-]+|\\[[0-9a-f:.]+\\]")) {
            return Optional.empty();
        }
        return Optional.of(host);
    }

    /** A URL without query and fragment (they may hold personal data), at most {@value #MAX_URL} characters. */
    static String trim(String url) {
        int cut = url.length();
        int q = url.indexOf('?');
        int f = url.indexOf('#');
        if (q >= 0) {
            cut = q;
        }
        if (f >= 0 && f < cut) {
            cut = f;
        }
        String s = url.substring(0, Math.min(cut, MAX_URL));
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private void notify(CspViolation v) {
        try {
            config.listener().violation(v);
        } catch (RuntimeException e) {
            if (!listenerFailureLogged) {
                listenerFailureLogged = true;
                LOG.warn("CSP report listener {} failed; the report was dropped (logged once)", config.listener(), e);
            }
        }
    }

    private void refuse(HttpServletResponse response, int status, String message) throws IOException {
        refused.increment();
        send(response, status, message);
    }

    /** Reads and drops a small body the endpoint refuses, so the connection can serve the next request. */
    private void drain(HttpServletRequest request) {
        drain(request, config.maxReportBytes());
    }

    /** Reads and discards a declared body of at most {@code limit} bytes. */
    private static void drain(HttpServletRequest request, long limit) {
        long declared = request.getContentLengthLong();
        if (declared < 0 || declared > limit) {
            return;
        }
        try (InputStream in = request.getInputStream()) {
            in.skipNBytes(declared);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not drain a refused CSP report: {}", e.toString());
        }
    }

    private static void send(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = ("{\"error\":\"" + message.replaceAll("[\\x00-\\x1f]", " ").replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
