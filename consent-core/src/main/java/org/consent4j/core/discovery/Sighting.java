package org.consent4j.core.discovery;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing discovery saw that the site's inventory does not account for.
 *
 * @param kind      what it is
 * @param subject   the cookie name, the host, or the catalog service id
 * @param serviceId the catalog service it belongs to; empty for unknown cookies and hosts
 * @param count     how many times it was seen
 * @param firstSeen when it was first seen
 * @param lastSeen  when it was last seen
 * @param page      the path of the page (or request) it was first seen on, without query
 * @param evidence  how it was first seen, e.g. {@code script www.example.net/tag.js} or
 *                  {@code Set-Cookie}
 */
public record Sighting(Kind kind, String subject, String serviceId, long count, Instant firstSeen, Instant lastSeen,
                       String page, String evidence) {

    /** Checks that every component is present. */
    public Sighting {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(evidence, "evidence");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }

    /** What a sighting is about. */
    public enum Kind {
        /** A cookie the catalog does not know. */
        UNKNOWN_COOKIE,
        /** A third-party host the catalog does not know. */
        UNKNOWN_HOST,
        /** A catalog service (by its cookie or host) that the site did not declare it uses. */
        UNDECLARED_SERVICE
    }
}
