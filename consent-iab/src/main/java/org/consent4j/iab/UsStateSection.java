package org.consent4j.iab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A GPP US state section ({@code usca}, {@code usva}, {@code usco}, … see {@link UsState}), version 1,
 * with the state's notice, opt-out and consent fields by their specification names.
 *
 * <p>Codes are those of the state's specification: for notices and opt-outs {@code 0} not applicable,
 * {@code 1} yes (notice given / opted out), {@code 2} no; for consents {@code 0} not applicable and
 * {@code 1}/{@code 2} as the state's text defines them; {@code MspaCoveredTransaction} is {@code 1} yes or
 * {@code 2} no (and may be {@code 0} not applicable in the first five state sections, whose specifications
 * list that value).
 *
 * @param state                           the state, which fixes the layout
 * @param fields                          every Int(2) field of the state's layout, by name (e.g.
 *                                        {@code SaleOptOut}), in string order
 * @param sensitiveDataProcessing         the {@code SensitiveDataProcessing} entries
 * @param knownChildSensitiveDataConsents the {@code KnownChildSensitiveDataConsents} entries
 * @param gpc                             the GPC sub-section's value, when present (only for states that
 *                                        have one)
 */
public record UsStateSection(UsState state, Map<String, Integer> fields, List<Integer> sensitiveDataProcessing,
                             List<Integer> knownChildSensitiveDataConsents, Optional<Boolean> gpc)
        implements GppSection {

    private static final Set<String> NOTICES_GIVEN = Set.of("SharingNotice", "ProcessingNotice", "SaleOptOutNotice",
            "SharingOptOutNotice", "TargetedAdvertisingOptOutNotice");

    public UsStateSection {
        Objects.requireNonNull(state, "state");
        String name = state.sectionName();
        List<String> layout = names(state);
        for (String f : fields.keySet()) {
            if (!layout.contains(f)) {
                throw new IabFormatException(name + "." + f, "is not a field of the " + name + " section; its fields"
                        + " are " + layout);
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String f : layout) {
            Integer v = fields.get(f);
            if (v == null) {
                throw new IabFormatException(name + "." + f, "is missing");
            }
            boolean covered = f.equals("MspaCoveredTransaction") && !state.mspaCoveredMayBeNotApplicable();
            if (covered ? v != 1 && v != 2 : v < 0 || v > 2) {
                throw new IabFormatException(name + "." + f, covered ? "must be 1 (yes) or 2 (no), not " + v
                        : "must be 0, 1 or 2, not " + v);
            }
            ordered.put(f, v);
        }
        fields = Collections.unmodifiableMap(ordered);
        sensitiveDataProcessing = List.copyOf(sensitiveDataProcessing);
        knownChildSensitiveDataConsents = List.copyOf(knownChildSensitiveDataConsents);
        entries(name + ".SensitiveDataProcessing", sensitiveDataProcessing, state.sensitiveDataCount());
        entries(name + ".KnownChildSensitiveDataConsents", knownChildSensitiveDataConsents, state.knownChildCount());
        Objects.requireNonNull(gpc, "gpc");
        if (gpc.isPresent() && !state.hasGpc()) {
            throw new IabFormatException(name + ".Gpc", "the " + name + " section has no GPC sub-section");
        }
    }

    private static List<String> names(UsState state) {
        List<String> all = new ArrayList<>(state.leadingFields());
        all.addAll(state.trailingFields());
        return all;
    }

    private static void entries(String field, List<Integer> values, int size) {
        if (values.size() != size) {
            throw new IabFormatException(field, "needs " + size + " entries, not " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) < 0 || values.get(i) > 2) {
                throw new IabFormatException(field + "[" + i + "]", "must be 0, 1 or 2, not " + values.get(i));
            }
        }
    }

    /**
     * A section for {@code state} with the notices of sale, sharing and targeted advertising given (and the
     * processing notice, where the state has one), the opt-outs as stated for the fields the state has,
     * sensitive data and child data not applicable, not an MSPA-covered transaction, and the GPC signal
     * where the state's section carries it.
     *
     * @param state                         the state
     * @param optedOutOfSale                whether the visitor opted out of sale
     * @param optedOutOfSharing             whether the visitor opted out of sharing (California)
     * @param optedOutOfTargetedAdvertising whether the visitor opted out of targeted advertising
     * @param gpc                           the visitor's Global Privacy Control signal
     */
    public static UsStateSection of(UsState state, boolean optedOutOfSale, boolean optedOutOfSharing,
                                    boolean optedOutOfTargetedAdvertising, boolean gpc) {
        Map<String, Integer> f = new LinkedHashMap<>();
        for (String name : names(state)) {
            f.put(name, switch (name) {
                case "SaleOptOut" -> optedOutOfSale ? 1 : 2;
                case "SharingOptOut" -> optedOutOfSharing ? 1 : 2;
                case "TargetedAdvertisingOptOut" -> optedOutOfTargetedAdvertising ? 1 : 2;
                case "MspaCoveredTransaction" -> 2;
                default -> NOTICES_GIVEN.contains(name) ? 1 : 0;
            });
        }
        return new UsStateSection(state, f, Collections.nCopies(state.sensitiveDataCount(), 0),
                Collections.nCopies(state.knownChildCount(), 0), state.hasGpc() ? Optional.of(gpc) : Optional.empty());
    }

    /**
     * The value of a field of this state's layout.
     *
     * @throws IllegalArgumentException naming the field and the state's fields when the state has no such field
     */
    public int value(String field) {
        Integer v = fields.get(field);
        if (v == null) {
            throw new IllegalArgumentException(state.sectionName() + " has no field '" + field + "'; its fields are "
                    + fields.keySet());
        }
        return v;
    }

    /** Whether the state's section has this field. */
    public boolean has(String field) {
        return fields.containsKey(field);
    }

    @Override
    public int id() {
        return state.id();
    }

    @Override
    public String name() {
        return state.sectionName();
    }

    @Override
    public String encode() {
        String name = state.sectionName();
        BitWriter w = new BitWriter().integer(name + ".Version", 1, 6);
        for (String f : state.leadingFields()) {
            w.integer(name + "." + f, Objects.requireNonNull(fields.get(f), f), 2); // the constructor checked every field
        }
        sensitiveDataProcessing.forEach(v -> w.integer(name + ".SensitiveDataProcessing", v, 2));
        knownChildSensitiveDataConsents.forEach(v -> w.integer(name + ".KnownChildSensitiveDataConsents", v, 2));
        for (String f : state.trailingFields()) {
            w.integer(name + "." + f, Objects.requireNonNull(fields.get(f), f), 2); // the constructor checked every field
        }
        String core = w.base64(8);
        return gpc.map(g -> core + "." + new BitWriter().integer(name + ".SubsectionType", 1, 2).bool(g).base64(8))
                .orElse(core);
    }

    /**
     * Decodes the section text of {@code state}.
     *
     * @throws IabFormatException naming the field that is wrong; nothing else, whatever the input
     */
    public static UsStateSection decode(UsState state, String text) {
        String name = state.sectionName();
        String[] parts = text.split("\\.", -1);
        BitReader r = BitReader.of(parts[0], name);
        int version = r.small("Version", 6);
        if (version != 1) {
            throw new IabFormatException(name + ".Version", "version " + version + " is not supported; only 1");
        }
        Map<String, Integer> f = new LinkedHashMap<>();
        for (String field : state.leadingFields()) {
            f.put(field, r.small(field, 2));
        }
        List<Integer> sensitive = new ArrayList<>();
        for (int i = 0; i < state.sensitiveDataCount(); i++) {
            sensitive.add(r.small("SensitiveDataProcessing", 2));
        }
        List<Integer> child = new ArrayList<>();
        for (int i = 0; i < state.knownChildCount(); i++) {
            child.add(r.small("KnownChildSensitiveDataConsents", 2));
        }
        for (String field : state.trailingFields()) {
            f.put(field, r.small(field, 2));
        }
        Optional<Boolean> gpc = Optional.empty();
        if (parts.length > 2) {
            throw new IabFormatException(name, "has " + (parts.length - 1) + " sub-sections; at most one (GPC)");
        }
        if (parts.length == 2) {
            if (!state.hasGpc()) {
                throw new IabFormatException(name + ".SubsectionType", "the " + name + " section has no sub-sections");
            }
            BitReader sub = BitReader.of(parts[1], name + ".subsection");
            int type = sub.small("SubsectionType", 2);
            if (type != 1) {
                throw new IabFormatException(name + ".SubsectionType", "sub-section type " + type
                        + " is unknown; only 1 (GPC)");
            }
            gpc = Optional.of(sub.bool("Gpc"));
        }
        return new UsStateSection(state, f, sensitive, child, gpc);
    }
}
