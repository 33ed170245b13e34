package org.consent4j.destinations;

import java.util.Map;
import java.util.Objects;

/**
 * One server-side event to forward to destinations: a page view, a tracked action, or an identify call.
 *
 * <p>An event is <em>personal</em> when it is an {@link EventType#IDENTIFY} or carries a user id: it links
 * what the visitor does to who they are. Personal events get the stricter identify rule of
 * {@link DestinationRouter}. Immutable; property values should be immutable too (strings, numbers,
 * booleans, and lists or maps made with {@code List.of}/{@code Map.of}).
 *
 * @param type       page, track or identify
 * @param name       the page or action name; empty for identify
 * @param userId     the host's id of the identified user; empty for an anonymous event
 * @param properties event properties, or the traits of an identify call; no null keys or values
 * @param signals    the visitor's IAB privacy strings (GPP, TC string, US Privacy), for the transport to
 *                   pass downstream; {@link PrivacySignals#NONE} unless attached with {@link #withSignals}
 */
public record Event(EventType type, String name, String userId, Map<String, Object> properties,
                    PrivacySignals signals) {

    /** Checks that every component is present. */
    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(signals, "signals");
        properties = Map.copyOf(properties);
        if (type == EventType.IDENTIFY && userId.isBlank()) {
            throw new IllegalArgumentException("an identify event needs a user id: pass the host's id of the user");
        }
    }

    /** An event without privacy strings. */
    public Event(EventType type, String name, String userId, Map<String, Object> properties) {
        this(type, name, userId, properties, PrivacySignals.NONE);
    }

    /** An anonymous page view. */
    public static Event page(String name, Map<String, Object> properties) {
        return new Event(EventType.PAGE, name, "", properties);
    }

    /** An anonymous action, e.g. {@code track("Signed up", Map.of("plan", "pro"))}. */
    public static Event track(String name, Map<String, Object> properties) {
        return new Event(EventType.TRACK, name, "", properties);
    }

    /** Who the visitor is; always personal. */
    public static Event identify(String userId, Map<String, Object> traits) {
        return new Event(EventType.IDENTIFY, "", userId, traits);
    }

    /** A copy attributed to an identified user; the copy is personal. */
    public Event withUserId(String userId) {
        return new Event(type, name, userId, properties, signals);
    }

    /** A copy carrying the visitor's privacy strings, which the router forwards with the event. */
    public Event withSignals(PrivacySignals signals) {
        return new Event(type, name, userId, properties, signals);
    }

    /** Whether the event links to an identified person: an identify call, or any event with a user id. */
    public boolean personal() {
        return type == EventType.IDENTIFY || !userId.isEmpty();
    }
}
