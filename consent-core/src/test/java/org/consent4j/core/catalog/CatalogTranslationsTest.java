package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.consent4j.core.internal.json.StrictJson;
import org.junit.jupiter.api.Test;

final class CatalogTranslationsTest {

    private static JsonNode tree(String json) throws Exception {
        return StrictJson.readTree(json);
    }

    @Test
    void bundledWhenFrenchOverlayThenServiceAndCookieTextsInFrenchEnglishKept() {
        Service ga = Catalogs.bundled().service("google-analytics").orElseThrow();
        assertEquals("fr", ga.description().languageOf("fr"));
        CookieSpec id = ga.cookies().stream().filter(c -> c.name().matches("_ga")).findFirst().orElseThrow();
        assertEquals("Distingue les visiteurs (identifiant client).", id.description("fr"));
        assertEquals("Distinguishes visitors (client id).", id.description());
        assertEquals("Unterscheidet Besucher (Client-ID).", id.description("de"));
        assertEquals("en", id.descriptions().languageOf("sv"), "no Swedish yet: English is the fallback");
    }

    @Test
    void applyWhenCatalogHasTheLanguageAlreadyThenCatalogWinsAndStringsBecomeObjects() throws Exception {
        JsonNode catalog = tree("""
                {"services": [{"id": "s", "description": {"en": "E", "fr": "inline"},
                  "cookies": [{"prefix": "s_", "description": "cookie"}]}]}""");
        CatalogTranslations.apply(catalog, tree("""
                {"language": "fr", "services": {"s": {"description": "overlay", "cookies": {"s_": "biscuit"}}}}"""),
                "fr", "fr.json");
        assertEquals("inline", catalog.at("/services/0/description/fr").textValue());
        assertEquals("cookie", catalog.at("/services/0/cookies/0/description/en").textValue());
        assertEquals("biscuit", catalog.at("/services/0/cookies/0/description/fr").textValue());
    }

    @Test
    void applyWhenOverlayNamesUnknownServiceOrCookieOrWrongLanguageThenEveryProblemNamed() throws Exception {
        JsonNode catalog = tree("""
                {"services": [{"id": "s", "cookies": [{"name": "a"}]}]}""");
        CatalogException e = assertThrows(CatalogException.class, () -> CatalogTranslations.apply(catalog, tree("""
                {"language": "fr", "services": {"nope": {"description": "x"}, "s": {"cookies": {"b": "x", "a": ""}}}}"""),
                "fr", "fr.json"));
        assertEquals(List.of("/services/nope", "/services/s/cookies/b", "/services/s/cookies/a"),
                e.problems().stream().map(CatalogProblem::pointer).toList());
        assertThrows(CatalogException.class, () -> CatalogTranslations.apply(catalog, tree("{\"language\": \"de\"}"), "fr", "fr.json"));
    }
}
