package org.consent4j.core.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the catalog knows of one host name: the service of the host alone, and the services of path
 * prefixes on it, longest first. Values are pre-wrapped, so a match allocates nothing.
 */
final class HostEntry {

    /** A path (compared by identity) that asks for any entry of the host: the host alone or a path. */
    static final String ANY_PATH = new String("*any*");

    private final @Nullable Optional<Service> bare;
    private final String[] prefixes;
    private final Optional<Service>[] services;

    private HostEntry(@Nullable Optional<Service> bare, String[] prefixes, Optional<Service>[] services) {
        this.bare = bare;
        this.prefixes = prefixes;
        this.services = services;
    }

    /**
     * The service for {@code path} on this host: the longest matching prefix, else the host alone;
     * null when neither (the caller then tries the parent domain). A null path asks for the host alone.
     */
    @Nullable Optional<Service> match(@Nullable String path) {
        if (path == ANY_PATH) {
            return bare != null ? bare : services.length > 0 ? services[0] : null;
        }
        if (path != null) {
            for (int i = 0; i < prefixes.length; i++) {
                if (matches(prefixes[i], path)) {
                    return services[i];
                }
            }
        }
        return bare;
    }

    /** Whether {@code path} starts with {@code prefix} at a segment boundary. */
    static boolean matches(String prefix, String path) {
        int n = prefix.length();
        if (!path.startsWith(prefix)) {
            return false;
        }
        if (path.length() == n || prefix.charAt(n - 1) == '/') {
            return true;
        }
        char next = path.charAt(n);
        return next == '/' || next == '?' || next == '#' || next == ';';
    }

    /** Collects a host's entries. */
    static final class Builder {
        private @Nullable Optional<Service> bare;
        private final List<String> prefixes = new ArrayList<>();
        private final List<Optional<Service>> services = new ArrayList<>();

        /** Adds the service of the host alone (empty path) or of a path prefix. */
        void add(String path, Optional<Service> service) {
            if (path.isEmpty()) {
                bare = service;
            } else {
                prefixes.add(path);
                services.add(service);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"}) // an array of Optional<Service> can only be made raw
        HostEntry build() {
            Integer[] order = new Integer[prefixes.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> -prefixes.get(i).length())
                    .thenComparing(prefixes::get));
            String[] p = new String[order.length];
            Optional<Service>[] s = new Optional[order.length];
            for (int i = 0; i < order.length; i++) {
                p[i] = prefixes.get(order[i]);
                s[i] = services.get(order[i]);
            }
            return new HostEntry(bare, p, s);
        }
    }
}
