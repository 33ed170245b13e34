package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site's declaration of the services it uses, from its catalog file or the builder. */
final class SiteInventoryTest {

    private static final String SITE = """
            {"version": 1,
             "uses": ["google-analytics", "youtube"],
             "services": [{"id": "site-language", "name": "Language", "category": "functional",
                           "cookies": [{"name": "lang", "lifetime": "P1Y", "description": "Language."}]}]}""";

    @Test
    void loadWhenSiteDeclaresUsesThenInventoryHoldsThoseAndItsOwnServices(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("site.json"), SITE);
        Catalog catalog = Catalogs.load(file);
        SiteInventory inventory = catalog.inventory();

        assertTrue(inventory.declared());
        assertEquals(List.of("site-language", "google-analytics", "youtube"),
                inventory.services().stream().map(Service::id).toList());
        assertTrue(inventory.uses("youtube"));
        assertFalse(inventory.uses("meta-pixel"));
        // The knowledge base still recognises every bundled service.
        assertEquals("meta-pixel", catalog.serviceForCookie("_fbp").orElseThrow().id());
        assertEquals(List.of("site-language", "google-analytics", "youtube"),
                inventory.catalog().services().stream().map(Service::id).toList());
        assertTrue(inventory.catalog().serviceForCookie("_fbp").isEmpty());
        assertEquals(catalog.revision(), inventory.catalog().revision());
        assertEquals(catalog.categories(), inventory.catalog().categories());
    }

    @Test
    void revisionCoversTheServicesInUseOnly(@TempDir Path dir) throws IOException {
        Catalog a = Catalogs.load(Files.writeString(dir.resolve("a.json"), "{\"version\": 1, \"uses\": [\"youtube\"]}"));
        Catalog b = Catalogs.load(Files.writeString(dir.resolve("b.json"), "{\"version\": 1, \"uses\": [\"youtube\", \"hotjar\"]}"));
        Catalog c = Catalog.builder().addAll(Catalogs.bundled()).uses("youtube").build();

        assertNotEquals(a.revision(), b.revision());
        assertEquals(a.revision(), c.revision());
        assertNotEquals(a.revision(), Catalogs.bundled().revision());
    }

    @Test
    void inventoryWhenNothingDeclaredThenEveryService() {
        Catalog bundled = Catalogs.bundled();
        assertFalse(bundled.inventory().declared());
        assertEquals(bundled.services().size(), bundled.inventory().services().size());
        assertTrue(bundled.inventory().catalog() == bundled);
    }

    @Test
    void loadWhenUsesNamesUnknownOrBadIdsThenSaysWhichAndWhere(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"),
                "{\"version\": 1, \"uses\": [\"youtube\", \"no-such-service\", 3, \"Bad Id\", \"youtube\"]}");
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.load(file));
        String m = e.getMessage();
        assertTrue(m.contains("bad.json:/uses/1: the site declares it uses service 'no-such-service', which the catalog does not have"), m);
        assertTrue(m.contains("/uses/2"), m);
        assertTrue(m.contains("/uses/3: 'Bad Id' is not a service id"), m);
        assertTrue(m.contains("/uses/4: service 'youtube' is listed twice under /uses"), m);
    }

    @Test
    void builderWhenUsesUnknownIdThenRefuses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Catalog.builder().addAll(Catalogs.bundled()).uses("nope").build());
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void toBuilderKeepsTheDeclaration() {
        Catalog c = Catalog.builder().addAll(Catalogs.bundled()).uses("youtube", "hotjar").build();
        assertEquals(c.revision(), c.toBuilder().build().revision());
        assertEquals(2, c.toBuilder().build().inventory().services().size());
    }
}
