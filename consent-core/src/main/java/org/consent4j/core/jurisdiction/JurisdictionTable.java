package org.consent4j.core.jurisdiction;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps a visitor's location, on a given day, to the {@link Jurisdiction} whose rules apply.
 *
 * <p>Resolution on day {@code d} (UTC) tries the subdivision ({@code US-CA}), then its country
 * ({@code US}), then the {@linkplain #fallback() fallback}, taking at each step the entry in effect on
 * {@code d}: a state whose law starts later resolves to its country until then. A code that is an
 * {@linkplain JurisdictionAlias alias} (Réunion {@code RE}) resolves as its target ({@code FR}).
 * Codes are case-insensitive. An empty, malformed or unknown location gets the fallback, which is
 * {@link Regime#OPT_IN} in the bundled table: the most protective rules apply when the location is not
 * known. Immutable and thread-safe.
 */
public final class JurisdictionTable {

    private final Map<String, List<Jurisdiction>> byCode;
    private final Map<String, JurisdictionAlias> aliases;
    private final Jurisdiction fallback;

    private JurisdictionTable(Collection<Jurisdiction> entries, Collection<JurisdictionAlias> aliases, Jurisdiction fallback) {
        Map<String, List<Jurisdiction>> map = new HashMap<>();
        for (Jurisdiction j : entries) {
            if (j.isDefault()) {
                throw new IllegalArgumentException("pass the '" + Jurisdiction.DEFAULT_CODE + "' entry as the fallback, not as an entry");
            }
            map.computeIfAbsent(j.code(), k -> new ArrayList<>()).add(j);
        }
        Map<String, List<Jurisdiction>> sorted = new HashMap<>();
        map.forEach((code, list) -> {
            list.sort(Comparator.comparing(Jurisdiction::from));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).from().isBefore(list.get(i - 1).until())) {
                    throw new IllegalArgumentException("entries for " + code + " overlap: one runs until "
                            + list.get(i - 1).until() + ", the next starts on " + list.get(i).from()
                            + "; give each period its own dates");
                }
            }
            sorted.put(code, List.copyOf(list));
        });
        Map<String, JurisdictionAlias> a = new LinkedHashMap<>();
        for (JurisdictionAlias alias : aliases) {
            if (sorted.containsKey(alias.code())) {
                throw new IllegalArgumentException(alias.code() + " is both an entry and an alias of " + alias.sameAs());
            }
            a.put(alias.code(), alias);
        }
        for (JurisdictionAlias alias : a.values()) {
            if (a.containsKey(alias.sameAs())) {
                throw new IllegalArgumentException("alias " + alias.code() + " points at another alias, " + alias.sameAs()
                        + "; point it at the code whose rules apply");
            }
        }
        this.byCode = Map.copyOf(sorted);
        this.aliases = Map.copyOf(a);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * A table of the given entries; a later entry with the same code and dates replaces an earlier one.
     *
     * @param fallback the rules for unknown locations
     */
    public static JurisdictionTable of(Collection<Jurisdiction> entries, Jurisdiction fallback) {
        return new JurisdictionTable(entries, List.of(), fallback);
    }

    /** A table of the given entries and aliases. */
    public static JurisdictionTable of(Collection<Jurisdiction> entries, Collection<JurisdictionAlias> aliases,
                                       Jurisdiction fallback) {
        return new JurisdictionTable(entries, aliases, fallback);
    }

    /**
     * The rules for a location such as {@code US-CA}, {@code fr}, {@code DE-BY} on {@code day} (UTC); never empty.
     */
    public Jurisdiction resolve(String location, LocalDate day) {
        Objects.requireNonNull(day, "day");
        if (location == null || location.isEmpty()) {
            return fallback;
        }
        String code = location.trim().toUpperCase(Locale.ROOT);
        Jurisdiction j = lookup(code, day);
        if (j != null) {
            return j;
        }
        int dash = code.indexOf('-');
        if (dash > 0) {
            j = lookup(code.substring(0, dash), day);
            if (j != null) {
                return j;
            }
        }
        return fallback;
    }

    private @Nullable Jurisdiction lookup(String code, LocalDate day) {
        JurisdictionAlias alias = aliases.get(code);
        if (alias != null) {
            Jurisdiction j = inEffect(alias.sameAs(), day);
            int dash = alias.sameAs().indexOf('-');
            return j != null || dash < 0 ? j : inEffect(alias.sameAs().substring(0, dash), day);
        }
        return inEffect(code, day);
    }

    private @Nullable Jurisdiction inEffect(String code, LocalDate day) {
        List<Jurisdiction> list = byCode.get(code);
        if (list == null) {
            return null;
        }
        for (int i = 0; i < list.size(); i++) {
            Jurisdiction j = list.get(i);
            if (j.inEffectOn(day)) {
                return j;
            }
        }
        return null;
    }

    /** The rules for a location today (the system clock, UTC). Prefer {@link #resolve(String, LocalDate)}. */
    public Jurisdiction resolve(String location) {
        return resolve(location, LocalDate.now(Clock.systemUTC()));
    }

    /** The entry with exactly this code in effect on {@code day}, without falling back. */
    public Optional<Jurisdiction> get(String code, LocalDate day) {
        return Optional.ofNullable(inEffect(code.toUpperCase(Locale.ROOT), day));
    }

    /** The entry with exactly this code in effect today (UTC), without falling back. */
    public Optional<Jurisdiction> get(String code) {
        return get(code, LocalDate.now(ZoneOffset.UTC));
    }

    /** The rules for unknown locations. */
    public Jurisdiction fallback() {
        return fallback;
    }

    /** Every entry but the fallback, every period included, sorted by code then start. */
    public List<Jurisdiction> entries() {
        List<Jurisdiction> list = new ArrayList<>();
        byCode.values().forEach(list::addAll);
        list.sort(Comparator.comparing(Jurisdiction::code).thenComparing(Jurisdiction::from));
        return List.copyOf(list);
    }

    /** Every alias, sorted by code. */
    public List<JurisdictionAlias> aliases() {
        List<JurisdictionAlias> list = new ArrayList<>(aliases.values());
        list.sort(Comparator.comparing(JurisdictionAlias::code));
        return List.copyOf(list);
    }

    /**
     * A copy where the entries of {@code overrides} replace every period of the same code (and the
     * fallback, if one is given).
     */
    public JurisdictionTable with(Collection<Jurisdiction> overrides) {
        return with(overrides, List.of());
    }

    /**
     * A copy where the entries of {@code overrides} replace every period of the same code (and the
     * fallback, if one is given), and {@code newAliases} are added or replace aliases of the same code.
     */
    public JurisdictionTable with(Collection<Jurisdiction> overrides, Collection<JurisdictionAlias> newAliases) {
        Map<String, List<Jurisdiction>> all = new HashMap<>(byCode);
        Map<String, JurisdictionAlias> a = new LinkedHashMap<>(aliases);
        Jurisdiction fb = fallback;
        Map<String, List<Jurisdiction>> replaced = new HashMap<>();
        for (Jurisdiction j : overrides) {
            if (j.isDefault()) {
                fb = j;
            } else {
                replaced.computeIfAbsent(j.code(), k -> new ArrayList<>()).add(j);
                a.remove(j.code());
            }
        }
        all.putAll(replaced);
        for (JurisdictionAlias alias : newAliases) {
            all.remove(alias.code());
            a.put(alias.code(), alias);
        }
        List<Jurisdiction> entries = new ArrayList<>();
        all.values().forEach(entries::addAll);
        return new JurisdictionTable(entries, a.values(), fb);
    }
}
