package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class BundledCatalogTest {

    private static final Catalog CATALOG = Catalogs.bundled();
    private static final Set<String> LANGUAGES = Set.of("en", "fr", "de", "es");
    /** The banner speaks these too, so the categories it names carry them. */
    private static final Set<String> BANNER_LANGUAGES = Set.of("en", "fr", "de", "es", "it", "pt", "nl", "pl", "sv", "da");

    @Test
    void bundledWhenCalledTwiceThenReturnsTheSameCachedCatalog() {
        assertSame(CATALOG, Catalogs.bundled());
        assertEquals(12, CATALOG.revision().length());
    }

    @Test
    void bundledHasTheFourStandardCategoriesTranslated() {
        assertEquals(List.of("necessary", "functional", "analytics", "marketing"),
                CATALOG.categories().stream().map(Category::id).toList());
        assertTrue(CATALOG.category("necessary").orElseThrow().required());
        for (Category c : CATALOG.categories()) {
            assertEquals(BANNER_LANGUAGES, c.label().texts().keySet(), c.id());
            assertEquals(BANNER_LANGUAGES, c.description().texts().keySet(), c.id());
            assertEquals(c.id().equals("necessary"), c.required(), c.id());
        }
    }

    @Test
    void bundledPurposesAreTranslatedAndOnlyMarketingOnesCarryOptOutRights() {
        assertTrue(CATALOG.purposes().size() >= 10);
        for (Purpose p : CATALOG.purposes()) {
            assertEquals(LANGUAGES, p.label().texts().keySet(), p.id());
            assertEquals(LANGUAGES, p.description().texts().keySet(), p.id());
            assertEquals(p.category().equals("marketing"), p.coveredByGpc(), p.id());
        }
    }

    @Test
    void bundledHasAtLeastEightyServicesEachWithASourceAndADescription() {
        List<Service> services = CATALOG.services();
        assertTrue(services.size() >= 80, "only " + services.size() + " services");
        for (Service s : services) {
            assertTrue(s.source().startsWith("https://"), s.id() + " has no https source: '" + s.source() + "'");
            assertFalse(s.name().isBlank(), s.id());
            assertFalse(s.provider().isBlank(), s.id());
            assertFalse(s.description().english().isBlank(), s.id());
            assertFalse(s.purposes().isEmpty(), s.id() + " serves no purpose");
            assertFalse(s.regulations().isEmpty(), s.id());
            assertTrue(!s.cookies().isEmpty() || !s.hosts().isEmpty(), s.id() + " has neither cookies nor hosts");
            if (!s.category().equals("necessary")) {
                assertEquals(LANGUAGES, s.consentText().texts().keySet(), s.id() + " consent text");
                assertEquals(LegalBasis.CONSENT, s.legalBasis(), s.id() + ": optional services rely on consent");
            }
            if (!s.transfer().country().isEmpty()) {
                assertTrue(s.transfer().country().matches("[A-Z]{2}"), s.id());
            }
        }
    }

    @Test
    void everyBundledCookieLifetimeParsesAndThirdPartyCookiesNameTheirDomain() throws IOException {
        JsonNode root = rawBundled();
        int cookies = 0;
        for (JsonNode service : root.get("services")) {
            for (JsonNode cookie : service.path("cookies")) {
                String text = cookie.get("lifetime").textValue();
                CookieLifetime lifetime = CookieLifetime.parse(text);
                assertTrue(lifetime.isSession() || lifetime.duration().compareTo(Duration.ofDays(366 * 30L)) < 0,
                        service.get("id") + ": " + text);
                cookies++;
            }
        }
        assertTrue(cookies > 250, "only " + cookies + " cookies");
        for (Service s : CATALOG.services()) {
            for (CookieSpec c : s.cookies()) {
                assertEquals(c.party() == Party.THIRD, !c.domain().isEmpty(), s.id() + " " + c.name());
                assertFalse(c.description().isBlank(), s.id() + " " + c.name());
            }
        }
    }

    @Test
    void segmetricsIsExactlyAsSpecified() {
        Service sm = CATALOG.service("segmetrics").orElseThrow();

        assertEquals("marketing", sm.category());
        assertEquals(RiskLevel.HIGH, sm.risk());
        assertEquals(List.of("segmetrics.com", "app.segmetrics.com", "cdn.segmetrics.com", "tracking.segmetrics.com", "segmetrics.io"), sm.hosts());
        assertEquals(new DataTransfer("US", "Standard Contractual Clauses / EU-US Data Privacy Framework"), sm.transfer());
        assertTrue(sm.description().english().contains("AWS us-east-1"));
        assertEquals(List.of("GDPR", "ePrivacy Directive", "TTDSG", "LIL", "LOPDGDD"), sm.regulations());
        List<String> cookies = new ArrayList<>();
        for (CookieSpec c : sm.cookies()) {
            assertEquals(CookieName.Kind.EXACT, c.name().kind());
            cookies.add(c.name().value() + " " + c.lifetime().text() + " " + c.party() + " " + c.domain());
        }
        assertEquals(List.of("sm_uid P2Y FIRST ", "sm_sid PT30M FIRST ", "sm_first P2Y FIRST ", "sm_last P90D FIRST ",
                "sm_visitor P2Y THIRD segmetrics.com"), cookies);
        assertTrue(CATALOG.gpcScopedService("segmetrics"), "GPC must opt out of SegMetrics");
    }

    @Test
    void serviceForCookieWhenKnownThenFindsTheService() {
        assertEquals("google-analytics", cookie("_ga"));
        assertEquals("google-analytics", cookie("_ga_ABC123"));
        assertEquals("google-analytics", cookie("_gid"));
        assertEquals("google-analytics", cookie("_gat_UA-12345-1"));
        assertEquals("google-analytics", cookie("AMP_TOKEN"), "an exact name wins over the AMP_ prefix");
        assertEquals("amplitude", cookie("AMP_1234567890"));
        assertEquals("amplitude", cookie("AMP_MKTG_1234567890"));
        assertEquals("google-ads", cookie("_gcl_au"));
        assertEquals("google-ads", cookie("_gac_UA-12345-1"));
        assertEquals("google-doubleclick", cookie("IDE"));
        assertEquals("google-doubleclick", cookie("test_cookie"));
        assertEquals("meta-pixel", cookie("_fbp"));
        assertEquals("segmetrics", cookie("sm_uid"));
        assertEquals("segmetrics", cookie("sm_visitor"));
        assertEquals("hotjar", cookie("_hjSessionUser_123456"));
        assertEquals("hotjar", cookie("_hjIncludedInSessionSample_123456"));
        assertEquals("mixpanel", cookie("mp_0123456789abcdef0123456789abcdef_mixpanel"));
        assertEquals("pardot", cookie("visitor_id12345-hash"));
        assertEquals("consent4j", cookie("consent4j"));
        assertEquals("cloudflare", cookie("__cf_bm"));
        assertEquals("cloudflare", cookie("cf_clearance"));
    }

    @Test
    void serviceForCookieWhenContainerSessionThenNecessary() {
        for (String name : List.of("JSESSIONID", "PHPSESSID", "ASP.NET_SessionId", "connect.sid", "consent4j", "__cf_bm",
                "cf_clearance", "XSRF-TOKEN", "AWSALB")) {
            Service s = CATALOG.serviceForCookie(name).orElseThrow(() -> new AssertionError(name));
            assertEquals("necessary", s.category(), name);
        }
    }

    @Test
    void serviceForCookieWhenUnknownThenEmpty() {
        assertTrue(CATALOG.serviceForCookie("my_own_cookie").isEmpty());
        assertTrue(CATALOG.serviceForCookie("ga").isEmpty());
        assertTrue(CATALOG.serviceForCookie("").isEmpty());
    }

    @Test
    void serviceForHostWhenKnownThenFindsTheService() {
        assertEquals("google-tag-manager", host("www.googletagmanager.com"));
        assertEquals("google-analytics", host("www.google-analytics.com"));
        assertEquals("google-analytics", host("region1.google-analytics.com"));
        assertEquals("google-analytics", host("region1.analytics.google.com"));
        assertEquals("google-ads", host("googleads.g.doubleclick.net"), "the more specific host wins");
        assertEquals("google-adsense", host("securepubads.g.doubleclick.net"));
        assertEquals("google-doubleclick", host("ad.doubleclick.net"));
        assertEquals("google-adsense", host("pagead2.googlesyndication.com"));
        assertEquals("meta-pixel", host("connect.facebook.net"));
        assertEquals("meta-pixel", host("www.facebook.com"));
        assertEquals("youtube", host("www.youtube.com"));
        assertEquals("youtube", host("www.youtube-nocookie.com"));
        assertEquals("google-maps", host("maps.googleapis.com"));
        assertEquals("google-recaptcha", host("www.recaptcha.net"));
        assertEquals("segmetrics", host("tracking.segmetrics.com"));
        assertEquals("segmetrics", host("TRACKING.SegMetrics.com."));
        assertEquals("linkedin-insight", host("snap.licdn.com"));
        assertEquals("tiktok-pixel", host("analytics.tiktok.com"));
        assertEquals("tiktok-embed", host("www.tiktok.com"));
        assertEquals("hubspot", host("js.hs-scripts.com"));
        assertEquals("stripe", host("js.stripe.com"));
        assertEquals("stripe-fraud-signals", host("m.stripe.network"));
        assertEquals("microsoft-clarity", host("www.clarity.ms"));
        assertEquals("microsoft-advertising", host("bat.bing.com"));
    }

    @Test
    void serviceForHostWhenUnknownOrSharedThenEmpty() {
        assertTrue(CATALOG.serviceForHost("example.org").isEmpty());
        assertTrue(CATALOG.serviceForHost("www.google.com").isEmpty(), "www.google.com is shared by Maps, reCAPTCHA and search");
        assertTrue(CATALOG.serviceForHost("google.com").isEmpty());
        assertTrue(CATALOG.serviceForHost("www.gstatic.com").isEmpty());
        assertTrue(CATALOG.serviceForHost("tiktok.com").isEmpty());
        assertTrue(CATALOG.serviceForHost("stripe.com").isEmpty());
        assertTrue(CATALOG.serviceForHost("").isEmpty());
    }

    @Test
    void bundledClaimsNoSharedInfrastructureHost() {
        Set<String> shared = Set.of("google.com", "www.google.com", "gstatic.com", "www.gstatic.com", "googleapis.com",
                "googleusercontent.com", "amazonaws.com", "cloudfront.net", "azureedge.net", "akamaihd.net",
                "cloudflare.com", "jsdelivr.net", "unpkg.com", "github.io", "microsoft.com", "apple.com", "bing.com");
        for (Service s : CATALOG.services()) {
            for (String h : s.hosts()) {
                assertFalse(shared.contains(h), s.id() + " claims shared host " + h);
            }
        }
    }

    @Test
    void debatableServicesTakeTheProtectiveCategory() {
        assertEquals("marketing", category("youtube"));
        assertEquals("marketing", category("google-maps"));
        assertEquals("marketing", category("google-tag-manager"));
        assertEquals("functional", category("google-recaptcha"));
        assertEquals("functional", category("stripe-fraud-signals"));
        assertEquals("functional", category("google-fonts"));
        assertEquals("necessary", category("stripe"));
        assertTrue(CATALOG.serviceForCookie("__stripe_mid").map(s -> !s.category().equals("necessary")).orElseThrow());
    }

    @Test
    void everyMarketingServiceIsScopedByGpcAndNoNecessaryServiceIs() {
        for (Service s : CATALOG.services()) {
            assertEquals(s.category().equals("marketing"), CATALOG.gpcScopedService(s.id()), s.id());
        }
    }

    @Test
    void bundledIncludesTheServicesSitesCommonlyEmbed() {
        List<String> required = List.of("google-analytics", "google-tag-manager", "google-ads", "google-doubleclick",
                "meta-pixel", "linkedin-insight", "tiktok-pixel", "microsoft-clarity", "microsoft-advertising",
                "pinterest-tag", "x-twitter", "snap-pixel", "reddit-pixel", "criteo", "taboola", "outbrain", "hubspot",
                "marketo", "pardot", "activecampaign", "mailchimp", "hotjar", "mixpanel", "amplitude", "heap", "fullstory",
                "segment", "matomo", "plausible", "posthog", "adobe-analytics", "intercom", "drift", "zendesk", "youtube",
                "vimeo", "google-maps", "stripe", "paypal", "google-recaptcha", "hcaptcha", "cloudflare",
                "java-servlet-session", "php-session", "aspnet-session", "node-express-session", "consent4j", "segmetrics");
        List<String> missing = required.stream().filter(id -> CATALOG.service(id).isEmpty()).toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void bundledRevisionChangesWhenAMaterialFactChanges() {
        Catalog changed = CATALOG.toBuilder()
                .service(Service.builder("segmetrics", "analytics").name("SegMetrics").build())
                .build();
        assertNotEquals(CATALOG.revision(), changed.revision());
    }

    private static String cookie(String name) {
        return CATALOG.serviceForCookie(name).map(Service::id).orElse("<none>");
    }

    private static String host(String name) {
        return CATALOG.serviceForHost(name).map(Service::id).orElse("<none>");
    }

    private static String category(String serviceId) {
        Optional<Service> s = CATALOG.service(serviceId);
        return s.orElseThrow(() -> new AssertionError(serviceId)).category();
    }

    static JsonNode rawBundled() throws IOException {
        try (InputStream in = BundledCatalogTest.class.getClassLoader().getResourceAsStream(Catalogs.BUNDLED_RESOURCE)) {
            assertTrue(in != null, "bundled catalog resource missing");
            return new ObjectMapper().readTree(in);
        }
    }
}
