package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Refuses cross-site writes to the consent endpoints.
 *
 * <ol>
 *   <li>{@code Sec-Fetch-Site} present (every current browser): only {@code same-origin} passes. A page
 *       cannot set or change it, and it survives TLS-terminating proxies.</li>
 *   <li>Else {@code Origin} present: it must be the request's own origin (scheme, host, port as the
 *       container sees them) or one of the configured allowed origins; {@code null} never passes.</li>
 *   <li>Else (old browsers, non-browser clients): it passes only with a same-origin {@code Referer},
 *       or with the header {@value #CUSTOM_HEADER}{@code : 1}, which no cross-site page can send
 *       without a CORS preflight that the filter never grants.</li>
 * </ol>
 */
final class CrossSite {

    static final String CUSTOM_HEADER = "X-Consent4j";

    private CrossSite() {
    }

    /** Why the write is refused, or empty when it may proceed. */
    static Optional<String> refusal(HttpServletRequest request, Set<String> allowedOrigins) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return "same-origin".equals(site.trim()) ? Optional.empty()
                    : Optional.of("cross-site request refused: Sec-Fetch-Site is '" + clip(site)
                    + "'; consent can only be changed from the site's own pages");
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            String normalized = normalize(origin);
            if (normalized != null && (normalized.equals(own(request)) || allowedOrigins.contains(normalized))) {
                return Optional.empty();
            }
            return Optional.of("cross-site request refused: Origin '" + clip(origin)
                    + "' is not this site's origin; consent can only be changed from the site's own pages");
        }
        String referer = request.getHeader("Referer");
        if (referer != null) {
            String normalized = normalize(referer);
            if (normalized != null && (normalized.equals(own(request)) || allowedOrigins.contains(normalized))) {
                return Optional.empty();
            }
        }
        if ("1".equals(request.getHeader(CUSTOM_HEADER))) {
            return Optional.empty();
        }
        return Optional.of("cross-site request refused: no Sec-Fetch-Site, Origin or same-origin Referer header; "
                + "send the request from the site's own pages, or add the header " + CUSTOM_HEADER + ": 1");
    }

    /** Whether {@code url} (a Referer) is on the request's own origin or an allowed one. */
    static boolean sameOrigin(String url, HttpServletRequest request, Set<String> allowedOrigins) {
        String normalized = normalize(url);
        return normalized != null && (normalized.equals(own(request)) || allowedOrigins.contains(normalized));
    }

    static String own(HttpServletRequest request) {
        return origin(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    /** {@code scheme://host:port} in lower case with the port always written; null when not a URL. */
    static @Nullable String normalize(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        int p = port > 0 ? port : s.equals("https") ? 443 : s.equals("http") ? 80 : -1;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return s + "://" + h + ":" + p;
    }

    private static String clip(String s) {
        String t = s.length() > 100 ? s.substring(0, 100) + "…" : s;
        return CookieInventory.printable(t);
    }
}
