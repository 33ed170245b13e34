package org.consent4j.core.catalog;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable open-addressing table from strings to a service, probed with a region of a longer
 * string and that region's {@link String#hashCode()}, so prefix and parent-domain lookups need no
 * substring. Values are pre-wrapped {@code Optional}s, so a hit allocates nothing.
 *
 * <p>A small bit filter of the keys' hashes (16 bits per key, about 6% false positives) answers most
 * misses without touching the table, which matters because a host or prefix lookup probes several
 * regions of which usually at most one is a key.
 */
final class LookupTable {

    private final @Nullable String[] keys;
    private final @Nullable Optional<Service>[] values;
    private final int mask;
    private final long[] filter;
    private final int filterShift;

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of Optional<Service> can only be made raw
    LookupTable(Map<String, Service> entries, Map<Service, Optional<Service>> wrapped) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2) - 1) << 1;
        keys = new String[capacity];
        values = new Optional[capacity];
        mask = capacity - 1;
        int filterBits = Math.max(64, Integer.highestOneBit(Math.max(1, entries.size() * 16) - 1) << 1);
        filter = new long[filterBits / 64];
        filterShift = 32 - Integer.numberOfTrailingZeros(filterBits);
        entries.forEach((key, service) -> {
            int hash = key.hashCode();
            int bit = filterBit(hash);
            filter[bit >>> 6] |= 1L << bit;
            int i = spread(hash) & mask;
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
    @Nullable Optional<Service> get(String s, int from, int to, int hash) {
        return find(s, from, to, hash, false);
    }

    /**
     * Like {@link #get}, for ASCII {@code s} against lower-case keys: {@code hash} is the hash of the
     * region in lower case, and upper-case ASCII letters in {@code s} match.
     */
    @Nullable Optional<Service> getIgnoreCase(String s, int from, int to, int hash) {
        return find(s, from, to, hash, true);
    }

    private @Nullable Optional<Service> find(String s, int from, int to, int hash, boolean ignoreCase) {
        int bit = filterBit(hash);
        if ((filter[bit >>> 6] & (1L << bit)) == 0) {
            return null;
        }
        int length = to - from;
        boolean whole = from == 0 && to == s.length() && !ignoreCase;
        int i = spread(hash) & mask;
        String key;
        while ((key = keys[i]) != null) {
            if (key.length() == length && key.hashCode() == hash
                    && (whole ? key.equals(s) : s.regionMatches(ignoreCase, from, key, 0, length))) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** A bit index for the filter, from a multiplicative hash independent of the table's slot. */
    private int filterBit(int hash) {
        return (hash * 0x9E3779B9) >>> filterShift;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
