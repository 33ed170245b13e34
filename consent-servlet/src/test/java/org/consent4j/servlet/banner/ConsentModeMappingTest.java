package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ConsentModeMappingTest {

    @Test
    void defaultsWhenReadThenDocumentedMapping() {
        ConsentModeMapping m = ConsentModeMapping.defaults();
        assertEquals(List.of("marketing"), m.categoriesFor("ad_storage"));
        assertEquals(List.of("marketing"), m.categoriesFor("ad_user_data"));
        assertEquals(List.of("marketing"), m.categoriesFor("ad_personalization"));
        assertEquals(List.of("analytics"), m.categoriesFor("analytics_storage"));
        assertEquals(List.of("functional"), m.categoriesFor("functionality_storage"));
        assertEquals(List.of("functional"), m.categoriesFor("personalization_storage"));
        assertEquals(List.of("necessary"), m.categoriesFor("security_storage"));
        assertEquals(ConsentModeMapping.TYPES, List.copyOf(m.asMap().keySet()));
    }

    @Test
    void valuesWhenOnlyNecessaryAllowedThenOnlySecurityStorageGranted() {
        Map<String, String> v = ConsentModeMapping.defaults().values(Set.of("necessary")::contains);
        v.forEach((type, value) -> assertEquals(type.equals("security_storage") ? "granted" : "denied", value, type));
    }

    @Test
    void valuesWhenAnalyticsAllowedThenAnalyticsStorageGrantedAdsDenied() {
        Map<String, String> v = ConsentModeMapping.defaults().values(Set.of("necessary", "analytics")::contains);
        assertEquals("granted", v.get("analytics_storage"));
        assertEquals("denied", v.get("ad_storage"));
        assertEquals("denied", v.get("ad_user_data"));
    }

    @Test
    void valuesWhenTypeMappedToTwoCategoriesThenGrantedOnlyWhenBothAllowed() {
        ConsentModeMapping m = ConsentModeMapping.builder().map("ad_storage", "marketing", "ads").build();
        assertEquals("denied", m.values(Set.of("marketing")::contains).get("ad_storage"));
        assertEquals("granted", m.values(Set.of("marketing", "ads")::contains).get("ad_storage"));
    }

    @Test
    void valuesWhenTypeUnmappedThenDeniedEvenIfEverythingAllowed() {
        ConsentModeMapping m = ConsentModeMapping.builder().map("analytics_storage", "analytics").build();
        Map<String, String> v = m.values(c -> true);
        assertEquals("granted", v.get("analytics_storage"));
        assertEquals("denied", v.get("security_storage"));
        assertEquals(7, v.size());
    }

    @Test
    void builderWhenUnknownTypeOrNoCategoryOrTwiceThenRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsentModeMapping.builder().map("ads_storage", "marketing"));
        assertTrue(e.getMessage().contains("ad_storage"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConsentModeMapping.builder().map("ad_storage"));
        assertThrows(IllegalStateException.class,
                () -> ConsentModeMapping.builder().map("ad_storage", "marketing").map("ad_storage", "ads"));
    }
}
