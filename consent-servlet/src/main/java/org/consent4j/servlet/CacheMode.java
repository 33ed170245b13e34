package org.consent4j.servlet;

/**
 * How a response that depends on the visitor's consent, GPC signal or location tells caches so.
 * See the caching page of the documentation for the trade-offs.
 */
public enum CacheMode {
    /**
     * Add {@code Vary: Cookie, Sec-GPC} and the jurisdiction resolver's headers (merged with any
     * {@code Vary} the application sets). The default.
     */
    VARY,
    /** Make the response {@code Cache-Control: private}, so no shared cache stores it. */
    PRIVATE
}
