package org.consent4j.core.discovery;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.catalog.SiteInventory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns from real traffic what a site loads that its inventory does not account for: cookies the
 * catalog does not know, third-party hosts the catalog does not know, and catalog services seen
 * (by a cookie or a host) that the site did not declare it uses (every catalog service seen, while
 * the site has declared none).
 *
 * <p>Feed it from anywhere a site's traffic is seen: the HTML gate's URLs, the {@code Set-Cookie}
 * gate, Content-Security-Policy violation reports. Each call classifies against the catalog (the
 * knowledge base, with host and path) and the site's {@link SiteInventory}; what the inventory
 * already declares is ignored.
 *
 * <p>Bounded: at most {@link #capacity()} distinct sightings are kept; sightings of further subjects
 * are only counted ({@link DiscoveryReport#dropped()}). Subjects, pages and evidence are clipped, and
 * queries are never kept (they may hold personal data). The first sighting of each subject is logged
 * at INFO. Thread-safe and cheap enough to call for every URL of every page.
 */
public final class Discovery {

    /** The default number of distinct sightings kept. */
    public static final int DEFAULT_CAPACITY = 512;

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);
    private static final int MAX_SUBJECT = 253;
    private static final int MAX_PATH = 200;

    private final Catalog catalog;
    private final SiteInventory inventory;
    private final int capacity;
    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    private Discovery(Catalog catalog, int capacity, Clock clock) {
        this.catalog = catalog;
        this.inventory = catalog.inventory();
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Discovery against this catalog and its inventory, keeping {@link #DEFAULT_CAPACITY} sightings. */
    public static Discovery of(Catalog catalog) {
        return of(catalog, DEFAULT_CAPACITY, Clock.systemUTC());
    }

    /**
     * Discovery against this catalog and its inventory.
     *
     * @param capacity the most distinct sightings kept, 1 to 100,000
     * @throws IllegalArgumentException for a capacity out of range
     */
    public static Discovery of(Catalog catalog, int capacity, Clock clock) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(clock, "clock");
        if (capacity < 1 || capacity > 100_000) {
            throw new IllegalArgumentException("discovery capacity must be between 1 and 100000, was " + capacity);
        }
        return new Discovery(catalog, capacity, clock);
    }

    /**
     * A URL the site's traffic loads from: an unknown host or an undeclared service is recorded.
     * Call it only for third-party hosts (the site's own are never unknown hosts).
     *
     * @param host   the host name
     * @param path   the URL's path (a query or fragment is dropped); empty for none
     * @param source how it was seen, e.g. {@code script}, {@code iframe}, {@code csp:img-src}
     * @param page   the path of the page it was seen on (a query is dropped)
     */
    public void host(String host, String path, String source, String page) {
        String p = clipPath(path);
        Optional<Service> service = catalog.serviceForHost(host, p);
        String h = clip(host.toLowerCase(Locale.ROOT), MAX_SUBJECT);
        if (service.isPresent()) {
            if (!inventory.declared() || !inventory.uses(service.get().id())) {
                record(Sighting.Kind.UNDECLARED_SERVICE, service.get().id(), service.get().id(), page, source, h, p);
            }
        } else if (!h.isEmpty()) {
            record(Sighting.Kind.UNKNOWN_HOST, h, "", page, source, h, p);
        }
    }

    /**
     * A cookie the site's traffic sets or sends: an unknown name or an undeclared service is recorded.
     *
     * @param name   the cookie name (never its value)
     * @param source how it was seen, e.g. {@code Set-Cookie}
     * @param page   the path of the request it was seen on (a query is dropped)
     */
    public void cookie(String name, String source, String page) {
        Optional<Service> service = catalog.serviceForCookie(name);
        if (service.isPresent()) {
            if (!inventory.declared() || !inventory.uses(service.get().id())) {
                record(Sighting.Kind.UNDECLARED_SERVICE, service.get().id(), service.get().id(), page, source,
                        clip(name, 128), "");
            }
        } else {
            record(Sighting.Kind.UNKNOWN_COOKIE, clip(name, 128), "", page, source, "", "");
        }
    }

    /** Records a sighting; the evidence is {@code source detail detail2}, built only for a new subject. */
    private void record(Sighting.Kind kind, String subject, String serviceId, String page, String source,
                        String detail, String detail2) {
        Key key = new Key(kind, subject);
        Entry e = entries.get(key);
        long now = clock.millis();
        if (e == null) {
            if (entries.size() >= capacity) {
                dropped.increment();
                return;
            }
            String evidence = detail.isEmpty() ? source : source + " " + detail + detail2;
            Entry created = new Entry(serviceId, now, clipPath(page), printable(clip(evidence, MAX_SUBJECT + MAX_PATH)));
            e = entries.putIfAbsent(key, created);
            if (e == null) {
                e = created;
                if (LOG.isInfoEnabled()) {
                    LOG.info("discovered {} '{}' on {} ({}): {}", kind.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            printable(subject), printable(created.page), created.evidence, advice(kind));
                }
            }
        }
        e.count.increment();
        e.lastSeen = now;
    }

    private static String advice(Sighting.Kind kind) {
        return switch (kind) {
            case UNKNOWN_COOKIE -> "describe it in the site's catalog";
            case UNKNOWN_HOST -> "attribute it to a service in the site's catalog";
            case UNDECLARED_SERVICE -> "list it under \"uses\" in the site's catalog, or stop loading it";
        };
    }

    /** What was seen so far: unknown hosts, then unknown cookies, then undeclared services, each by subject. */
    public DiscoveryReport report() {
        List<Sighting> list = entries.entrySet().stream()
                .map(x -> new Sighting(x.getKey().kind(), x.getKey().subject(), x.getValue().serviceId,
                        Math.max(1, x.getValue().count.sum()), Instant.ofEpochMilli(x.getValue().firstSeen),
                        Instant.ofEpochMilli(x.getValue().lastSeen), x.getValue().page, x.getValue().evidence))
                .sorted(Comparator.comparing((Sighting s) -> order(s.kind())).thenComparing(Sighting::subject))
                .toList();
        return new DiscoveryReport(clock.instant(), catalog.revision(), inventory.declared(),
                inventory.services().stream().map(Service::id).toList(), list, dropped.sum());
    }

    private static int order(Sighting.Kind kind) {
        return switch (kind) {
            case UNKNOWN_HOST -> 0;
            case UNKNOWN_COOKIE -> 1;
            case UNDECLARED_SERVICE -> 2;
        };
    }

    /** The most distinct sightings kept. */
    public int capacity() {
        return capacity;
    }

    /** The catalog sightings are classified against. */
    public Catalog catalog() {
        return catalog;
    }

    private static String clipPath(String path) {
        int q = path.indexOf('?');
        int f = path.indexOf('#');
        int end = q < 0 ? f : f < 0 ? q : Math.min(q, f);
        String p = end < 0 ? path : path.substring(0, end);
        return printable(clip(p, MAX_PATH));
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                StringBuilder sb = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char d = s.charAt(j);
                    sb.append(d < 0x20 || d == 0x7f ? '?' : d);
                }
                return sb.toString();
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return "Discovery[sightings=" + entries.size() + ", capacity=" + capacity + ", dropped=" + dropped.sum() + "]";
    }

    private record Key(Sighting.Kind kind, String subject) {
    }

    private static final class Entry {
        final String serviceId;
        final long firstSeen;
        final String page;
        final String evidence;
        final LongAdder count = new LongAdder();
        volatile long lastSeen;

        Entry(String serviceId, long firstSeen, String page, String evidence) {
            this.serviceId = serviceId;
            this.firstSeen = firstSeen;
            this.page = page;
            this.evidence = evidence;
            this.lastSeen = firstSeen;
        }
    }
}
