package org.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.consent4j.html.HtmlGate;
import org.jspecify.annotations.Nullable;

/**
 * Streams HTML responses through the {@link HtmlGate}: the body transformer the filter uses unless the
 * gate is turned off. Which bodies are rewritten is decided per response, when its first bytes are
 * due at the container, by {@link #rewrites}; which of them get the head markup, by {@link #skipReason}.
 */
final class HtmlBodyTransformer implements BodyTransformer {

    private final HtmlGate gate;
    private final HeadMarkup headMarkup;
    private final GatedHtmlHeaders headers;
    private final SiteTraffic traffic;
    private final boolean languageDependent;

    /**
     * @param headers           headers added to each gated body before its head markup is made (the CSP)
     * @param traffic           where each gated page is noted for the site inventory
     * @param languageDependent whether the head markup depends on {@code Accept-Language} (the banner's does)
     */
    HtmlBodyTransformer(HtmlGate gate, HeadMarkup headMarkup, GatedHtmlHeaders headers, SiteTraffic traffic,
                        boolean languageDependent) {
        this.gate = gate;
        this.headMarkup = headMarkup;
        this.headers = headers;
        this.traffic = traffic;
        this.languageDependent = languageDependent;
    }

    HtmlGate gate() {
        return gate;
    }

    HeadMarkup headMarkup() {
        return headMarkup;
    }

    GatedHtmlHeaders headers() {
        return headers;
    }

    SiteTraffic traffic() {
        return traffic;
    }

    boolean languageDependent() {
        return languageDependent;
    }

    @Override
    public ServletOutputStream wrap(ServletOutputStream out, HttpServletRequest request, GatedResponse response,
                                    ConsentContext context) {
        return new GatedBodyStream(out, request, response, context, this);
    }

    @Override
    public boolean mayRewrite(HttpServletRequest request, GatedResponse response, @Nullable ServletOutputStream stream) {
        if (stream instanceof GatedBodyStream body) {
            return body.mayRewrite();
        }
        String type = response.getContentType();
        return (type == null || isMarkup(type)) && bodyStatus(response.getStatus()) && !encoded(response);
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
     * Rewrites {@code text/html} and {@code application/xhtml+xml} bodies, and bodies without a
     * Content-Type whose first bytes a browser would sniff as HTML, of responses that carry a whole
     * body: not 1xx, 204, 205, 304 or a 206 range, and not already content-encoded. A HEAD response
     * is rewritten like its GET (the container discards the body but may compute Content-Length from
     * it, which must then be the gated length).
     *
     * @param first the body's first bytes, for sniffing when there is no Content-Type, from {@code off},
     *              {@code len} of them
     */
    static Verdict rewrites(HttpServletRequest request, HttpServletResponse response, byte[] first, int off, int len) {
        String type = response.getContentType();
        boolean html = type == null ? Sniff.looksLikeHtml(first, off, len) : isMarkup(type);
        if (!html || !bodyStatus(response.getStatus())) {
            return Verdict.PASS;
        }
        if (encoded(response)) {
            return Verdict.PASS_ENCODED;
        }
        return Verdict.GATE;
    }

    /** {@code text/html} or {@code application/xhtml+xml}, with any parameters. */
    static boolean isMarkup(String contentType) {
        String t = contentType.stripLeading();
        return t.regionMatches(true, 0, "text/html", 0, 9) && (t.length() == 9 || !Character.isLetterOrDigit(t.charAt(9)))
                || t.regionMatches(true, 0, "application/xhtml+xml", 0, 21);
    }

    /**
     * Why this response gets no head markup, as the name of the request header that says so (for
     * {@code Vary}), or the empty string for the request attribute {@link HeadMarkup#SKIP_ATTRIBUTE};
     * null when it gets the markup. Only documents do: a request whose {@code Sec-Fetch-Dest} is
     * absent, {@code document}, {@code iframe} or {@code frame}, that is not an htmx
     * ({@code HX-Request}) or Turbo Frame ({@code Turbo-Frame}) request for a fragment.
     */
    @Nullable String skipReason(HttpServletRequest request) {
        if (request.getAttribute(HeadMarkup.SKIP_ATTRIBUTE) != null) {
            return "";
        }
        String dest = request.getHeader("Sec-Fetch-Dest");
        if (dest != null && !dest.isEmpty()) {
            String d = dest.trim().toLowerCase(Locale.ROOT);
            if (!d.equals("document") && !d.equals("iframe") && !d.equals("frame")) {
                return "Sec-Fetch-Dest";
            }
        }
        if (request.getHeader("HX-Request") != null) {
            return "HX-Request";
        }
        if (request.getHeader("Turbo-Frame") != null) {
            return "Turbo-Frame";
        }
        return null;
    }

    private static boolean bodyStatus(int status) {
        return status >= 200 && status != 204 && status != 205 && status != 206 && status != 304;
    }

    private static boolean encoded(HttpServletResponse response) {
        String encoding = response.getHeader("Content-Encoding");
        return encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity");
    }
}
