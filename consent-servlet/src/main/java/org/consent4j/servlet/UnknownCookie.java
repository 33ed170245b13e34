package org.consent4j.servlet;

import java.time.Instant;

/**
 * A cookie name the application tried to set that the catalog does not know, as seen at runtime.
 *
 * @param name      the cookie name ({@value CookieInventory#UNPARSEABLE} for a {@code Set-Cookie}
 *                  value without a name)
 * @param count     how many times it was seen
 * @param firstSeen when it was first seen
 * @param lastSeen  when it was last seen
 * @param firstPath the request path it was first seen on
 * @param blocked   whether the gate dropped it ({@link UnknownCookiePolicy#BLOCK})
 */
public record UnknownCookie(String name, long count, Instant firstSeen, Instant lastSeen, String firstPath,
                            boolean blocked) {
}
