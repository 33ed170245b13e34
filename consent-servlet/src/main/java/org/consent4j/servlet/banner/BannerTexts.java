package org.consent4j.servlet.banner;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A site's own wording for the banner and the cookie declaration, per language, replacing the
 * bundled texts key by key.
 *
 * <p>The keys are those of the bundled English texts ({@link #keys()}), e.g. {@code title},
 * {@code intro}, {@code acceptAll}. An override in a language that is not bundled (English, French,
 * German, Spanish) adds that language; its missing keys fall back to English. Texts are plain text:
 * they are always escaped, never interpreted as HTML. Immutable.
 *
 * <pre>{@code
 * BannerTexts texts = BannerTexts.builder()
 *         .text("en", "title", "Your privacy at Example Shop")
 *         .text("fr", "title", "Votre vie privée chez Example Shop")
 *         .build();
 * }</pre>
 */
public final class BannerTexts {

    private static final BannerTexts EMPTY = new BannerTexts(Map.of());
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private final Map<String, Map<String, String>> overrides;

    private BannerTexts(Map<String, Map<String, String>> overrides) {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        overrides.forEach((lang, texts) -> copy.put(lang, Map.copyOf(texts)));
        this.overrides = Map.copyOf(copy);
    }

    /** No overrides: the bundled texts as shipped. */
    public static BannerTexts empty() {
        return EMPTY;
    }

    /** A builder for overrides. */
    public static Builder builder() {
        return new Builder();
    }

    /** The keys a text can be given for, in the order of the bundled English file. */
    public static Set<String> keys() {
        return Texts.KEYS;
    }

    /** The languages that have at least one override. */
    public Set<String> languages() {
        return overrides.keySet();
    }

    Map<String, String> overrides(String language) {
        return overrides.getOrDefault(language, Map.of());
    }

    @Override
    public String toString() {
        return "BannerTexts" + overrides;
    }

    /** Collects overrides; each language and key may be given once. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Map<String, String>> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Replaces the text of {@code key} in {@code language}.
         *
         * @param language lower-case ISO 639 code, e.g. {@code fr}
         * @param key      one of {@link #keys()}
         * @param text     plain text; placeholders such as {@code {count}} keep their meaning
         * @throws IllegalArgumentException for a malformed language, an unknown key or an empty text
         * @throws IllegalStateException    if this language and key were already given
         */
        public Builder text(String language, String key, String text) {
            if (!LANGUAGE.matcher(language).matches()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "banner text language '%s' is not a lower-case ISO 639 code such as 'en' or 'fr'", language));
            }
            if (!Texts.KEYS.contains(key)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "banner text key '%s' is unknown; known keys: %s", key, Texts.KEYS));
            }
            if (text.isBlank()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "banner text '%s' for '%s' is empty; leave it out to keep the bundled text", key, language));
            }
            Map<String, String> texts = overrides.computeIfAbsent(language, l -> new LinkedHashMap<>());
            if (texts.containsKey(key)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "banner text '%s' for '%s' was already set to '%s'", key, language, texts.get(key)));
            }
            texts.put(key, text);
            return this;
        }

        /** The texts. */
        public BannerTexts build() {
            return overrides.isEmpty() ? EMPTY : new BannerTexts(overrides);
        }
    }
}
