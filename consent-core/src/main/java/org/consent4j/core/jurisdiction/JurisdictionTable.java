package org.consent4j.core.jurisdiction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps a visitor's location to the {@link Jurisdiction} whose rules apply.
 *
 * <p>Resolution tries the subdivision ({@code US-CA}), then its country ({@code US}), then the
 * {@linkplain #fallback() fallback}. Codes are case-insensitive. An empty, malformed or unknown
 * location gets the fallback, which is {@link Regime#OPT_IN} in the bundled table: the most
 * protective rules apply when the location is not known. Immutable and thread-safe.
 */
public final class JurisdictionTable {

    private final Map<String, Jurisdiction> byCode;
    private final Jurisdiction fallback;

    private JurisdictionTable(Collection<Jurisdiction> entries, Jurisdiction fallback) {
        Map<String, Jurisdiction> map = new HashMap<>();
        for (Jurisdiction j : entries) {
            if (j.isDefault()) {
                throw new IllegalArgumentException("pass the '" + Jurisdiction.DEFAULT_CODE + "' entry as the fallback, not as an entry");
            }
            map.put(j.code(), j);
        }
        this.byCode = Map.copyOf(map);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * A table of the given entries; a later entry with the same code replaces an earlier one.
     *
     * @param fallback the rules for unknown locations
     */
    public static JurisdictionTable of(Collection<Jurisdiction> entries, Jurisdiction fallback) {
        return new JurisdictionTable(entries, fallback);
    }

    /** The rules for a location such as {@code US-CA}, {@code fr}, {@code DE-BY}; never empty. */
    public Jurisdiction resolve(String location) {
        if (location == null || location.isEmpty()) {
            return fallback;
        }
        String code = location.trim().toUpperCase(Locale.ROOT);
        Jurisdiction j = byCode.get(code);
        if (j != null) {
            return j;
        }
        int dash = code.indexOf('-');
        if (dash > 0) {
            j = byCode.get(code.substring(0, dash));
            if (j != null) {
                return j;
            }
        }
        return fallback;
    }

    /** The entry with exactly this code, without falling back. */
    public Optional<Jurisdiction> get(String code) {
        return Optional.ofNullable(byCode.get(code.toUpperCase(Locale.ROOT)));
    }

    /** The rules for unknown locations. */
    public Jurisdiction fallback() {
        return fallback;
    }

    /** Every entry but the fallback, sorted by code. */
    public List<Jurisdiction> entries() {
        List<Jurisdiction> list = new ArrayList<>(byCode.values());
        list.sort(Comparator.comparing(Jurisdiction::code));
        return List.copyOf(list);
    }

    /** A copy with {@code overrides} added or replacing entries of the same code (and the fallback, if given). */
    public JurisdictionTable with(Collection<Jurisdiction> overrides) {
        List<Jurisdiction> all = new ArrayList<>(byCode.values());
        Jurisdiction fb = fallback;
        for (Jurisdiction j : overrides) {
            if (j.isDefault()) {
                fb = j;
            } else {
                all.add(j);
            }
        }
        return new JurisdictionTable(all, fb);
    }
}
