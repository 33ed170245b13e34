package org.consent4j.servlet;

/**
 * What the {@code Set-Cookie} gate does with a cookie the catalog does not know (and that is not
 * listed as necessary). Either way its name goes into the {@link CookieInventory}.
 */
public enum UnknownCookiePolicy {
    /** Let it through and report it: for a first rollout, to learn what the site sets. */
    ALLOW,
    /** Drop it and report it: an unclassified cookie is treated as non-essential. The default. */
    BLOCK
}
