package org.consent4j.servlet;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Makes the filter's own cookies: the consent cookie and expiries of refused ones. */
final class CookieWriter {

    /** Browsers cap cookie lifetime at 400 days (RFC 6265bis, "Max-Age" and "Expires" limits). */
    static final Duration MAX_LIFETIME = Duration.ofDays(400);

    private final String name;
    private final boolean secure;
    private final String domain;
    private final List<String> expiryDomains;
    private final Consumer<Cookie> customizer;

    CookieWriter(String name, boolean secure, String domain, List<String> expiryDomains, Consumer<Cookie> customizer) {
        this.name = name;
        this.secure = secure;
        this.domain = domain;
        this.expiryDomains = List.copyOf(expiryDomains);
        this.customizer = customizer;
    }

    /** The consent cookie: HttpOnly, SameSite=Lax, Path=/, Secure unless configured off. */
    Cookie consentCookie(String value, Duration lifetime) {
        Cookie c = new Cookie(name, value);
        c.setPath("/");
        long seconds = Math.max(1, Math.min(lifetime.toSeconds(), MAX_LIFETIME.toSeconds()));
        c.setMaxAge((int) seconds);
        c.setSecure(secure);
        c.setHttpOnly(true);
        c.setAttribute("SameSite", "Lax");
        if (!domain.isEmpty()) {
            c.setDomain(domain);
        }
        customizer.accept(c);
        return c;
    }

    /** Cookies that expire {@code cookieName} host-only and on every configured domain. */
    List<Cookie> expiries(String cookieName, boolean secureRequest) {
        List<Cookie> list = new ArrayList<>(1 + expiryDomains.size());
        boolean hostPrefix = cookieName.startsWith("__Host-");
        boolean securePrefix = hostPrefix || cookieName.startsWith("__Secure-");
        list.add(expiry(cookieName, "", secureRequest || securePrefix));
        if (!hostPrefix) {
            for (String d : expiryDomains) {
                list.add(expiry(cookieName, d, secureRequest || securePrefix));
            }
        }
        return list;
    }

    private static Cookie expiry(String cookieName, String domain, boolean secure) {
        Cookie c = new Cookie(cookieName, "");
        c.setPath("/");
        c.setMaxAge(0);
        c.setSecure(secure);
        if (!domain.isEmpty()) {
            c.setDomain(domain);
        }
        return c;
    }

    String name() {
        return name;
    }
}
