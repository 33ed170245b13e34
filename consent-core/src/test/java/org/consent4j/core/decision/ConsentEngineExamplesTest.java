package org.consent4j.core.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.core.jurisdiction.Regime;
import org.junit.jupiter.api.Test;

/**
 * SegMetrics (marketing; purpose attribution: sale and sharing) and its neighbours in the bundled catalog,
 * decided in the bundled jurisdictions.
 */
final class ConsentEngineExamplesTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final String SEGMETRICS = "segmetrics";

    private final Catalog catalog = Catalogs.bundled();
    private final ConsentEngine engine = engine(false);

    private ConsentEngine engine(boolean grantMayOverrideGpc) {
        return ConsentEngine.builder().catalog(catalog).jurisdictions(Jurisdictions.bundled())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).grantMayOverrideGpc(grantMayOverrideGpc).build();
    }

    private ConsentState acceptedAll(Duration ago, boolean gpc) {
        ConsentState.Builder b = ConsentState.builder(NOW.minus(ago), catalog.revision()).method(ConsentMethod.ACCEPT_ALL).gpc(gpc);
        catalog.categories().stream().filter(c -> !c.required()).forEach(c -> b.grant(c.id()));
        return b.build();
    }

    private ConsentState rejectedAll(Duration ago) {
        ConsentState.Builder b = ConsentState.builder(NOW.minus(ago), catalog.revision()).method(ConsentMethod.REJECT_ALL);
        catalog.categories().stream().filter(c -> !c.required()).forEach(c -> b.deny(c.id()));
        return b.build();
    }

    @Test
    void segmetricsInFranceWhenNoChoiceThenDeniedAndAsked() {
        VisitorConsent v = engine.evaluate("FR", Signals.NONE, Optional.empty());
        assertEquals(Regime.OPT_IN, v.jurisdiction().regime());
        assertEquals(Decision.of(false, Reason.NO_CHOICE_OPT_IN), v.service(SEGMETRICS));
        assertEquals(Decision.of(false, Reason.NO_CHOICE_OPT_IN), v.category(Category.MARKETING));
        assertEquals(Decision.of(true, Reason.NECESSARY), v.category(Category.NECESSARY));
        assertEquals(Decision.of(true, Reason.NECESSARY), v.service("java-servlet-session"));
        assertTrue(v.needsPrompt());
    }

    @Test
    void segmetricsInFranceWhenAcceptedFiveMonthsAgoThenAllowed() {
        VisitorConsent v = engine.evaluate("FR", Signals.NONE, Optional.of(acceptedAll(Duration.ofDays(150), false)));
        assertEquals(Decision.of(true, Reason.GRANTED), v.service(SEGMETRICS));
        assertFalse(v.needsPrompt());
    }

    @Test
    void segmetricsInFranceWhenAcceptedSevenMonthsAgoThenExpiredAndAskedAgain() {
        VisitorConsent v = engine.evaluate("FR", Signals.NONE, Optional.of(acceptedAll(Duration.ofDays(210), false)));
        assertEquals(Decision.of(false, Reason.GRANT_EXPIRED), v.service(SEGMETRICS));
        assertTrue(v.needsPrompt());
    }

    @Test
    void segmetricsInFranceWhenCatalogRevisedSinceTheGrantThenDeniedUntilAskedAgain() {
        ConsentState old = ConsentState.builder(NOW.minus(Duration.ofDays(10)), "0123456789ab").grant(Category.MARKETING).build();
        VisitorConsent v = engine.evaluate("FR", Signals.NONE, Optional.of(old));
        assertEquals(Decision.of(false, Reason.CATALOG_REVISED), v.service(SEGMETRICS));
        assertTrue(v.needsPrompt());
        ConsentEngine accepting = ConsentEngine.builder().catalog(catalog).jurisdictions(Jurisdictions.bundled())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).acceptedRevisions(java.util.Set.of("0123456789ab")).build();
        assertEquals(Decision.of(true, Reason.GRANTED), accepting.evaluate("FR", Signals.NONE, Optional.of(old)).service(SEGMETRICS));
    }

    @Test
    void segmetricsInFranceWhenMarketingGrantedButServiceRefusedThenOnlyTheServiceIsDenied() {
        ConsentState st = ConsentState.builder(NOW, catalog.revision()).grant(Category.MARKETING)
                .service(SEGMETRICS, Choice.DENIED).build();
        VisitorConsent v = engine.evaluate("FR", Signals.NONE, Optional.of(st));
        assertEquals(Decision.of(false, Reason.DENIED), v.service(SEGMETRICS));
        assertEquals(Decision.of(true, Reason.GRANTED), v.service("meta-pixel"));
    }

    @Test
    void segmetricsInGermanyWhenAcceptedSevenMonthsAgoThenStillAllowedButNotAfterAYear() {
        assertEquals(Decision.of(true, Reason.GRANTED),
                engine.evaluate("DE", Signals.NONE, Optional.of(acceptedAll(Duration.ofDays(210), false))).service(SEGMETRICS));
        assertEquals(Decision.of(false, Reason.GRANT_EXPIRED),
                engine.evaluate("DE-BY", Signals.NONE, Optional.of(acceptedAll(Duration.ofDays(400), false))).service(SEGMETRICS));
    }

    @Test
    void segmetricsInGermanyWhenRejectedLongAgoThenStillDenied() {
        VisitorConsent v = engine.evaluate("DE", Signals.NONE, Optional.of(rejectedAll(Duration.ofDays(4000))));
        assertEquals(Decision.of(false, Reason.DENIED), v.service(SEGMETRICS));
        assertTrue(v.needsPrompt(), "an old refusal may be asked again, but never counts as consent");
    }

    @Test
    void segmetricsInCaliforniaWhenNoGpcAndNoChoiceThenAllowedByDefault() {
        VisitorConsent v = engine.evaluate("US-CA", Signals.NONE, Optional.empty());
        assertEquals(Regime.OPT_OUT, v.jurisdiction().regime());
        assertEquals(Decision.of(true, Reason.OPT_OUT_DEFAULT), v.service(SEGMETRICS));
        assertFalse(v.needsPrompt());
    }

    @Test
    void segmetricsInCaliforniaWhenGpcThenOptedOutButMeasurementWithoutSaleStaysAllowed() {
        VisitorConsent v = engine.evaluate("US-CA", Signals.GPC, Optional.empty());
        assertEquals(Decision.of(false, Reason.GPC_OPT_OUT), v.service(SEGMETRICS));
        assertEquals(Decision.of(false, Reason.GPC_OPT_OUT), v.category(Category.MARKETING));
        assertEquals(Decision.of(false, Reason.GPC_OPT_OUT), v.purpose("attribution"));
        assertEquals(Decision.of(true, Reason.OPT_OUT_DEFAULT), v.service("google-analytics"));
        assertEquals(Decision.of(true, Reason.OPT_OUT_DEFAULT), v.category(Category.ANALYTICS));
    }

    @Test
    void segmetricsInCaliforniaWhenGpcAndAnEarlierGrantWithoutGpcThenGpcWins() {
        VisitorConsent v = engine(true).evaluate("US-CA", Signals.GPC, Optional.of(acceptedAll(Duration.ofDays(1), false)));
        assertEquals(Decision.of(false, Reason.GPC_OPT_OUT), v.service(SEGMETRICS));
    }

    @Test
    void segmetricsInCaliforniaWhenGrantedWhileGpcOnThenAllowedOnlyWhereConfiguredAndSaidSo() {
        ConsentState st = acceptedAll(Duration.ofDays(1), true);
        assertEquals(Decision.of(false, Reason.GPC_OPT_OUT), engine.evaluate("US-CA", Signals.GPC, Optional.of(st)).service(SEGMETRICS));
        assertEquals(Decision.of(true, Reason.GRANTED_OVER_GPC), engine(true).evaluate("US-CA", Signals.GPC, Optional.of(st)).service(SEGMETRICS));
        assertEquals(Decision.of(false, Reason.GPC_OPT_OUT),
                engine(true).evaluate("US-CA", Signals.GPC, Optional.of(acceptedAll(Duration.ofDays(400), true))).service(SEGMETRICS),
                "a grant over GPC lasts no longer than the choice age");
    }

    @Test
    void segmetricsInCaliforniaWhenMarketingDeniedThenDeniedWithOrWithoutGpc() {
        ConsentState st = ConsentState.builder(NOW, catalog.revision()).deny(Category.MARKETING).build();
        assertEquals(Decision.of(false, Reason.DENIED), engine.evaluate("US-CA", Signals.NONE, Optional.of(st)).service(SEGMETRICS));
        assertEquals(Decision.of(false, Reason.DENIED), engine.evaluate("US-CA", Signals.GPC, Optional.of(st)).service(SEGMETRICS));
    }

    @Test
    void segmetricsInTexasWhenGpcThenOptedOutAndWithoutThenAllowed() {
        assertEquals(Decision.of(false, Reason.GPC_OPT_OUT), engine.evaluate("US-TX", Signals.GPC, Optional.empty()).service(SEGMETRICS));
        assertEquals(Decision.of(true, Reason.OPT_OUT_DEFAULT), engine.evaluate("US-TX", Signals.NONE, Optional.empty()).service(SEGMETRICS));
    }

    @Test
    void segmetricsInVirginiaWhenGpcThenOptedOutThoughNoStatuteMandatesIt() {
        VisitorConsent v = engine.evaluate("US-VA", Signals.GPC, Optional.empty());
        assertEquals("", v.jurisdiction().gpcSince());
        assertEquals(Decision.of(false, Reason.GPC_OPT_OUT_POLICY), v.service(SEGMETRICS), "site policy, not the law");
        assertEquals(RuleBasis.SITE_POLICY, v.service(SEGMETRICS).reason().basis());
        ConsentEngine lawOnly = ConsentEngine.builder().catalog(engine.catalog()).jurisdictions(engine.jurisdictions())
                .clock(engine.clock()).honourGpcBeyondMandate(false).build();
        assertEquals(Decision.of(true, Reason.OPT_OUT_DEFAULT), lawOnly.evaluate("US-VA", Signals.GPC, Optional.empty()).service(SEGMETRICS));
    }

    @Test
    void segmetricsInFranceWhenGpcAndAcceptedThenTheExplicitGrantCounts() {
        VisitorConsent v = engine.evaluate("FR", Signals.GPC, Optional.of(acceptedAll(Duration.ofDays(1), false)));
        assertEquals(Decision.of(true, Reason.GRANTED), v.service(SEGMETRICS), "GPC is not an opt-out signal under French law");
    }

    @Test
    void segmetricsWhenLocationUnknownThenMostProtectiveDefault() {
        for (String location : new String[]{"", "ZZ", "not a place", "??-??"}) {
            VisitorConsent v = engine.evaluate(location, Signals.NONE, Optional.empty());
            assertTrue(v.jurisdiction().isDefault(), location);
            assertEquals(Decision.of(false, Reason.NO_CHOICE_PROTECTIVE), v.service(SEGMETRICS), location);
            assertTrue(v.needsPrompt());
        }
    }

    @Test
    void evaluateWhenChoiceDatedAtEitherEndOfTimeThenExpiredWithoutException() {
        ConsentState far = ConsentState.builder(Instant.MAX, catalog.revision()).grant(Category.MARKETING).build();
        ConsentState ancient = ConsentState.builder(Instant.MIN, catalog.revision()).grant(Category.MARKETING).build();
        assertEquals(Decision.of(false, Reason.GRANT_EXPIRED), engine.evaluate("FR", Signals.NONE, Optional.of(ancient)).service(SEGMETRICS));
        assertEquals(Decision.of(false, Reason.GRANT_EXPIRED), engine.evaluate("FR", Signals.NONE, Optional.of(far)).service(SEGMETRICS));
        assertEquals(Decision.of(false, Reason.GPC_OPT_OUT), engine(true).evaluate("US-CA", Signals.GPC,
                Optional.of(ConsentState.builder(Instant.MAX, catalog.revision()).grant(Category.MARKETING).gpc(true).build())).service(SEGMETRICS));
    }

    @Test
    void evaluateWhenChoiceDatedSlightlyAheadThenItCountsButNotWhenFarAhead() {
        ConsentState skewed = ConsentState.builder(NOW.plus(Duration.ofMinutes(5)), catalog.revision()).grant(Category.MARKETING).build();
        assertEquals(Decision.of(true, Reason.GRANTED), engine.evaluate("FR", Signals.NONE, Optional.of(skewed)).service(SEGMETRICS));
        ConsentState ahead = ConsentState.builder(NOW.plus(Duration.ofDays(30)), catalog.revision()).grant(Category.MARKETING).build();
        VisitorConsent v = engine.evaluate("FR", Signals.NONE, Optional.of(ahead));
        assertEquals(Decision.of(false, Reason.GRANT_EXPIRED), v.service(SEGMETRICS));
        assertTrue(v.needsPrompt());
    }

    @Test
    void expiredWhenAgeAtTheBoundariesThenExactToTheNanosecond() {
        Jurisdiction days = Jurisdiction.builder("FR", "France", Regime.OPT_IN).choiceAge(java.time.Period.ofDays(180)).build();
        Duration max = Duration.ofDays(180);
        Instant decided = Instant.parse("2026-01-01T00:00:00.5Z");
        assertFalse(VisitorConsent.expired(decided, decided.plus(max), days));
        assertTrue(VisitorConsent.expired(decided, decided.plus(max).plusNanos(1), days));
        assertFalse(VisitorConsent.expired(decided, decided.minus(Duration.ofMinutes(5)), days));
        assertTrue(VisitorConsent.expired(decided, decided.minus(Duration.ofMinutes(5)).minusNanos(1), days));
        assertFalse(VisitorConsent.expired(decided, decided, days));
        assertTrue(VisitorConsent.expired(Instant.MIN, Instant.MAX, days));
        assertTrue(VisitorConsent.expired(Instant.MAX, Instant.MIN, days));
    }

    @Test
    void expiredWhenMonthsThenCalendarMonthsNotThirtyDays() {
        Jurisdiction six = Jurisdiction.builder("FR", "France", Regime.OPT_IN).choiceAge(java.time.Period.ofMonths(6)).build();
        Instant decided = Instant.parse("2026-08-31T10:00:00Z");
        // six calendar months from 31 August is 28 February (2027 is no leap year), same time of day
        assertFalse(VisitorConsent.expired(decided, Instant.parse("2027-02-28T10:00:00Z"), six));
        assertTrue(VisitorConsent.expired(decided, Instant.parse("2027-02-28T10:00:01Z"), six));
        // 180 days would already have run out on 27 February
        assertFalse(VisitorConsent.expired(decided, decided.plus(Duration.ofDays(181)), six));
        Jurisdiction two = Jurisdiction.builder("ES", "Spain", Regime.OPT_IN).choiceAge(java.time.Period.ofMonths(24)).build();
        Instant madrid = Instant.parse("2025-03-15T00:00:00Z");
        assertFalse(VisitorConsent.expired(madrid, Instant.parse("2027-03-15T00:00:00Z"), two));
        assertFalse(VisitorConsent.expired(madrid, madrid.plus(Duration.ofDays(725)), two), "720-day months would expire 10 days early");
        assertTrue(VisitorConsent.expired(madrid, Instant.parse("2027-03-15T00:00:00.001Z"), two));
    }
}
