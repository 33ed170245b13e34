package org.consent4j.core.catalog;

import java.util.Objects;

/**
 * A cookie a service sets, as the catalog declares it.
 *
 * @param name        the name: exact, prefix or pattern
 * @param party       first or third party
 * @param domain      the domain it is set on when third-party (e.g. {@code segmetrics.com}); empty for
 *                    first-party cookies on the site's own host
 * @param lifetime    how long it lives
 * @param description what it is for, in English
 */
public record CookieSpec(CookieName name, Party party, String domain, CookieLifetime lifetime, String description) {

    /** Checks that every component is present. */
    public CookieSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(description, "description");
    }

    /** A first-party cookie with an exact name. */
    public static CookieSpec firstParty(String name, String lifetime, String description) {
        return new CookieSpec(CookieName.exact(name), Party.FIRST, "", CookieLifetime.parse(lifetime), description);
    }
}
