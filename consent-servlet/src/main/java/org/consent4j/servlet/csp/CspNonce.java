package org.consent4j.servlet.csp;

import jakarta.servlet.ServletRequest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The nonce of one request's Content-Security-Policy: inline scripts that carry it
 * ({@code <script nonce="…">}) run under the consent-derived policy in {@code enforce} mode.
 *
 * <p>One nonce per request, chosen at first use and kept in the request attribute
 * {@value #ATTRIBUTE}: the policy header, the banner's inline markup and the page's own templates
 * all get the same value. Templates write it on their inline scripts:
 * <pre>{@code
 * <script nonce="<%= CspNonce.of(request) %>">…</script>
 * }</pre>
 * When the application has a nonce of its own (for its own policy) in a request attribute named by
 * {@link CspConfig#nonceAttribute()}, the consent policy uses that one, so one attribute on each
 * inline script satisfies both policies.
 *
 * @since 0.1.0
 */
public final class CspNonce {

    /** The request attribute holding the nonce once chosen. */
    public static final String ATTRIBUTE = "org.consent4j.servlet.csp.nonce";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private CspNonce() {
    }

    /**
     * The nonce of this request: the one already chosen, else a new one (128 random bits,
     * base64url), which is stored in {@value #ATTRIBUTE}.
     */
    public static String of(ServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String existing && valid(existing)) {
            return existing;
        }
        String nonce = generate();
        request.setAttribute(ATTRIBUTE, nonce);
        return nonce;
    }

    /** The nonce of this request if one was chosen. */
    public static Optional<String> find(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String existing && valid(existing)
                ? Optional.of(existing) : Optional.empty();
    }

    /**
     * The nonce of this request, taking the application's own from {@code appAttribute} (when set and
     * valid) before choosing a new one.
     */
    static String of(ServletRequest request, String appAttribute) {
        if (!appAttribute.isEmpty() && request.getAttribute(ATTRIBUTE) == null
                && request.getAttribute(appAttribute) instanceof String app && valid(app)) {
            request.setAttribute(ATTRIBUTE, app);
            return app;
        }
        return of(request);
    }

    /**
     * Whether a value fits the CSP grammar of a nonce ({@code base64-value}) at a sane length: 16 to 128
     * base64 or base64url characters, then up to two {@code =}. Allocates nothing.
     */
    static boolean valid(String value) {
        int n = value.length();
        int end = n;
        while (end > 0 && n - end < 2 && value.charAt(end - 1) == '=') {
            end--;
        }
        if (end < 16 || end > 128) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A new nonce: 128 random bits, base64url without padding. */
    static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
