package org.consent4j.servlet.banner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How the visitor's category decisions become Google Consent Mode v2 consent types.
 *
 * <p>A type is {@code granted} when every category mapped to it is allowed for the visitor, and
 * {@code denied} otherwise, including when no category is mapped to it. The default mapping:
 *
 * <table>
 * <caption>Default mapping</caption>
 * <tr><th>consent type</th><th>categories</th></tr>
 * <tr><td>{@code ad_storage}, {@code ad_user_data}, {@code ad_personalization}</td><td>{@code marketing}</td></tr>
 * <tr><td>{@code analytics_storage}</td><td>{@code analytics}</td></tr>
 * <tr><td>{@code functionality_storage}, {@code personalization_storage}</td><td>{@code functional}</td></tr>
 * <tr><td>{@code security_storage}</td><td>{@code necessary} (always allowed, so always granted)</td></tr>
 * </table>
 *
 * <p>Consent types and their meaning: Google tag platform, "Set up consent mode" (consent
 * parameters {@code ad_storage}, {@code ad_user_data}, {@code ad_personalization},
 * {@code analytics_storage}; privacy parameters {@code functionality_storage},
 * {@code personalization_storage}, {@code security_storage}). Immutable.
 */
public final class ConsentModeMapping {

    /** The Consent Mode v2 consent types, in the order they are emitted. */
    public static final List<String> TYPES = List.of("ad_storage", "ad_user_data", "ad_personalization",
            "analytics_storage", "functionality_storage", "personalization_storage", "security_storage");

    private static final ConsentModeMapping DEFAULTS = builder()
            .map("ad_storage", "marketing")
            .map("ad_user_data", "marketing")
            .map("ad_personalization", "marketing")
            .map("analytics_storage", "analytics")
            .map("functionality_storage", "functional")
            .map("personalization_storage", "functional")
            .map("security_storage", "necessary")
            .build();

    private final Map<String, List<String>> categories;

    private ConsentModeMapping(Map<String, List<String>> categories) {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String type : TYPES) {
            ordered.put(type, List.copyOf(categories.getOrDefault(type, List.of())));
        }
        this.categories = java.util.Collections.unmodifiableMap(ordered);
    }

    /** The documented default mapping. */
    public static ConsentModeMapping defaults() {
        return DEFAULTS;
    }

    /** An empty builder: types left unmapped are always denied. */
    public static Builder builder() {
        return new Builder();
    }

    /** The category ids mapped to a consent type; empty when unmapped or unknown. */
    public List<String> categoriesFor(String type) {
        return categories.getOrDefault(type, List.of());
    }

    /** Every consent type with its categories, in {@link #TYPES} order. */
    public Map<String, List<String>> asMap() {
        return categories;
    }

    /** {@code granted} or {@code denied} per consent type, in {@link #TYPES} order. */
    Map<String, String> values(Predicate<String> categoryAllowed) {
        Map<String, String> values = new LinkedHashMap<>();
        categories.forEach((type, cats) -> {
            boolean granted = !cats.isEmpty() && cats.stream().allMatch(categoryAllowed);
            values.put(type, granted ? "granted" : "denied");
        });
        return values;
    }

    @Override
    public String toString() {
        return "ConsentModeMapping" + categories;
    }

    /** Builds a mapping; each consent type may be mapped once. Not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> categories = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Maps a consent type to the categories that must all be allowed for it to be granted.
         *
         * @throws IllegalArgumentException for a type not in {@link #TYPES} or no category
         * @throws IllegalStateException    if the type was already mapped
         */
        public Builder map(String type, String... categoryIds) {
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "'%s' is not a Consent Mode v2 consent type; use one of %s", type, TYPES));
            }
            if (categoryIds.length == 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "consent type '%s' needs at least one category; leave it unmapped to keep it denied", type));
            }
            if (categories.containsKey(type)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "consent type '%s' was already mapped to %s", type, categories.get(type)));
            }
            categories.put(type, List.of(categoryIds));
            return this;
        }

        /** The mapping. */
        public ConsentModeMapping build() {
            return new ConsentModeMapping(categories);
        }
    }
}
