package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.testing.Fixtures;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

final class LoaderMarkupTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Catalog CATALOG = Fixtures.catalog();
    private static final ConsentEngine ENGINE = ConsentEngine.builder().catalog(CATALOG)
            .jurisdictions(Fixtures.jurisdictions()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private static final Urls URLS = new Urls("/consent", "/consent/assets/consent.js?v=abc", "/consent/assets/consent.css?v=def",
            "/consent/cookies", "");
    private static final Pattern DEFAULT = Pattern.compile("gtag\\('consent','default',(\\{.*})\\);");

    private static String markup(VisitorConsent visitor, boolean consentMode, String stateJson, String nonce) {
        Banner banner = Banner.create(CATALOG, BannerConfig.builder().consentMode(consentMode).build(), "/consent");
        return LoaderMarkup.build(URLS, "fr", URLS.texts("fr", "123"), stateJson,
                consentMode ? ConsentModeMapping.defaults().asMap() : null,
                consentMode ? banner.consentModeDefaults(visitor) : Map.of(),
                consentMode && visitor.needsPrompt() ? 500 : 0, nonce);
    }

    private static Document page(String markup) {
        return Jsoup.parse("<!DOCTYPE html><html><head>" + markup + "<title>t</title></head><body><p id=after>after</p></body></html>");
    }

    private static JsonNode consentDefault(Element script) throws IOException {
        Matcher m = DEFAULT.matcher(script.data());
        assertTrue(m.find(), script.data());
        return org.consent4j.core.internal.json.StrictJson.readTree(m.group(1));
    }

    @Test
    void buildWhenConsentModeAndFirstVisitInFranceThenEverythingDeniedButSecurityAndWaitForUpdate() throws IOException {
        VisitorConsent visitor = ENGINE.evaluate("FR", Signals.NONE, Optional.empty());
        Elements scripts = page(markup(visitor, true, "{}", "")).select("head script");
        assertEquals(3, scripts.size());
        Element inline = scripts.get(0);
        assertFalse(inline.hasAttr("src") || inline.hasAttr("type"), "the Consent Mode default is the first, executable, script");
        assertTrue(inline.data().startsWith("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"));
        JsonNode values = consentDefault(inline);
        for (String type : ConsentModeMapping.TYPES) {
            assertEquals(type.equals("security_storage") ? "granted" : "denied", values.get(type).asText(), type);
        }
        assertEquals(500, values.get("wait_for_update").asInt());
    }

    @Test
    void buildWhenAnalyticsGrantedThenAnalyticsStorageGrantedAndNoWait() throws IOException {
        ConsentState state = ConsentState.builder(NOW.minusSeconds(60), CATALOG.revision()).jurisdiction("FR")
                .method(ConsentMethod.CUSTOM).grant("analytics").deny("marketing").deny("functional").build();
        VisitorConsent visitor = ENGINE.evaluate("FR", Signals.NONE, Optional.of(state));
        JsonNode values = consentDefault(page(markup(visitor, true, "{}", "")).selectFirst("head script"));
        assertEquals("granted", values.get("analytics_storage").asText());
        assertEquals("denied", values.get("ad_storage").asText());
        assertEquals("denied", values.get("ad_personalization").asText());
        assertEquals("denied", values.get("functionality_storage").asText());
        assertFalse(values.has("wait_for_update"));
    }

    @Test
    void buildWhenCaliforniaWithGpcThenAnalyticsGrantedAndAdsDenied() throws IOException {
        VisitorConsent visitor = ENGINE.evaluate("US-CA", Signals.GPC, Optional.empty());
        JsonNode values = consentDefault(page(markup(visitor, true, "{}", "")).selectFirst("head script"));
        assertEquals("granted", values.get("analytics_storage").asText());
        assertEquals("granted", values.get("functionality_storage").asText());
        assertEquals("denied", values.get("ad_storage").asText());
        assertEquals("denied", values.get("ad_user_data").asText());
    }

    @Test
    void buildWhenConsentModeOffThenNoInlineCodeOnlyDataBlockAndDeferredScript() throws IOException {
        VisitorConsent visitor = ENGINE.evaluate("FR", Signals.NONE, Optional.empty());
        Elements scripts = page(markup(visitor, false, "{\"regime\":\"OPT_IN\"}", "")).select("head script");
        assertEquals(2, scripts.size());
        assertEquals("application/json", scripts.get(0).attr("type"));
        assertEquals(LoaderMarkup.BOOT_ID, scripts.get(0).id());
        assertEquals(URLS.script(), scripts.get(1).attr("src"));
        assertTrue(scripts.get(1).hasAttr("defer"));
        JsonNode boot = org.consent4j.core.internal.json.StrictJson.readTree(scripts.get(0).data());
        assertEquals("/consent", boot.get("prefix").asText());
        assertEquals("fr", boot.get("lang").asText());
        assertEquals("/consent/assets/texts/fr.json?v=123", boot.get("texts").asText());
        assertEquals(URLS.css(), boot.get("css").asText());
        assertEquals("OPT_IN", boot.get("state").get("regime").asText());
        assertFalse(boot.has("consentMode"));
    }

    @Test
    void buildWhenConsentModeThenBootCarriesMappingForTheUpdate() throws IOException {
        VisitorConsent visitor = ENGINE.evaluate("FR", Signals.NONE, Optional.empty());
        JsonNode boot = org.consent4j.core.internal.json.StrictJson.readTree(page(markup(visitor, true, "{}", "")).getElementById(LoaderMarkup.BOOT_ID).data());
        assertEquals("marketing", boot.get("consentMode").get("ad_user_data").get(0).asText());
        assertEquals(7, boot.get("consentMode").size());
    }

    @Test
    void buildWhenNonceThenOnExecutableScriptsAndMalformedNonceIgnored() {
        VisitorConsent visitor = ENGINE.evaluate("FR", Signals.NONE, Optional.empty());
        Elements scripts = page(markup(visitor, true, "{}", "r4nd0m+/=")).select("head script");
        assertEquals(List.of("r4nd0m+/=", "", "r4nd0m+/="), scripts.stream().map(s -> s.attr("nonce")).toList());
        Elements bad = page(markup(visitor, true, "{}", "\"><script>alert(1)</script>")).select("script");
        assertEquals(3, bad.size());
        bad.forEach(s -> assertFalse(s.hasAttr("nonce")));
    }

    @Property(tries = 300)
    void buildWhenStateJsonIsAnyStringThenItCannotLeaveTheDataBlock(@ForAll String stateJson) {
        VisitorConsent visitor = ENGINE.evaluate("FR", Signals.NONE, Optional.empty());
        Document doc = page(markup(visitor, false, stateJson, ""));
        assertEquals(2, doc.select("script").size());
        assertEquals(1, doc.head().select("title").size());
        assertEquals("after", doc.getElementById("after").text());
        assertFalse(doc.getElementById(LoaderMarkup.BOOT_ID).data().contains("<"));
    }

    @Property(tries = 300)
    void buildWhenStateHoldsAnyTextThenMarkupIsAsciiAndBootParsesBackToIt(@ForAll String text) throws IOException {
        VisitorConsent visitor = ENGINE.evaluate("FR", Signals.NONE, Optional.empty());
        String stateJson = Json.write(Map.of("subject", text));
        String markup = markup(visitor, true, stateJson, "");
        assertTrue(markup.chars().allMatch(c -> c < 0x80), "the markup is ASCII: " + markup);
        Document doc = page(markup);
        JsonNode boot = org.consent4j.core.internal.json.StrictJson.readTree(doc.getElementById(LoaderMarkup.BOOT_ID).data());
        assertEquals(text, boot.get("state").get("subject").asText());
    }
}
