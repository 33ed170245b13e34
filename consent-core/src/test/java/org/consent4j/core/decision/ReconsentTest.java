package org.consent4j.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.SensitiveData;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.cookie.ConsentCookieCodec;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.cookie.SigningKey;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Re-consent per category and per service, accepted revisions in JSON, and consent cookies old and new. */
final class ReconsentTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final Catalog OLD = Fixtures.catalog();
    /** The old catalog plus one functional service: only the functional category changed. */
    private static final Catalog NEW = OLD.toBuilder()
            .service(Service.builder("chat-widget", Category.FUNCTIONAL).purpose("preferences").cookie("chat_id", "P30D").build())
            .build();

    private static ConsentEngine engine(Catalog catalog, ConsentPolicy policy) {
        return ConsentEngine.builder().catalog(catalog).jurisdictions(Fixtures.jurisdictions())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).policy(policy).build();
    }

    private static ConsentState.Builder acceptAll(ConsentState.Builder b) {
        return b.grant(Category.FUNCTIONAL).grant(Category.ANALYTICS).grant(Category.MARKETING).jurisdiction("FR")
                .method(ConsentMethod.ACCEPT_ALL);
    }

    @Test
    void categoryRevisionWhenOneCategoryChangesThenOnlyItsRevisionChanges() {
        assertNotEquals(OLD.revision(), NEW.revision());
        assertNotEquals(OLD.categoryRevision(Category.FUNCTIONAL), NEW.categoryRevision(Category.FUNCTIONAL));
        for (String id : List.of(Category.NECESSARY, Category.ANALYTICS, Category.MARKETING)) {
            assertEquals(OLD.categoryRevision(id), NEW.categoryRevision(id), id);
        }
        assertEquals(OLD.serviceRevision("segmetrics"), NEW.serviceRevision("segmetrics"));
        assertTrue(OLD.categoryRevision(Category.ANALYTICS).matches("[0-9a-f]{8}"));
        assertEquals("", OLD.categoryRevision("nope"));
    }

    @Test
    void decideWhenCatalogGainedAFunctionalServiceThenOnlyFunctionalIsAskedAgain() {
        ConsentState state = acceptAll(ConsentState.builder(NOW.minusSeconds(86_400), OLD)).build();
        VisitorConsent v = engine(NEW, ConsentPolicy.DEFAULT).evaluate("FR", Signals.NONE, Optional.of(state));
        assertEquals(Decision.of(true, Reason.GRANTED), v.category(Category.ANALYTICS));
        assertEquals(Decision.of(true, Reason.GRANTED), v.service("segmetrics"));
        assertEquals(Decision.of(false, Reason.CATALOG_REVISED), v.category(Category.FUNCTIONAL));
        assertEquals(Decision.of(false, Reason.CATALOG_REVISED), v.service("chat-widget"));
        assertTrue(v.needsPrompt());
        assertEquals(List.of(Category.FUNCTIONAL), v.staleCategories());
    }

    @Test
    void decideWhenChoiceHasOnlyTheWholeRevisionThenEverythingIsAskedAgainUnlessAccepted() {
        ConsentState old = acceptAll(ConsentState.builder(NOW.minusSeconds(86_400), OLD.revision())).build();
        VisitorConsent v = engine(NEW, ConsentPolicy.DEFAULT).evaluate("FR", Signals.NONE, Optional.of(old));
        assertEquals(Decision.of(false, Reason.CATALOG_REVISED), v.category(Category.ANALYTICS));
        assertEquals(List.of(Category.FUNCTIONAL, Category.ANALYTICS, Category.MARKETING), v.staleCategories());
        ConsentPolicy accepted = ConsentPolicy.parse("{\"acceptedRevisions\": {\"catalog\": [\"" + OLD.revision() + "\"]}}", "site.json");
        VisitorConsent kept = engine(NEW, accepted).evaluate("FR", Signals.NONE, Optional.of(old));
        assertEquals(Decision.of(true, Reason.GRANTED), kept.category(Category.ANALYTICS));
        assertEquals(Decision.of(true, Reason.GRANTED), kept.category(Category.FUNCTIONAL));
        assertFalse(kept.needsPrompt());
    }

    @Test
    void decideWhenSiteAcceptsTheEarlierCategoryRevisionInJsonThenTheGrantCounts() {
        ConsentState state = acceptAll(ConsentState.builder(NOW.minusSeconds(86_400), OLD)).build();
        String json = "{\"acceptedRevisions\": {\"categories\": {\"functional\": [\"" + OLD.categoryRevision(Category.FUNCTIONAL) + "\"]}}}";
        VisitorConsent v = engine(NEW, ConsentPolicy.parse(json, "site.json")).evaluate("FR", Signals.NONE, Optional.of(state));
        assertEquals(Decision.of(true, Reason.GRANTED), v.category(Category.FUNCTIONAL));
        assertFalse(v.needsPrompt());
    }

    @Test
    void decideWhenServiceChosenOnItsOwnThenAChangeElsewhereInItsCategoryLeavesItsChoice() {
        Catalog moreAds = OLD.toBuilder().service(Service.builder("ad-network", Category.MARKETING).purpose("personalised-ads")
                .host("ads.example").build()).build();
        ConsentState state = ConsentState.builder(NOW.minusSeconds(60), OLD).deny(Category.MARKETING)
                .service("youtube", Choice.GRANTED).jurisdiction("FR").build();
        VisitorConsent v = engine(moreAds, ConsentPolicy.DEFAULT).evaluate("FR", Signals.NONE, Optional.of(state));
        assertEquals(Decision.of(true, Reason.GRANTED), v.service("youtube"));
        assertEquals(Decision.of(false, Reason.DENIED), v.service("ad-network"), "a refusal stays a refusal");
    }

    @Test
    void cookieWhenStateCarriesRevisionsThenVersionTwoRoundTripsAndVersionOneStillDecodes() {
        ConsentCookieCodec codec = ConsentCookieCodec.builder().keys(KeySet.of(SigningKey.of("k1", new byte[32])))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        ConsentState stamped = acceptAll(ConsentState.builder(NOW.minusSeconds(60), OLD)).service("youtube", Choice.DENIED).build();
        assertEquals(3, stamped.categoryRevisions().size());
        assertEquals(Map.of("youtube", OLD.serviceRevision("youtube")), stamped.serviceRevisions());
        String v2 = codec.encode(new ConsentCookie("AAECAwQFBgcICQoLDA0ODw", stamped));
        assertTrue(v2.startsWith("2~"), v2);
        assertEquals(stamped, codec.decode(v2).orElseThrow().state());
        ConsentState plain = acceptAll(ConsentState.builder(NOW.minusSeconds(60), OLD.revision())).build();
        String v1 = codec.encode(new ConsentCookie("AAECAwQFBgcICQoLDA0ODw", plain));
        assertTrue(v1.startsWith("1~"), "a choice without revisions stays readable by earlier releases: " + v1);
        ConsentState decoded = codec.decode(v1).orElseThrow().state();
        assertEquals(Map.of(), decoded.categoryRevisions());
        assertEquals(OLD.revision(), decoded.catalogRevision());
        String forged = v2.replace(OLD.categoryRevision(Category.ANALYTICS), NEW.categoryRevision(Category.FUNCTIONAL));
        assertTrue(codec.decode(forged).isEmpty(), "revisions are signed");
    }

    @Test
    void decideWhenServiceFlaggedSensitiveInPolicyOrCatalogThenOptInWhereTheLawSays() {
        org.consent4j.core.jurisdiction.Jurisdiction wa = org.consent4j.core.jurisdiction.Jurisdiction
                .builder("US-WA", "Washington", org.consent4j.core.jurisdiction.Regime.OPT_OUT).gpcHonoured(true)
                .sensitiveOptIn(SensitiveData.HEALTH).law("My Health My Data Act").source("RCW 19.373.030").build();
        ConsentEngine policyFlag = ConsentEngine.builder().catalog(OLD).jurisdictions(Fixtures.jurisdictions())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).policy(ConsentPolicy.builder().sensitive("meta-pixel", SensitiveData.HEALTH).build())
                .build();
        VisitorConsent v = policyFlag.evaluate(wa, Signals.NONE, Optional.empty());
        assertEquals(Decision.of(false, Reason.SENSITIVE_OPT_IN), v.service("meta-pixel"));
        assertEquals(Decision.of(false, Reason.SENSITIVE_OPT_IN), v.category(Category.MARKETING));
        assertEquals(Decision.of(true, Reason.OPT_OUT_DEFAULT), v.service("google-analytics"));
        Catalog flagged = OLD.toBuilder().service(Service.builder("meta-pixel", Category.MARKETING).purpose("personalised-ads")
                .sensitive(SensitiveData.HEALTH).build()).build();
        assertEquals(java.util.Set.of(SensitiveData.HEALTH), flagged.sensitiveCategory(Category.MARKETING));
        VisitorConsent c = engine(flagged, ConsentPolicy.DEFAULT).evaluate(wa, Signals.NONE, Optional.empty());
        assertEquals(Decision.of(false, Reason.SENSITIVE_OPT_IN), c.service("meta-pixel"));
        assertEquals(RuleBasis.LAW, Reason.SENSITIVE_OPT_IN.basis());
    }

    @Test
    void policyWhenJsonIsWrongThenEveryProblemNamedWithTheSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsentPolicy.parse("""
                {"grantOverGpc": "yes", "exemptions": ["statistics"], "sensitive": {"meta-pixel": ["wealth"]},
                 "acceptedRevisions": {"catalogue": []}, "extra": 1}""", "site-policy.json"));
        String m = e.getMessage();
        assertTrue(m.startsWith("site-policy.json: 5 problem(s)"), m);
        for (String part : List.of("/grantOverGpc", "/exemptions: 'statistics' must read CODE/id", "/sensitive/meta-pixel",
                "/acceptedRevisions/catalogue: unknown field", "/extra: unknown field")) {
            assertTrue(m.contains(part), part + " in " + m);
        }
        assertThrows(IllegalArgumentException.class, () -> ConsentPolicy.parse("[]", "x.json"));
        assertThrows(IllegalArgumentException.class, () -> ConsentPolicy.parse("{", "x.json"));
        ConsentPolicy p = ConsentPolicy.parse("{\"honourGpcBeyondMandate\": false, \"exemptions\": [\"GB/statistics\"]}", "ok.json");
        assertFalse(p.honourGpcBeyondMandate());
        assertTrue(p.exemptionOn("GB", "statistics"));
        assertFalse(ConsentPolicy.DEFAULT.grantOverGpc());
        assertTrue(ConsentPolicy.DEFAULT.honourGpcBeyondMandate());
    }
}
