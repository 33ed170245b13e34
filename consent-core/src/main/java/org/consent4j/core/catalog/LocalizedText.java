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

    /**
     * The text in {@code language}, else in its base language ({@code pt} for {@code pt-BR}), else
     * English, else any; empty string when there is none.
     */
    public String get(String language) {
        String text = texts.get(languageOf(language));
        return text == null ? "" : text;
    }

    /**
     * The language of the text {@link #get(String)} returns for {@code language}: that language
     * when there is a text in it, else its base language, else {@code en}, else the first present;
     * empty when there is none.
     * A page in {@code language} marks a text in another one with {@code lang}.
     */
    public String languageOf(String language) {
        String lang = language.toLowerCase(Locale.ROOT);
        if (texts.containsKey(lang)) {
            return lang;
        }
        int dash = lang.indexOf('-');
        if (dash > 0 && texts.containsKey(lang.substring(0, dash))) {
            return lang.substring(0, dash);
        }
        if (texts.containsKey(DEFAULT_LANGUAGE)) {
            return DEFAULT_LANGUAGE;
        }
        return texts.isEmpty() ? "" : texts.keySet().iterator().next();
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
