package org.consent4j.servlet;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runtime cookie scanner: the names of cookies the application tried to set that the catalog does
 * not know, with how often and where they were first seen.
 *
 * <p>Bounded: it keeps at most {@link #capacity()} names; sightings of further names are only counted
 * in {@link #overflow()}. The first sighting of each name is logged at INFO (the name and path, never
 * the value). Thread-safe; read it with {@link ConsentFilter#unknownCookies()} or from the servlet
 * context attribute {@value #ATTRIBUTE}.
 */
public final class CookieInventory {

    /** The servlet context attribute the filter publishes its inventory under. */
    public static final String ATTRIBUTE = "org.consent4j.servlet.CookieInventory";
    /** The name recorded for a {@code Set-Cookie} value whose name could not be read. */
    public static final String UNPARSEABLE = "(unparseable)";

    private static final Logger LOG = LoggerFactory.getLogger(CookieInventory.class);
    private static final int MAX_NAME = 128;
    private static final int MAX_PATH = 256;

    private final int capacity;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder overflow = new LongAdder();

    CookieInventory(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    void record(String name, String path, boolean blocked) {
        String key = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= capacity) {
                overflow.increment();
                return;
            }
            Instant now = clock.instant();
            String p = path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path;
            Entry created = new Entry(now, p, blocked);
            e = entries.putIfAbsent(key, created);
            if (e == null) {
                e = created;
                if (LOG.isInfoEnabled()) {
                    LOG.info("unknown cookie '{}' set on {}: {}; add it to the catalog or to the necessary cookies",
                            printable(key), printable(p), blocked ? "blocked" : "allowed (unknown-cookies=allow)");
                }
            }
        }
        e.count.increment();
        e.lastSeen = clock.instant();
    }

    /** The names seen so far, sorted by name. */
    public List<UnknownCookie> snapshot() {
        return entries.entrySet().stream()
                .map(x -> new UnknownCookie(x.getKey(), x.getValue().count.sum(), x.getValue().firstSeen,
                        x.getValue().lastSeen, x.getValue().firstPath, x.getValue().blocked))
                .sorted(Comparator.comparing(UnknownCookie::name))
                .toList();
    }

    /** How many sightings were not kept because the inventory was full. */
    public long overflow() {
        return overflow.sum();
    }

    /** The most names kept. */
    public int capacity() {
        return capacity;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "CookieInventory[names=" + entries.size() + ", capacity=" + capacity + ", overflow=" + overflow() + "]";
    }

    private static final class Entry {
        final Instant firstSeen;
        final String firstPath;
        final boolean blocked;
        final LongAdder count = new LongAdder();
        volatile Instant lastSeen;

        Entry(Instant firstSeen, String firstPath, boolean blocked) {
            this.firstSeen = firstSeen;
            this.firstPath = firstPath;
            this.blocked = blocked;
            this.lastSeen = firstSeen;
        }
    }
}
