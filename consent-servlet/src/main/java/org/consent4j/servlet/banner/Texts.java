package org.consent4j.servlet.banner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The banner and declaration texts of one language: the bundled English texts, overlaid with the
 * bundled texts of the language, then with the site's overrides. Immutable.
 */
final class Texts {

    /** The languages whose texts ship with the library. */
    static final List<String> BUNDLED = List.of("en", "fr", "de", "es", "it", "pt", "pt-BR", "nl", "pl", "sv", "da");

    private static final Map<String, Map<String, String>> BUNDLED_TEXTS;
    /** Every text key, in the order of the English file. */
    static final Set<String> KEYS;

    static {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (String lang : BUNDLED) {
            all.put(lang, Collections.unmodifiableMap(Json.readStrings("i18n/" + lang + ".json")));
        }
        BUNDLED_TEXTS = Collections.unmodifiableMap(all);
        KEYS = Collections.unmodifiableSet(Objects.requireNonNull(all.get("en"), "bundled English texts").keySet());
    }

    private final String language;
    private final Map<String, String> texts;

    private Texts(String language, Map<String, String> texts) {
        this.language = language;
        this.texts = texts;
    }

    /** The bundled texts of a language as shipped, or an empty map for a language not bundled. */
    static Map<String, String> bundled(String language) {
        return BUNDLED_TEXTS.getOrDefault(language, Map.of());
    }

    /**
     * The texts for {@code language}: English, then for a regional variant ({@code pt-BR}) its base
     * language, then the bundled language, then the overrides.
     */
    static Texts of(String language, BannerTexts overrides) {
        Map<String, String> map = new LinkedHashMap<>(BUNDLED_TEXTS.get("en"));
        map.putAll(overrides.overrides("en"));
        int dash = language.indexOf('-');
        if (dash > 0) {
            String base = language.substring(0, dash);
            map.putAll(bundled(base));
            map.putAll(overrides.overrides(base));
        }
        map.putAll(bundled(language));
        map.putAll(overrides.overrides(language));
        return new Texts(language, Collections.unmodifiableMap(map));
    }

    String language() {
        return language;
    }

    /** The text for a key; every key of {@link #KEYS} is present. */
    String get(String key) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no banner text '" + key + "'; known: " + KEYS);
        }
        return text;
    }

    /** The text with each {@code {name}} placeholder replaced by its value. */
    String format(String key, Map<String, String> values) {
        String text = get(key);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("{" + e.getKey() + "}", e.getValue());
        }
        return text;
    }

    /** Every text, for the script. */
    Map<String, String> all() {
        return texts;
    }
}
