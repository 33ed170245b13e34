package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class TextsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z]+}");

    @Test
    void bundledWhenAnyLanguageThenSameKeysAsEnglishAndNoneEmpty() {
        for (String lang : Texts.BUNDLED) {
            Map<String, String> texts = Texts.bundled(lang);
            assertEquals(Texts.KEYS, texts.keySet(), "keys of " + lang);
            texts.forEach((key, text) -> assertFalse(text.isBlank(), lang + "." + key + " is empty"));
        }
    }

    @Test
    void bundledWhenAnyLanguageThenSamePlaceholdersAsEnglish() {
        Map<String, String> english = Texts.bundled("en");
        for (String lang : Texts.BUNDLED) {
            Map<String, String> texts = Texts.bundled(lang);
            for (String key : Texts.KEYS) {
                assertEquals(placeholders(english.get(key)), placeholders(texts.get(key)), lang + "." + key);
            }
        }
    }

    @Test
    void bundledWhenTranslatedThenButtonsDifferFromEnglish() {
        for (String lang : Texts.BUNDLED.subList(1, Texts.BUNDLED.size())) {
            for (String key : Set.of("title", "acceptAll", "rejectAll", "customise", "declarationTitle")) {
                assertFalse(Texts.bundled(lang).get(key).equals(Texts.bundled("en").get(key)), lang + "." + key + " is untranslated");
            }
        }
    }

    @Test
    void ofWhenOverriddenThenOverrideWinsAndOtherKeysKeepBundledText() {
        BannerTexts overrides = BannerTexts.builder().text("fr", "title", "Vos choix chez Exemple").build();
        Texts fr = Texts.of("fr", overrides);
        assertEquals("Vos choix chez Exemple", fr.get("title"));
        assertEquals("Tout refuser", fr.get("rejectAll"));
    }

    @Test
    void ofWhenLanguageNotBundledThenMissingKeysFallBackToEnglishOverridesThenEnglish() {
        BannerTexts overrides = BannerTexts.builder()
                .text("ro", "acceptAll", "Acceptă tot")
                .text("en", "rejectAll", "Decline everything")
                .build();
        Texts it = Texts.of("ro", overrides);
        assertEquals("Acceptă tot", it.get("acceptAll"));
        assertEquals("Decline everything", it.get("rejectAll"));
        assertEquals(Texts.bundled("en").get("customise"), it.get("customise"));
    }

    @Test
    void formatWhenPlaceholderThenReplaced() {
        assertEquals("Services (3)", Texts.of("en", BannerTexts.empty()).format("services", Map.of("count", "3")));
        assertEquals("Dienste (3)", Texts.of("de", BannerTexts.empty()).format("services", Map.of("count", "3")));
    }

    @Test
    void builderWhenUnknownKeyThenErrorListsKnownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BannerTexts.builder().text("en", "titel", "x"));
        assertTrue(e.getMessage().contains("'titel' is unknown") && e.getMessage().contains("acceptAll"), e.getMessage());
    }

    @Test
    void builderWhenBadLanguageOrEmptyTextThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> BannerTexts.builder().text("EN", "title", "x"));
        assertThrows(IllegalArgumentException.class, () -> BannerTexts.builder().text("en-GB", "title", "x"));
        assertThrows(IllegalArgumentException.class, () -> BannerTexts.builder().text("en", "title", "  "));
    }

    @Test
    void builderWhenSameKeyTwiceThenIllegalState() {
        BannerTexts.Builder b = BannerTexts.builder().text("en", "title", "One");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.text("en", "title", "Two"));
        assertTrue(e.getMessage().contains("already set to 'One'"), e.getMessage());
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
