package org.consent4j.core.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Categories, purposes and services, with the lookups that attribute a cookie name or a host to a
 * service.
 *
 * <p>Immutable and thread-safe once built. Its {@link #revision()} is a hash of the material content
 * (ids, categories, purposes, rights, cookies, hosts, transfers; not descriptions or labels), so a
 * change that affects what a visitor agreed to makes earlier grants ask again.
 *
 * <p>Cookie attribution: an exact name wins over the longest matching prefix, which wins over the
 * first matching pattern. Host attribution matches the host and every parent domain, the most
 * specific first. Unknown names and hosts give an empty result.
 */
public final class Catalog {

    private final List<Category> categories;
    private final Map<String, Category> categoriesById;
    private final Map<String, Purpose> purposesById;
    private final Map<String, Service> servicesById;
    private final Map<String, List<Service>> servicesByCategory;
    private final Map<String, Service> exactCookies;
    private final Map<String, Service> prefixCookies;
    private final int[] prefixLengths;
    private final List<Map.Entry<CookieName, Service>> patternCookies;
    private final Map<String, Service> hosts;
    private final Set<String> gpcScopedCategories;
    private final Set<String> gpcScopedServices;
    private final String revision;

    private Catalog(Builder b) {
        List<Category> cats = new ArrayList<>(b.categories.values());
        cats.sort(Comparator.comparingInt(Category::order).thenComparing(Category::id));
        this.categories = List.copyOf(cats);
        this.categoriesById = Map.copyOf(b.categories);
        this.purposesById = Map.copyOf(b.purposes);
        this.servicesById = Map.copyOf(b.services);

        Map<String, List<Service>> byCategory = new LinkedHashMap<>();
        categories.forEach(c -> byCategory.put(c.id(), new ArrayList<>()));
        Map<String, Service> exact = new HashMap<>();
        Map<String, Service> prefix = new HashMap<>();
        TreeSet<Integer> lengths = new TreeSet<>(Comparator.reverseOrder());
        List<Map.Entry<CookieName, Service>> patterns = new ArrayList<>();
        Map<String, Service> hostMap = new HashMap<>();
        for (Service s : b.services.values()) {
            byCategory.get(s.category()).add(s);
            for (CookieSpec c : s.cookies()) {
                switch (c.name().kind()) {
                    case EXACT -> exact.put(c.name().value(), s);
                    case PREFIX -> {
                        prefix.put(c.name().value(), s);
                        lengths.add(c.name().value().length());
                    }
                    case PATTERN -> patterns.add(Map.entry(c.name(), s));
                }
            }
            s.hosts().forEach(h -> hostMap.put(h, s));
        }
        byCategory.replaceAll((k, v) -> List.copyOf(v));
        this.servicesByCategory = Map.copyOf(byCategory);
        this.exactCookies = Map.copyOf(exact);
        this.prefixCookies = Map.copyOf(prefix);
        this.prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
        this.patternCookies = List.copyOf(patterns);
        this.hosts = Map.copyOf(hostMap);

        Set<String> scopedCategories = new TreeSet<>();
        for (Purpose p : purposesById.values()) {
            if (p.coveredByGpc()) {
                scopedCategories.add(p.category());
            }
        }
        Set<String> scopedServices = new TreeSet<>();
        for (Service s : servicesById.values()) {
            boolean scoped = s.purposes().isEmpty()
                    ? scopedCategories.contains(s.category())
                    : s.purposes().stream().anyMatch(p -> purposesById.get(p).coveredByGpc());
            if (scoped) {
                scopedServices.add(s.id());
            }
        }
        this.gpcScopedCategories = Set.copyOf(scopedCategories);
        this.gpcScopedServices = Set.copyOf(scopedServices);
        this.revision = computeRevision();
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding everything in this catalog, to extend or override. */
    public Builder toBuilder() {
        Builder b = new Builder();
        categories.forEach(b::category);
        purposesById.values().stream().sorted(Comparator.comparing(Purpose::id)).forEach(b::purpose);
        services().forEach(b::service);
        return b;
    }

    /** The categories, in banner order. */
    public List<Category> categories() {
        return categories;
    }

    /** The category with this id. */
    public Optional<Category> category(String id) {
        return Optional.ofNullable(categoriesById.get(id));
    }

    /** Every purpose, sorted by id. */
    public List<Purpose> purposes() {
        return purposesById.values().stream().sorted(Comparator.comparing(Purpose::id)).toList();
    }

    /** The purpose with this id. */
    public Optional<Purpose> purpose(String id) {
        return Optional.ofNullable(purposesById.get(id));
    }

    /** Every service, by category order then id. */
    public List<Service> services() {
        List<Service> all = new ArrayList<>();
        categories.forEach(c -> all.addAll(servicesIn(c.id())));
        return all;
    }

    /** The service with this id. */
    public Optional<Service> service(String id) {
        return Optional.ofNullable(servicesById.get(id));
    }

    /** The services under a category, sorted by id; empty for an unknown category. */
    public List<Service> servicesIn(String categoryId) {
        List<Service> list = servicesByCategory.get(categoryId);
        return list == null ? List.of() : list.stream().sorted(Comparator.comparing(Service::id)).toList();
    }

    /** The service that sets a cookie of this name, if the catalog knows it. */
    public Optional<Service> serviceForCookie(String cookieName) {
        Service s = exactCookies.get(cookieName);
        if (s != null) {
            return Optional.of(s);
        }
        for (int length : prefixLengths) {
            if (length <= cookieName.length()) {
                s = prefixCookies.get(cookieName.substring(0, length));
                if (s != null) {
                    return Optional.of(s);
                }
            }
        }
        for (Map.Entry<CookieName, Service> e : patternCookies) {
            if (e.getKey().matches(cookieName)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The service that loads from or sends to this host or one of its parent domains. Case and a
     * trailing dot are ignored.
     */
    public Optional<Service> serviceForHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        while (!h.isEmpty()) {
            Service s = hosts.get(h);
            if (s != null) {
                return Optional.of(s);
            }
            int dot = h.indexOf('.');
            if (dot < 0) {
                break;
            }
            h = h.substring(dot + 1);
        }
        return Optional.empty();
    }

    /**
     * Whether Global Privacy Control touches this category: one of its purposes carries a right that
     * GPC opts out of (sale, sharing, targeted advertising).
     */
    public boolean gpcScopedCategory(String categoryId) {
        return gpcScopedCategories.contains(categoryId);
    }

    /**
     * Whether Global Privacy Control touches this service: one of its purposes (or, when it declares
     * none, of its category's purposes) carries a right that GPC opts out of.
     */
    public boolean gpcScopedService(String serviceId) {
        return gpcScopedServices.contains(serviceId);
    }

    /** A short stable hash of the material content (12 lower-case hex digits). */
    public String revision() {
        return revision;
    }

    private String computeRevision() {
        StringBuilder sb = new StringBuilder();
        for (Category c : categories) {
            sb.append("c|").append(c.id()).append('|').append(c.required()).append('\n');
        }
        for (Purpose p : purposes()) {
            sb.append("p|").append(p.id()).append('|').append(p.category()).append('|').append(p.legalBasis())
                    .append('|').append(new TreeSet<>(p.rights())).append('\n');
        }
        servicesById.values().stream().sorted(Comparator.comparing(Service::id)).forEach(s -> {
            sb.append("s|").append(s.id()).append('|').append(s.category()).append('|')
                    .append(new TreeSet<>(s.purposes())).append('|').append(s.legalBasis()).append('|')
                    .append(s.transfer().country()).append('|').append(new TreeSet<>(s.hosts())).append('|');
            s.cookies().stream().map(c -> c.name().kind() + ":" + c.name().value() + ":" + c.party() + ":"
                    + c.domain() + ":" + c.lifetime().duration().toSeconds()).sorted().forEach(x -> sb.append(x).append(','));
            sb.append('\n');
        });
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "Catalog[revision=" + revision + ", categories=" + categories.size() + ", purposes="
                + purposesById.size() + ", services=" + servicesById.size() + "]";
    }

    /**
     * Collects categories, purposes and services. An entry with the id of an earlier one replaces it,
     * which is how a site's catalog overrides the bundled one. {@link #build()} checks every reference.
     * Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, Category> categories = new LinkedHashMap<>();
        private final Map<String, Purpose> purposes = new LinkedHashMap<>();
        private final Map<String, Service> services = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder category(Category category) {
            categories.put(category.id(), category);
            return this;
        }

        public Builder purpose(Purpose purpose) {
            purposes.put(purpose.id(), purpose);
            return this;
        }

        public Builder service(Service service) {
            services.put(service.id(), service);
            return this;
        }

        /** Adds (and overrides by id) everything in {@code other}. */
        public Builder addAll(Catalog other) {
            other.categories().forEach(this::category);
            other.purposes().forEach(this::purpose);
            other.services().forEach(this::service);
            return this;
        }

        /**
         * The catalog.
         *
         * @throws IllegalArgumentException listing every problem: no required {@code necessary}
         *                                  category, or a reference to an unknown category or purpose
         */
        public Catalog build() {
            List<String> problems = new ArrayList<>();
            Category necessary = categories.get(Category.NECESSARY);
            if (necessary == null || !necessary.required()) {
                problems.add("the catalog needs a required category 'necessary' (strictly necessary cookies cannot be refused)");
            }
            for (Purpose p : purposes.values()) {
                if (!categories.containsKey(p.category())) {
                    problems.add("purpose '" + p.id() + "' names unknown category '" + p.category() + "'; known: "
                            + categories.keySet());
                }
            }
            for (Service s : services.values()) {
                if (!categories.containsKey(s.category())) {
                    problems.add("service '" + s.id() + "' names unknown category '" + s.category() + "'; known: "
                            + categories.keySet());
                }
                for (String p : s.purposes()) {
                    if (!purposes.containsKey(p)) {
                        problems.add("service '" + s.id() + "' names unknown purpose '" + p + "'");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid catalog: " + String.join("; ", problems));
            }
            return new Catalog(this);
        }
    }
}
