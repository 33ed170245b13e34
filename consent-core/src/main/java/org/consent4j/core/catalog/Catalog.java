package org.consent4j.core.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

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
 * specific first; a catalog host may carry a path prefix ({@code www.google.com/maps}), and on one
 * host the longest matching path prefix wins over the host alone. Unknown names and hosts give an
 * empty result.
 *
 * <p>A catalog is also the knowledge base of every service it can recognise; the services the site
 * says it uses are its {@link #inventory()}. The revision covers the services in use only.
 */
public final class Catalog {

    /** 31 to the power of the index, wrapping as int arithmetic does; covers every valid host length. */
    private static final int[] POWERS_OF_31 = new int[512];

    static {
        POWERS_OF_31[0] = 1;
        for (int i = 1; i < POWERS_OF_31.length; i++) {
            POWERS_OF_31[i] = 31 * POWERS_OF_31[i - 1];
        }
    }

    private final List<Category> categories;
    private final Map<String, Category> categoriesById;
    private final Map<String, Purpose> purposesById;
    private final Map<String, Service> servicesById;
    private final Map<String, List<Service>> servicesByCategory;
    private final LookupTable<Optional<Service>> exactCookies;
    private final LookupTable<Optional<Service>> prefixCookies;
    /** {@code prefixLength[n]}: whether some prefix has {@code n} characters. */
    private final boolean[] prefixLength;
    private final List<PatternEntry> patternCookies;
    private final LookupTable<HostEntry> hosts;
    /** The ids of the services the site declared it uses; null when it declared none. */
    private final @Nullable Set<String> declared;
    private volatile @Nullable SiteInventory inventory;
    private final Set<String> gpcScopedCategories;
    private final Set<String> gpcScopedServices;
    private final String revision;
    private final Map<String, String> categoryRevisions;
    private final Map<String, String> serviceRevisions;
    private final Map<String, Set<SensitiveData>> sensitiveCategories;

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
        int longestPrefix = 0;
        Map<Service, Optional<Service>> wrapped = new HashMap<>();
        List<PatternEntry> patterns = new ArrayList<>();
        Map<String, HostEntry.Builder> hostMap = new HashMap<>();
        for (Service s : b.services.values()) {
            // every service's category was checked against the categories when the builder added it
            Objects.requireNonNull(byCategory.get(s.category()), s.category()).add(s);
            wrapped.put(s, Optional.of(s));
            for (CookieSpec c : s.cookies()) {
                switch (c.name().kind()) {
                    case EXACT -> exact.put(c.name().value(), s);
                    case PREFIX -> {
                        prefix.put(c.name().value(), s);
                        longestPrefix = Math.max(longestPrefix, c.name().value().length());
                    }
                    case PATTERN -> patterns.add(new PatternEntry(literalPrefix(c.name().value()), c.name(), wrapped.get(s)));
                }
            }
            for (String h : s.hosts()) {
                int slash = h.indexOf('/');
                String name = slash < 0 ? h : h.substring(0, slash);
                hostMap.computeIfAbsent(name, k -> new HostEntry.Builder())
                        .add(slash < 0 ? "" : h.substring(slash), wrapped.get(s));
            }
        }
        byCategory.replaceAll((k, v) -> List.copyOf(v));
        this.servicesByCategory = Map.copyOf(byCategory);
        this.exactCookies = new LookupTable<>(wrap(exact, wrapped));
        this.prefixCookies = new LookupTable<>(wrap(prefix, wrapped));
        this.prefixLength = new boolean[longestPrefix + 1];
        prefix.keySet().forEach(p -> prefixLength[p.length()] = true);
        this.patternCookies = List.copyOf(patterns);
        Map<String, HostEntry> hostEntries = new HashMap<>();
        hostMap.forEach((k, v) -> hostEntries.put(k, v.build()));
        this.hosts = new LookupTable<>(hostEntries);
        this.declared = b.declared == null ? null : Set.copyOf(b.declared);

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
                    : s.purposes().stream().anyMatch(p -> Objects.requireNonNull(purposesById.get(p), p).coveredByGpc());
            if (scoped) {
                scopedServices.add(s.id());
            }
        }
        this.gpcScopedCategories = Set.copyOf(scopedCategories);
        this.gpcScopedServices = Set.copyOf(scopedServices);
        Map<String, String> categoryHashes = new HashMap<>();
        Map<String, String> serviceHashes = new HashMap<>();
        this.revision = computeRevision(categoryHashes, serviceHashes);
        this.categoryRevisions = Map.copyOf(categoryHashes);
        this.serviceRevisions = Map.copyOf(serviceHashes);
        Map<String, Set<SensitiveData>> sensitive = new HashMap<>();
        for (Service s : servicesById.values()) {
            if (!s.sensitive().isEmpty()) {
                Set<SensitiveData> kinds = EnumSet.noneOf(SensitiveData.class);
                kinds.addAll(sensitive.getOrDefault(s.category(), Set.of()));
                kinds.addAll(s.sensitive());
                sensitive.put(s.category(), Set.copyOf(kinds));
            }
        }
        this.sensitiveCategories = Map.copyOf(sensitive);
    }

    private static Map<String, Optional<Service>> wrap(Map<String, Service> m, Map<Service, Optional<Service>> wrapped) {
        Map<String, Optional<Service>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, wrapped.get(v)));
        return out;
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
        if (declared != null) {
            b.uses(declared);
        }
        return b;
    }

    /**
     * The site's inventory: the services it declared it uses (see {@link Builder#uses}), or every
     * service when it declared none. The banner, the cookie declaration and records speak of these.
     */
    public SiteInventory inventory() {
        SiteInventory i = inventory;
        if (i == null) {
            i = new SiteInventory(this, declared);
            inventory = i;
        }
        return i;
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
        int length = cookieName.length();
        @Nullable Optional<Service> found = exactCookies.get(cookieName, 0, length, cookieName.hashCode());
        if (found != null) {
            return found;
        }
        // Longest prefix: hash every prefix incrementally (as String.hashCode does) and probe only the
        // lengths some prefix has; the last hit is the longest.
        int limit = Math.min(length, prefixLength.length - 1);
        int hash = 0;
        for (int i = 0; i < limit; i++) {
            hash = 31 * hash + cookieName.charAt(i);
            if (prefixLength[i + 1]) {
                @Nullable Optional<Service> hit = prefixCookies.get(cookieName, 0, i + 1, hash);
                if (hit != null) {
                    found = hit;
                }
            }
        }
        if (found != null) {
            return found;
        }
        for (PatternEntry e : patternCookies) {
            if (cookieName.startsWith(e.literal) && e.name.matches(cookieName)) {
                return e.service;
            }
        }
        return Optional.empty();
    }

    /** A pattern cookie name with the literal text every match must start with (maybe empty). */
    private record PatternEntry(String literal, CookieName name, Optional<Service> service) {
    }

    /**
     * The literal text at the start of {@code regex} that every whole-name match begins with: letters,
     * digits, '_' and '-' up to the first other character, less the last one if a quantifier follows
     * it; empty when the expression has an alternation anywhere. Lets a lookup skip most patterns with
     * a {@code startsWith} instead of running the expression.
     */
    static String literalPrefix(String regex) {
        if (regex.indexOf('|') >= 0) {
            return "";
        }
        int n = 0;
        while (n < regex.length()) {
            char c = regex.charAt(n);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                break;
            }
            n++;
        }
        if (n < regex.length() && n > 0 && "?*{+".indexOf(regex.charAt(n)) >= 0) {
            n--;
        }
        return regex.substring(0, n);
    }

    /**
     * The service that loads from or sends to this host or one of its parent domains, among the
     * catalog hosts without a path. Case and a trailing dot are ignored.
     */
    public Optional<Service> serviceForHost(String host) {
        return lookupHost(host, null);
    }

    /**
     * The service that loads from or sends to this host and path: the most specific matching host
     * wins, and on one host the longest catalog path prefix that matches {@code path}, else the host
     * alone. A path prefix matches a path equal to it or continuing with {@code /}, {@code ?},
     * {@code #} or {@code ;} (or anything, when the prefix ends with {@code /}); paths are
     * case-sensitive. Allocates nothing for ASCII hosts.
     *
     * @param host the host name (case and a trailing dot are ignored)
     * @param path the URL's path, optionally followed by its query and fragment; empty for none
     */
    public Optional<Service> serviceForHost(String host, String path) {
        return lookupHost(host, path);
    }

    /**
     * Whether the catalog has an entry for this host or a parent domain, with or without a path
     * prefix: a request to it may belong to a catalogued service (for scanners that see hosts before
     * paths). The service of an entry with a path is only a guess; attribute with
     * {@link #serviceForHost(String, String)}.
     */
    public Optional<Service> serviceForHostAnyPath(String host) {
        return lookupHost(host, HostEntry.ANY_PATH);
    }

    private Optional<Service> lookupHost(String host, @Nullable String path) {
        int end = host.length();
        if (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        if (end >= POWERS_OF_31.length) {
            return serviceForUnicodeHost(host, path);
        }
        // One pass hashes the whole host in lower case, as String.hashCode would; the most specific
        // candidate, the host itself, is probed first.
        int full = 0;
        boolean upper = false;
        for (int i = 0; i < end; i++) {
            char c = host.charAt(i);
            if (c >= 0x80) {
                return serviceForUnicodeHost(host, path);
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
                upper = true;
            }
            full = 31 * full + c;
        }
        if (end == 0) {
            return Optional.empty();
        }
        @Nullable HostEntry hit = upper ? hosts.getIgnoreCase(host, 0, end, full) : hosts.get(host, 0, end, full);
        @Nullable Optional<Service> found = hit == null ? null : hit.match(path);
        if (found != null) {
            return found;
        }
        // Then each parent domain, longest first: hash(s[i, end)) = hash(s[0, end)) - hash(s[0, i)) * 31^(end - i).
        int prefix = 0;
        for (int i = 0; i < end - 1; i++) {
            char c = host.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            prefix = 31 * prefix + c;
            if (c == '.') {
                int from = i + 1;
                int hash = full - prefix * POWERS_OF_31[end - from];
                hit = upper ? hosts.getIgnoreCase(host, from, end, hash) : hosts.get(host, from, end, hash);
                found = hit == null ? null : hit.match(path);
                if (found != null) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The general path for hosts with non-ASCII characters, whose lower case may change length. */
    private Optional<Service> serviceForUnicodeHost(String host, @Nullable String path) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        while (!h.isEmpty()) {
            @Nullable HostEntry e = hosts.get(h, 0, h.length(), h.hashCode());
            @Nullable Optional<Service> s = e == null ? null : e.match(path);
            if (s != null) {
                return s;
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

    private String computeRevision(Map<String, String> categoryHashes, Map<String, String> serviceHashes) {
        Map<String, StringBuilder> perCategory = new HashMap<>();
        Map<String, String> categoryLines = new HashMap<>();
        Map<String, String> purposeLines = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        for (Category c : categories) {
            String line = "c|" + c.id() + '|' + c.required() + '\n';
            sb.append(line);
            categoryLines.put(c.id(), line);
            perCategory.put(c.id(), new StringBuilder(line));
        }
        for (Purpose p : purposes()) {
            String line = "p|" + p.id() + '|' + p.category() + '|' + p.legalBasis() + '|' + new TreeSet<>(p.rights()) + '\n';
            sb.append(line);
            purposeLines.put(p.id(), line);
            Objects.requireNonNull(perCategory.get(p.category()), p.category()).append(line);
        }
        servicesById.values().stream().filter(s -> declared == null || declared.contains(s.id()))
                .sorted(Comparator.comparing(Service::id)).forEach(s -> {
            StringBuilder line = new StringBuilder();
            line.append("s|").append(s.id()).append('|').append(s.category()).append('|')
                    .append(new TreeSet<>(s.purposes())).append('|').append(s.legalBasis()).append('|')
                    .append(s.transfer().country()).append('|').append(new TreeSet<>(s.hosts())).append('|');
            s.cookies().stream().map(c -> c.name().kind() + ":" + c.name().value() + ":" + c.party() + ":"
                    + c.domain() + ":" + c.lifetime().duration().toSeconds()).sorted().forEach(x -> line.append(x).append(','));
            line.append('\n');
            sb.append(line);
            Objects.requireNonNull(perCategory.get(s.category()), s.category()).append(line);
            StringBuilder own = new StringBuilder(categoryLines.get(s.category())).append(line);
            s.purposes().stream().sorted().forEach(p -> own.append(purposeLines.get(p)));
            serviceHashes.put(s.id(), hash(own.toString(), 4));
        });
        perCategory.forEach((id, text) -> categoryHashes.put(id, hash(text.toString(), 4)));
        return hash(sb.toString(), 6);
    }

    private static String hash(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * A short stable hash (8 lower-case hex digits) of what a visitor agrees to when choosing this
     * category: the category, its purposes and its services with their cookies, hosts and transfers. A
     * change elsewhere in the catalog leaves it as it is, so only the changed category is asked again.
     * Empty for an unknown id.
     */
    public String categoryRevision(String categoryId) {
        return categoryRevisions.getOrDefault(categoryId, "");
    }

    /**
     * A short stable hash (8 lower-case hex digits) of one service: its material content, its purposes
     * and its category's required flag. Empty for an unknown id.
     */
    public String serviceRevision(String serviceId) {
        return serviceRevisions.getOrDefault(serviceId, "");
    }

    /**
     * The kinds of sensitive data processed under this category: the union of its services' flags.
     * Empty for an unknown id.
     */
    public Set<SensitiveData> sensitiveCategory(String categoryId) {
        return sensitiveCategories.getOrDefault(categoryId, Set.of());
    }

    @Override
    public String toString() {
        return "Catalog[revision=" + revision + ", categories=" + categories.size() + ", purposes="
                + purposesById.size() + ", services=" + servicesById.size()
                + (declared == null ? "" : ", in use=" + declared.size()) + "]";
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
        private @Nullable Set<String> declared;

        private Builder() {
        }

        /** Adds a category; a later one with the same id replaces it. */
        public Builder category(Category category) {
            categories.put(category.id(), category);
            return this;
        }

        /** Adds a purpose; a later one with the same id replaces it. */
        public Builder purpose(Purpose purpose) {
            purposes.put(purpose.id(), purpose);
            return this;
        }

        /** Adds a service; a later one with the same id replaces it. */
        public Builder service(Service service) {
            services.put(service.id(), service);
            return this;
        }

        /** Adds (and overrides by id) everything in {@code other}, and the services it declares in use. */
        public Builder addAll(Catalog other) {
            other.categories().forEach(this::category);
            other.purposes().forEach(this::purpose);
            other.services().forEach(this::service);
            if (other.declared != null) {
                uses(other.declared);
            }
            return this;
        }

        /**
         * Declares services the site uses, by id (bundled or its own); calls add up. Once any is
         * declared, the catalog's {@link Catalog#inventory() inventory} holds those services only;
         * the others stay known, to recognise their cookies and hosts. {@link #build()} checks that
         * each id names a service.
         */
        public Builder uses(Collection<String> serviceIds) {
            Set<String> d = declared == null ? new TreeSet<>() : declared;
            for (String id : serviceIds) {
                d.add(Objects.requireNonNull(id, "service id"));
            }
            declared = d;
            return this;
        }

        /** Like {@link #uses(Collection)}. */
        public Builder uses(String... serviceIds) {
            return uses(List.of(serviceIds));
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
            if (declared != null) {
                for (String id : declared) {
                    if (!services.containsKey(id)) {
                        problems.add("the site declares it uses service '" + id + "', which the catalog does not have;"
                                + " add the service to the site's catalog or correct the id");
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
