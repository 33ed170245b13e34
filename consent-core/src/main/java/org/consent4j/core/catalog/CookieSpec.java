package org.consent4j.core.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A cookie a service sets, as the catalog declares it.
 *
 * @param name         the name: exact, prefix or pattern
 * @param party        first or third party
 * @param domain       the domain it is set on when third-party (e.g. {@code segmetrics.com}); empty for
 *                     first-party cookies on the site's own host
 * @param lifetime     how long it lives
 * @param descriptions what it is for, per language (English is the fallback); may be empty
 * @param path         the {@code Path} it is set with, {@code /} unless the catalog says otherwise; the
 *                     filter expires a refused cookie there as well as on {@code /}
 */
public record CookieSpec(CookieName name, Party party, String domain, CookieLifetime lifetime,
                         LocalizedText descriptions, String path) {

    /** A cookie path: {@code /} then printable characters other than {@code ;} (RFC 6265 §4.1.1 path-value). */
    private static final Pattern PATH = Pattern.compile("/[\\x21-\\x3A\\x3C-\\x7E]{0,255}");

    /** Checks that every component is present. */
    public CookieSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(descriptions, "descriptions");
        Objects.requireNonNull(path, "path");
        if (!isPath(path)) {
            throw new IllegalArgumentException("cookie path '" + path + "' must start with '/' and hold at most 256 "
                    + "printable characters other than ';' and spaces, e.g. /shop");
        }
    }

    /** A cookie on {@code Path=/} with an English description (empty for none). */
    public CookieSpec(CookieName name, Party party, String domain, CookieLifetime lifetime, String description) {
        this(name, party, domain, lifetime, description.isEmpty() ? LocalizedText.empty() : LocalizedText.of(description), "/");
    }

    /** A first-party cookie with an exact name. */
    public static CookieSpec firstParty(String name, String lifetime, String description) {
        return new CookieSpec(CookieName.exact(name), Party.FIRST, "", CookieLifetime.parse(lifetime), description);
    }

    /** What it is for, in English; empty when the catalog says nothing. */
    public String description() {
        return descriptions.english();
    }

    /**
     * What it is for in {@code language}, else in English (see {@link LocalizedText#get(String)});
     * empty when the catalog says nothing.
     */
    public String description(String language) {
        return descriptions.get(language);
    }

    static boolean isPath(String path) {
        return PATH.matcher(path).matches();
    }
}
