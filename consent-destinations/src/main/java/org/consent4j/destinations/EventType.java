package org.consent4j.destinations;

/** The kind of a server-side {@link Event}. */
public enum EventType {
    /** A page view. */
    PAGE,
    /** Something the visitor did, e.g. {@code Signed up}. */
    TRACK,
    /**
     * Who the visitor is: a user id and traits. Always personal data, so it needs the stricter identify
     * rule (see {@link DestinationRouter}).
     */
    IDENTIFY
}
