package org.consent4j.servlet;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Makes the filter's own cookies: the consent cookie and expiries of refused ones. */
final class CookieWriter {

    /** Browsers cap cookie lifetime at 400 days (RFC 6265bis, "Max-Age" and "Expires" limits). */
    static final Duration MAX_LIFETIME = Duration.ofDays(400);

    /** Parent domains expired at most: deeper ones are rare and the host name is the client's to choose. */
    static final int MAX_PARENT_DOMAINS = 8;

    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");
    private static final Pattern HOST = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*");

    private final String name;
    private final boolean secure;
    private final String domain;
    private final List<String> expiryDomains;
    private final boolean parentDomains;
    private final Consumer<Cookie> customizer;

    CookieWriter(String name, boolean secure, String domain, List<String> expiryDomains, boolean parentDomains,
                 Consumer<Cookie> customizer) {
        this.parentDomains = parentDomains;
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

    /**
     * Cookies that expire {@code cookieName} host-only, on every parent domain of {@code host} (when
     * enabled) and on every configured domain, each on every path of {@code paths}. A {@code __Host-}
     * cookie can only live host-only on {@code /}, so it gets that one expiry.
     */
    List<Cookie> expiries(String cookieName, boolean secureRequest, String host, List<String> paths) {
        boolean hostPrefix = cookieName.startsWith("__Host-");
        boolean secure = secureRequest || hostPrefix || cookieName.startsWith("__Secure-");
        if (hostPrefix) {
            return List.of(expiry(cookieName, "", "/", secure));
        }
        List<String> domains = new ArrayList<>();
        domains.add("");
        if (parentDomains) {
            domains.addAll(parentDomains(host));
        }
        for (String d : expiryDomains) {
            String bare = d.startsWith(".") ? d.substring(1) : d;
            if (!domains.contains(bare)) {
                domains.add(bare);
            }
        }
        List<Cookie> list = new ArrayList<>(domains.size() * paths.size());
        for (String path : paths) {
            for (String d : domains) {
                list.add(expiry(cookieName, d, path, secure));
            }
        }
        return list;
    }

    /**
     * The parent domains of a host name that a cookie could have been set on, nearest first:
     * {@code shop.example.co.uk} gives {@code example.co.uk} and {@code co.uk}; never a single label,
     * nothing for an IP address, at most {@value #MAX_PARENT_DOMAINS}. Public suffixes are not removed
     * here: browsers refuse a {@code Domain} attribute that is a public suffix (RFC 6265 §5.3 step 5),
     * with their own, current list.
     */
    static List<String> parentDomains(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.indexOf(':') >= 0 || h.startsWith("[") || IPV4.matcher(h).matches()
                || h.length() > 253 || !HOST.matcher(h).matches()) {
            return List.of();
        }
        List<String> parents = new ArrayList<>();
        int dot = h.indexOf('.');
        while (dot > 0 && parents.size() < MAX_PARENT_DOMAINS) {
            String parent = h.substring(dot + 1);
            if (parent.indexOf('.') < 0) {
                break;
            }
            parents.add(parent);
            dot = h.indexOf('.', dot + 1);
        }
        return parents;
    }

    private static Cookie expiry(String cookieName, String domain, String path, boolean secure) {
        Cookie c = new Cookie(cookieName, "");
        c.setPath(path);
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
