package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

final class CatalogTest {

    private final Catalog catalog = Fixtures.catalog();

    private static String id(Optional<Service> s) {
        return s.map(Service::id).orElse("-");
    }

    @Test
    void serviceForCookieWhenExactPrefixOrUnknown() {
        assertEquals("google-analytics", id(catalog.serviceForCookie("_ga")));
        assertEquals("google-analytics", id(catalog.serviceForCookie("_ga_ABC123")));
        assertEquals("segmetrics", id(catalog.serviceForCookie("sm_uid")));
        assertEquals("segmetrics", id(catalog.serviceForCookie("sm_visitor")));
        assertEquals("-", id(catalog.serviceForCookie("sm_unknown")));
        assertEquals("-", id(catalog.serviceForCookie("")));
    }

    @Test
    void serviceForHostWhenSubdomainCaseOrTrailingDot() {
        assertEquals("segmetrics", id(catalog.serviceForHost("tracking.segmetrics.com")));
        assertEquals("segmetrics", id(catalog.serviceForHost("SEGMETRICS.COM.")));
        assertEquals("meta-pixel", id(catalog.serviceForHost("www.facebook.com")));
        assertEquals("-", id(catalog.serviceForHost("notsegmetrics.com")));
        assertEquals("-", id(catalog.serviceForHost("com")));
        assertEquals("-", id(catalog.serviceForHost("")));
    }

    @Test
    void gpcScopeFollowsPurposeRights() {
        assertTrue(catalog.gpcScopedCategory(Category.MARKETING));
        assertFalse(catalog.gpcScopedCategory(Category.ANALYTICS));
        assertTrue(catalog.gpcScopedService("segmetrics"));
        assertFalse(catalog.gpcScopedService("google-analytics"));
    }

    @Test
    void revisionWhenOnlyTextChangesThenSame() {
        Service ga = catalog.service("google-analytics").orElseThrow();
        Service reworded = new Service(ga.id(), "GA4 (renamed)", ga.provider(), ga.category(), ga.purposes(), ga.cookies(),
                ga.hosts(), ga.transfer(), ga.legalBasis(), ga.risk(), ga.regulations(), LocalizedText.of("new words"),
                ga.consentText(), ga.privacyPolicy(), ga.source());
        assertEquals(catalog.revision(), catalog.toBuilder().service(reworded).build().revision());
    }

    @Test
    void revisionWhenServiceAddedOrCookieChangedThenDifferent() {
        Catalog more = catalog.toBuilder().service(Service.builder("hotjar", Category.ANALYTICS).host("hotjar.com").build()).build();
        assertNotEquals(catalog.revision(), more.revision());
        assertEquals(12, more.revision().length());
        Catalog fewer = catalog.toBuilder().service(Service.builder("segmetrics", Category.MARKETING).build()).build();
        assertNotEquals(catalog.revision(), fewer.revision());
    }

    @Test
    void buildWhenReferencesUnknownThenEveryProblemListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalog.builder()
                .service(Service.builder("x", "nope").purpose("ghost").build())
                .build());
        assertTrue(e.getMessage().contains("'necessary'"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown category 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown purpose 'ghost'"), e.getMessage());
    }

    @Test
    void serviceHostsAreValidated() {
        for (String bad : new String[] {"https://x.com", "*.x.com", "x.com:443", "", "a..b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Service.builder("s", Category.ANALYTICS).host(bad).build(), bad);
            assertTrue(e.getMessage().contains("is not a host name"), e.getMessage());
        }
        for (String bad : new String[] {"x.com/", "x.com/a?b", "x.com/a#b", "x.com/a b", "x.com//a"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Service.builder("s", Category.ANALYTICS).host(bad).build(), bad);
            assertTrue(e.getMessage().contains("path prefix"), e.getMessage());
        }
        assertEquals("cdn.example.com", Service.builder("s", Category.ANALYTICS).host(" CDN.Example.com. ").build().hosts().get(0));
        assertEquals("www.example.com/Maps", Service.builder("s", Category.ANALYTICS).host("WWW.Example.com/Maps").build().hosts().get(0));
    }

    @Test
    void idsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Service.builder("Bad Id", Category.ANALYTICS).build());
        assertTrue(e.getMessage().contains("service id 'Bad Id'"), e.getMessage());
    }

    @Test
    void servicesAreInCategoryOrder() {
        assertEquals(Category.NECESSARY, catalog.services().get(0).category());
        assertEquals(Category.MARKETING, catalog.services().get(catalog.services().size() - 1).category());
        assertEquals(3, catalog.servicesIn(Category.MARKETING).size());
        assertTrue(catalog.servicesIn("unknown").isEmpty());
    }

    @Test
    void localizedTextFallsBackToEnglishThenAny() {
        LocalizedText t = new LocalizedText(java.util.Map.of("en", "Hello", "FR", "Bonjour"));
        assertEquals("Bonjour", t.get("fr"));
        assertEquals("Hello", t.get("de"));
        assertEquals("Hola", new LocalizedText(java.util.Map.of("es", "Hola")).get("en"));
        assertEquals("", LocalizedText.empty().get("en"));
    }
}
