package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.consent4j.core.discovery.Discovery;

/**
 * The operators' discovery endpoint, {@code GET {prefix}/inventory}: the {@link Discovery} report as
 * JSON. Off unless a bearer token is configured; then readable only with
 * {@code Authorization: Bearer <token>}, never from another site (a cross-site fetch is refused,
 * no CORS header is ever sent, and {@code Cross-Origin-Resource-Policy: same-origin} keeps it out of
 * other pages), and never cached.
 */
final class InventoryEndpoint {

    static final String PATH = "/inventory";

    private final String path;
    private final byte[] token;
    private final Discovery discovery;

    InventoryEndpoint(String prefix, String token, Discovery discovery) {
        this.path = prefix + PATH;
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.discovery = discovery;
    }

    /** Whether the endpoint is on and this request path (without context) is its path. */
    boolean handles(String requestPath) {
        return token.length > 0 && requestPath.equals(path);
    }

    void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            ConsentEndpoints.error(response, 405, "method not allowed here; use GET");
            return;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            ConsentEndpoints.error(response, 403, "the inventory is not readable from another site (Sec-Fetch-Site: "
                    + CookieInventory.printable(site.length() > 20 ? site.substring(0, 20) : site) + ")");
            return;
        }
        if (!authorized(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"consent4j inventory\"");
            ConsentEndpoints.error(response, 401, "send the configured inventory token as Authorization: Bearer <token>");
            return;
        }
        byte[] body = discovery.report().toJson().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(body.length);
        if (method.equals("GET")) {
            response.getOutputStream().write(body);
        }
    }

    private boolean authorized(String header) {
        if (header == null || header.length() < 7 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }
}
