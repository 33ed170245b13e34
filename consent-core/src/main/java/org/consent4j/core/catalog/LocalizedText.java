package org.consent4j.core.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A text in several languages, keyed by lower-case ISO 639-1 language code ({@code en}, {@code fr}).
 *
 * <p>Lookups fall back from the requested language to English, then to any language present, so a
 * partially translated catalog still shows something. Immutable.
 *
 * @param texts language code to text; copied
 */
public record LocalizedText(Map<String, String> texts) {

    private static final LocalizedText EMPTY = new LocalizedText(Map.of());

    /** The fallback language. */
    public static final String DEFAULT_LANGUAGE = "en";

    /** Lower-cases the language codes and copies the texts. */
    public LocalizedText {
        Objects.requireNonNull(texts, "texts");
        TreeMap<String, String> copy = new TreeMap<>();
        texts.forEach((lang, text) -> {
            Objects.requireNonNull(lang, "language");
            Objects.requireNonNull(text, "text");
            copy.put(lang.toLowerCase(Locale.ROOT), text);
        });
        texts = java.util.Collections.unmodifiableMap(copy);
    }

    /** No text in any language. */
    public static LocalizedText empty() {
        return EMPTY;
    }

    /** An English-only text. */
    public static LocalizedText of(String english) {
        return new LocalizedText(Map.of(DEFAULT_LANGUAGE, english));
    }

    /** The text in {@code language}, else English, else any; empty string when there is none. */
    public String get(String language) {
        String text = texts.get(language.toLowerCase(Locale.ROOT));
        if (text == null) {
            text = texts.get(DEFAULT_LANGUAGE);
        }
        if (text == null) {
            text = texts.isEmpty() ? "" : texts.values().iterator().next();
        }
        return text;
    }

    /** The text for the locale's language (see {@link #get(String)}). */
    public String get(Locale locale) {
        return get(locale.getLanguage());
    }

    /** The English text, or the fallback. */
    public String english() {
        return get(DEFAULT_LANGUAGE);
    }

    /** Whether no language has a text. */
    public boolean isEmpty() {
        return texts.isEmpty();
    }
}
