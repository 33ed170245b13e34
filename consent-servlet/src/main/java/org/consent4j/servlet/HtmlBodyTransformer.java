package org.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.consent4j.html.HtmlGate;
import org.jspecify.annotations.Nullable;

/**
 * Streams HTML responses through the {@link HtmlGate}: the body transformer the filter uses unless the
 * gate is turned off. Which bodies are rewritten is decided per response, at its first write, flush
 * or close, by {@link #rewrites}.
 */
final class HtmlBodyTransformer implements BodyTransformer {

    private final HtmlGate gate;
    private final HeadMarkup headMarkup;
    private final GatedHtmlHeaders headers;
    private final SiteTraffic traffic;

    HtmlBodyTransformer(HtmlGate gate, HeadMarkup headMarkup, GatedHtmlHeaders headers, SiteTraffic traffic) {
        this.gate = gate;
        this.headMarkup = headMarkup;
        this.headers = headers;
        this.traffic = traffic;
    }

    HtmlGate gate() {
        return gate;
    }

    @Override
    public ServletOutputStream wrap(ServletOutputStream out, HttpServletRequest request, GatedResponse response,
                                    ConsentContext context) {
        return new GatedBodyStream(out, request, response, context, gate, headMarkup, headers, traffic);
    }

    @Override
    public boolean mayRewrite(HttpServletRequest request, GatedResponse response, @Nullable ServletOutputStream stream) {
        if (stream instanceof GatedBodyStream body) {
            return body.mayRewrite();
        }
        String type = response.getContentType();
        return (type == null || isHtml(type)) && bodyStatus(response.getStatus()) && !encoded(response);
    }

    /** What to do with a body, decided from the headers as they are now. */
    enum Verdict {
        /** Rewrite it through the gate. */
        GATE,
        /** Pass it through unchanged, with any Content-Length the application set. */
        PASS,
        /** Pass it through unchanged: HTML already compressed by something inside the filter. */
        PASS_ENCODED
    }

    /**
     * Rewrites {@code text/html} bodies of responses that carry a whole body: not 1xx, 204, 205, 304
     * or a 206 range, and not already content-encoded. A HEAD response is rewritten like its GET
     * (the container discards the body but may compute Content-Length from it, which must then be
     * the gated length).
     */
    static Verdict rewrites(HttpServletRequest request, HttpServletResponse response) {
        String type = response.getContentType();
        if (type == null || !isHtml(type) || !bodyStatus(response.getStatus())) {
            return Verdict.PASS;
        }
        if (encoded(response)) {
            return Verdict.PASS_ENCODED;
        }
        return Verdict.GATE;
    }

    static boolean isHtml(String contentType) {
        return contentType.stripLeading().toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    private static boolean bodyStatus(int status) {
        return status >= 200 && status != 204 && status != 205 && status != 206 && status != 304;
    }

    private static boolean encoded(HttpServletResponse response) {
        String encoding = response.getHeader("Content-Encoding");
        return encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity");
    }
}
