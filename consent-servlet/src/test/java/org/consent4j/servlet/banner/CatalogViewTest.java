package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

final class CatalogViewTest {

    private static final Catalog CATALOG = Fixtures.catalog().toBuilder()
            .service(Service.builder("youtube", Category.MARKETING).name("YouTube").provider("Google LLC")
                    .host("youtube.com").consentText(new LocalizedText(Map.of(
                            "en", "Loading the video sends your IP address to Google.",
                            "fr", "Charger la vidéo transmet votre adresse IP à Google.")))
                    .build())
            .build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String lang, String id) {
        Map<String, Object> view = CatalogView.of(CATALOG, Texts.of(lang, BannerTexts.empty())).toMap();
        for (Object c : (List<Object>) view.get("categories")) {
            for (Object s : (List<Object>) ((Map<String, Object>) c).get("services")) {
                if (((Map<String, Object>) s).get("id").equals(id)) {
                    return (Map<String, Object>) s;
                }
            }
        }
        throw new AssertionError("no service " + id);
    }

    @Test
    void consentTextWhenPageLanguageHasOneThenThatText() {
        assertEquals("Charger la vidéo transmet votre adresse IP à Google.", service("fr", "youtube").get("consentText"));
        assertEquals("fr", service("fr", "youtube").get("consentTextLang"));
    }

    @Test
    void consentTextWhenPageLanguageHasNoneThenEnglishMarkedAsEnglish() {
        assertEquals("Loading the video sends your IP address to Google.", service("de", "youtube").get("consentText"));
        assertEquals("en", service("de", "youtube").get("consentTextLang"));
    }

    @Test
    void consentTextWhenServiceHasNoneThenEmptyInThePageLanguage() {
        assertEquals("", service("de", "segmetrics").get("consentText"));
        assertEquals("de", service("de", "segmetrics").get("consentTextLang"));
    }
}
