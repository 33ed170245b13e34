package org.consent4j.core.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * An immutable open-addressing table from strings to a service, probed with a region of a longer
 * string and that region's {@link String#hashCode()}, so prefix and parent-domain lookups need no
 * substring. Values are pre-wrapped {@code Optional}s, so a hit allocates nothing.
 */
final class LookupTable {

    private final String[] keys;
    private final Optional<Service>[] values;
    private final int mask;

    @SuppressWarnings("unchecked")
    LookupTable(Map<String, Service> entries, Map<Service, Optional<Service>> wrapped) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2) - 1) << 1;
        keys = new String[capacity];
        values = new Optional[capacity];
        mask = capacity - 1;
        entries.forEach((key, service) -> {
            int i = spread(key.hashCode()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = wrapped.get(service);
        });
    }

    /**
     * The service stored under {@code s[from, to)}, whose {@code String.hashCode()} is {@code hash};
     * null when there is none.
     */
    Optional<Service> get(String s, int from, int to, int hash) {
        return find(s, from, to, hash, false);
    }

    /**
     * Like {@link #get}, for ASCII {@code s} against lower-case keys: {@code hash} is the hash of the
     * region in lower case, and upper-case ASCII letters in {@code s} match.
     */
    Optional<Service> getIgnoreCase(String s, int from, int to, int hash) {
        return find(s, from, to, hash, true);
    }

    private Optional<Service> find(String s, int from, int to, int hash, boolean ignoreCase) {
        int length = to - from;
        int i = spread(hash) & mask;
        String key;
        while ((key = keys[i]) != null) {
            if (key.length() == length && key.hashCode() == hash && s.regionMatches(ignoreCase, from, key, 0, length)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
