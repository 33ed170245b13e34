package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consent4j.records.ConsentRecordSink;
import org.junit.jupiter.api.Test;

final class ConsentFilterConfigTest {

    private static ConsentFilterConfig.Builder builder() {
        return ConsentFilterConfig.builder().engine(TestSetup.ENGINE);
    }

    @Test
    void buildWhenOnlyEngineThenDocumentedDefaults() {
        ConsentFilterConfig c = builder().build();
        assertEquals("/consent", c.prefix());
        assertEquals("consent4j", c.cookieName());
        assertTrue(c.secureCookie());
        assertEquals("", c.cookieDomain());
        assertEquals(List.of(), c.expireDomains());
        assertTrue(c.expireParentDomains());
        assertTrue(c.keys().isEmpty());
        assertEquals("none", c.jurisdictionResolver().toString());
        assertEquals(UnknownCookiePolicy.BLOCK, c.unknownCookies());
        assertEquals(CacheMode.VARY, c.cacheMode());
        assertEquals(8192, c.maxBody());
        assertEquals(256, c.inventorySize());
        assertEquals(ConsentRecordSink.NONE, c.recordSink());
        assertTrue(c.recordGpcOptOuts());
        assertFalse(c.recordClientAddress());
        assertFalse(c.recordUserAgent());
        assertTrue(c.gpcLastUpdate().isEmpty());
    }

    @Test
    void buildWhenCalledTwiceThenNoSideEffectAndEqualConfigs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path catalog = dir.resolve("site-catalog.json");
        java.nio.file.Files.writeString(catalog, """
                {"version": 1, "services": [{"id": "shop-session", "name": "Shop session", "category": "necessary",
                  "cookies": [{"name": "SHOPSESSION", "lifetime": "session", "description": "Session id."}],
                  "legalBasis": "contract", "risk": "low", "source": "https://example.com/"}]}
                """);
        ConsentFilterConfig.Builder b = ConsentFilterConfig.builder()
                .settings(Map.of("catalog", catalog.toString(), "prefix", "/c", "max-body", "512",
                        "necessary-cookies", "A,B", "banner-language", "en"));
        ConsentFilterConfig first = b.build();
        ConsentFilterConfig second = b.build();
        assertEquals(first.toString(), second.toString());
        assertEquals(first.engine().catalog().revision(), second.engine().catalog().revision());
        assertEquals(first.prefix(), second.prefix());
        assertEquals(first.maxBody(), second.maxBody());
        assertEquals(first.necessaryCookies(), second.necessaryCookies());
        assertEquals(first.banner().orElseThrow().toString(), second.banner().orElseThrow().toString());
        assertEquals(first.htmlGate().isPresent(), second.htmlGate().isPresent());
        // The builder still builds its own engine from the files: giving one now is the documented conflict,
        // which a builder changed by the first build() would not report.
        assertThrows(IllegalStateException.class, () -> b.engine(TestSetup.ENGINE).build());
    }

    @Test
    void buildWhenEngineGivenTwiceThenSameEngineBothTimes() {
        ConsentFilterConfig.Builder b = builder().prefix("/c");
        assertTrue(b.build().engine() == b.build().engine());
    }

    @Test
    void buildWhenConsentPolicySettingGivenThenTheEngineUsesItAndABadFileIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path policy = dir.resolve("consent-policy.json");
        java.nio.file.Files.writeString(policy, """
                {"honourGpcBeyondMandate": false, "exemptions": ["GB/statistics"],
                 "acceptedRevisions": {"categories": {"analytics": ["a1b2c3d4"]}}}
                """);
        ConsentFilterConfig c = ConsentFilterConfig.builder().settings(Map.of("consent-policy", policy.toString())).build();
        assertFalse(c.engine().policy().honourGpcBeyondMandate());
        assertTrue(c.engine().policy().exemptionOn("GB", "statistics"));
        assertEquals(java.util.Set.of("a1b2c3d4"), c.engine().policy().acceptedCategoryRevisions().get("analytics"));
        java.nio.file.Path bad = dir.resolve("bad-policy.json");
        java.nio.file.Files.writeString(bad, "{\"grantOverGpc\": \"sometimes\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsentFilterConfig.builder().settings(Map.of("consent-policy", bad.toString())).build());
        assertTrue(e.getMessage().contains("bad-policy.json") && e.getMessage().contains("/grantOverGpc"), e.getMessage());
    }

    @Test
    void buildWhenNoEngineThenBundledCatalogAndJurisdictions() {
        ConsentFilterConfig c = ConsentFilterConfig.builder().build();
        assertEquals(org.consent4j.core.catalog.Catalogs.bundled().revision(), c.engine().catalog().revision());
        assertEquals(org.consent4j.core.jurisdiction.Regime.OPT_OUT, c.engine().jurisdictions().resolve("US-CA").regime());
        assertEquals(org.consent4j.core.jurisdiction.Regime.OPT_IN, c.engine().jurisdictions().fallback().regime());
    }

    @Test
    void buildWhenSiteFilesGivenThenLoadedOnTopOfTheBundledOnes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path catalog = dir.resolve("site-catalog.json");
        java.nio.file.Files.writeString(catalog, """
                {"version": 1, "services": [{"id": "shop-session", "name": "Shop session", "category": "necessary",
                  "cookies": [{"name": "SHOPSESSION", "lifetime": "session", "description": "Session id."}],
                  "legalBasis": "contract", "risk": "low", "source": "https://example.com/"}]}
                """);
        java.nio.file.Path jurisdictions = dir.resolve("jurisdictions.json");
        java.nio.file.Files.writeString(jurisdictions, """
                {"jurisdictions": [{"code": "US-CA", "name": "California", "regime": "OPT_IN", "gpcHonoured": true,
                  "gpcSince": "2020-08-14", "maxChoiceAge": "P1Y", "laws": ["CCPA/CPRA"], "source": "test override"}]}
                """);
        ConsentFilterConfig c = ConsentFilterConfig.builder()
                .settings(Map.of("catalog", catalog.toString(), "jurisdictions", jurisdictions.toString())).build();
        assertEquals("shop-session", c.engine().catalog().serviceForCookie("SHOPSESSION").orElseThrow().id());
        assertTrue(c.engine().catalog().services().size() > 10, "the bundled services are still there");
        assertEquals(org.consent4j.core.jurisdiction.Regime.OPT_IN, c.engine().jurisdictions().resolve("US-CA").regime());
        assertEquals(org.consent4j.core.jurisdiction.Regime.OPT_IN, c.engine().jurisdictions().resolve("FR").regime());
    }

    @Test
    void buildWhenSiteCatalogInvalidThenCatalogExceptionNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path catalog = dir.resolve("broken-catalog.json");
        java.nio.file.Files.writeString(catalog, "{\"version\": 1, \"services\": [{\"id\": \"x\", \"category\": \"nope\"}]}");
        RuntimeException e = assertThrows(org.consent4j.core.catalog.CatalogException.class,
                () -> ConsentFilterConfig.builder().catalogFiles(List.of(catalog)).build());
        assertTrue(e.getMessage().contains("broken-catalog.json"), e.getMessage());
    }

    @Test
    void buildWhenEngineAndFilesBothGivenThenRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder().jurisdictionsFile(java.nio.file.Path.of("j.json")).build());
        assertTrue(e.getMessage().contains("both an engine and catalog or jurisdiction files"), e.getMessage());
    }

    @Test
    void prefixWhenMalformedThenRejected() {
        for (String bad : List.of("consent", "/consent/", "/", "/a b", "/a?b", "")) {
            assertThrows(IllegalArgumentException.class, () -> builder().prefix(bad), bad);
        }
        assertEquals("/api/v1/consent", builder().prefix("/api/v1/consent").build().prefix());
    }

    @Test
    void valuesWhenOutOfRangeThenRejectedWithTheRule() {
        assertThrows(IllegalArgumentException.class, () -> builder().cookieName("a b"));
        assertThrows(IllegalArgumentException.class, () -> builder().cookieName("a;b"));
        assertThrows(IllegalArgumentException.class, () -> builder().cookieDomain("https://example.com"));
        assertThrows(IllegalArgumentException.class, () -> builder().expireDomains(List.of("example.com", "-bad-.com")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder().maxBody(10));
        assertTrue(e.getMessage().contains("between 256 and 1048576"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder().inventorySize(0));
        assertThrows(IllegalArgumentException.class, () -> builder().allowedOrigins(Set.of("example.com")));
        assertThrows(IllegalArgumentException.class, () -> builder().necessaryCookies(Set.of("a=b")));
    }

    @Test
    void settingsWhenAllGivenThenApplied() {
        ConsentFilterConfig c = builder().settings(Map.ofEntries(
                Map.entry("prefix", "/privacy"), Map.entry("cookie-name", "cc"), Map.entry("cookie-secure", "FALSE"),
                Map.entry("cookie-domain", "Example.com"), Map.entry("expire-domains", "example.com, .www.example.com"),
                Map.entry("keys", TestSetup.KEYS.format()), Map.entry("jurisdiction", "vercel"),
                Map.entry("unknown-cookies", "allow"), Map.entry("necessary-cookies", "csrf,lang"),
                Map.entry("inventory-size", "10"), Map.entry("cache", "private"), Map.entry("max-body", "1024"),
                Map.entry("allowed-origins", "https://www.example.com"), Map.entry("gpc-last-update", "2026-03-01"),
                Map.entry("record-gpc-opt-outs", "false"), Map.entry("record-client-address", "true"),
                Map.entry("record-user-agent", "true"))).build();
        assertEquals("/privacy", c.prefix());
        assertEquals("cc", c.cookieName());
        assertFalse(c.secureCookie());
        assertEquals("example.com", c.cookieDomain());
        assertEquals(List.of("example.com", ".www.example.com"), c.expireDomains());
        assertEquals("t1", c.keys().orElseThrow().signing().id());
        assertEquals(List.of("X-Vercel-IP-Country", "X-Vercel-IP-Country-Region"), c.jurisdictionResolver().headers());
        assertEquals(UnknownCookiePolicy.ALLOW, c.unknownCookies());
        assertEquals(Set.of("csrf", "lang"), c.necessaryCookies());
        assertEquals(10, c.inventorySize());
        assertEquals(CacheMode.PRIVATE, c.cacheMode());
        assertEquals(1024, c.maxBody());
        assertEquals(Set.of("https://www.example.com:443"), c.allowedOrigins());
        assertEquals("2026-03-01", c.gpcLastUpdate().orElseThrow().toString());
        assertFalse(c.recordGpcOptOuts());
        assertTrue(c.recordClientAddress());
        assertTrue(c.recordUserAgent());
        assertFalse(c.toString().contains(TestSetup.KEYS.signing().encodedSecret()), "no secret in toString");
    }

    @Test
    void settingsWhenKeysFromEnvironmentThenRead() {
        ConsentFilterConfig c = builder().settings(Map.of("keys-env", "MY_KEYS"),
                name -> name.equals("MY_KEYS") ? TestSetup.KEYS.format() : null).build();
        assertEquals(TestSetup.KEYS.keys(), c.keys().orElseThrow().keys());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().settings(Map.of("keys-env", "MISSING"), name -> null));
        assertTrue(e.getMessage().contains("MISSING is not set"), e.getMessage());
    }

    @Test
    void settingsWhenBadValueThenMessageNamesSettingNotSecret() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().settings(Map.of("keys", "k1:c2hvcnQ")));
        assertTrue(e.getMessage().startsWith("consent filter setting 'keys': signing key 'k1' has 5 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains("c2hvcnQ"));
        for (Map.Entry<String, String> bad : List.of(Map.entry("cookie-secure", "yes"), Map.entry("max-body", "lots"),
                Map.entry("cache", "public"), Map.entry("gpc-last-update", "yesterday"), Map.entry("jurisdiction", "akamai"),
                Map.entry("jurisdiction", "fixed:France"), Map.entry("jurisdiction", "headers:"))) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> builder().settings(Map.of(bad.getKey(), bad.getValue())));
            assertTrue(x.getMessage().contains("'" + bad.getKey() + "'"), x.getMessage());
        }
    }

    @Test
    void jsonWhenValidThenSameAsSettings() {
        ConsentFilterConfig c = builder().settingsJson("{\"prefix\":\"/c\",\"max-body\":512,\"cookie-secure\":false,"
                + "\"expire-domains\":[\"a.example\",\"b.example\"],\"jurisdiction\":\"headers:X-Country,X-Region\"}", "test.json").build();
        assertEquals("/c", c.prefix());
        assertEquals(512, c.maxBody());
        assertFalse(c.secureCookie());
        assertEquals(List.of("a.example", "b.example"), c.expireDomains());
        assertEquals(List.of("X-Country", "X-Region"), c.jurisdictionResolver().headers());
    }

    @Test
    void settingsJsonWhenSecurityKeyGivenTwiceThenRejectedNamingTheKeyPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder().settingsJson("""
                {"cookie-secure": true,
                 "prefix": "/c",
                 "cookie-secure": false}
                """, "site.json"));
        assertTrue(e.getMessage().startsWith("site.json is not valid JSON: duplicate key \"cookie-secure\""), e.getMessage());
        assertTrue(e.getMessage().contains(" at /cookie-secure (line 3,"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> builder().settingsJson("{\"keys\": \"k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"} {\"keys\": \"\"}", "site.json"));
        assertTrue(e.getMessage().contains("more than one JSON value"), e.getMessage());
    }

    @Test
    void jsonWhenDeprecatedNamesUsedThenSameAsSettingsJson() {
        @SuppressWarnings("deprecation")
        ConsentFilterConfig c = builder().json("{\"prefix\":\"/old\"}", "old.json").build();
        assertEquals("/old", c.prefix());
    }

    @Test
    void jsonWhenMalformedThenMessageNamesSourceAndPointer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder().settingsJson("{\"prefix\":", "site.json"));
        assertTrue(e.getMessage().startsWith("site.json is not valid JSON"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder().settingsJson("[]", "site.json"));
        assertTrue(e.getMessage().contains("one JSON object"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder().settingsJson("{\"prefix\":{\"a\":1}}", "site.json"));
        assertTrue(e.getMessage().contains("site.json: /prefix"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder().settingsJson("{\"prefx\":\"/c\"}", "site.json"));
        assertTrue(e.getMessage().startsWith("site.json: unknown consent filter setting(s) [prefx]"), e.getMessage());
    }
}
