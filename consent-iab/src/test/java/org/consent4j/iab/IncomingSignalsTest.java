package org.consent4j.iab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;

final class IncomingSignalsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");
    private static final Catalog CATALOG = Catalogs.bundled();
    private static final ConsentEngine ENGINE = ConsentEngine.builder().catalog(CATALOG)
            .jurisdictions(Jurisdictions.bundled()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private static final IabSignals SIGNALS = IabSignals.builder().catalog(CATALOG).cmp(300, 2, 150).build();

    private static String gpp(boolean sale, boolean sharing, boolean ads, boolean gpc) {
        return GppString.of(UsNat.of(sale, sharing, ads, gpc)).encode();
    }

    @Test
    void readWhenUsNatOptsOutOfSaleThenItIsAnOptOut() {
        IncomingSignals in = IncomingSignals.read(gpp(true, false, false, false), "");
        assertTrue(in.optOut());
        assertFalse(in.gpc());
    }

    @Test
    void readWhenOnlyTheGpcFieldIsSetThenItIsGpcAndAnOptOut() {
        IncomingSignals in = IncomingSignals.read(gpp(false, false, false, true), "");
        assertTrue(in.gpc());
        assertTrue(in.optOut());
    }

    @Test
    void readWhenNothingIsOptedOutThenNoOptOut() {
        IncomingSignals in = IncomingSignals.read(gpp(false, false, false, false), "");
        assertTrue(in.gpp().isPresent());
        assertFalse(in.optOut());
    }

    @Test
    void readWhenUspv1SaysYThenOptOut() {
        String s = GppString.of(new UspV1Section(UsPrivacy.parse("1YYN"))).encode();
        assertTrue(IncomingSignals.read(s, "").optOut());
        assertFalse(IncomingSignals.read(GppString.of(new UspV1Section(UsPrivacy.parse("1YNN"))).encode(), "").optOut());
    }

    @Test
    void readWhenMalformedOrHugeThenNoSignal() {
        assertEquals(IncomingSignals.NONE, IncomingSignals.read("DBABL~garbage!", "not-a-tc-string"));
        assertEquals(IncomingSignals.NONE, IncomingSignals.read("D" + "A".repeat(20_000), ""));
        assertEquals(IncomingSignals.NONE, IncomingSignals.read("", ""));
    }

    @Property(tries = 300)
    void readNeverThrowsAndGarbageIsNeverAnOptOutUnlessItDecodes(@ForAll String gpp, @ForAll String tc) {
        IncomingSignals in = IncomingSignals.read(gpp, tc);
        if (in.gpp().isEmpty()) {
            assertFalse(in.optOut(), "no GPP string, no opt-out");
        }
    }

    @Property(tries = 200)
    void optOutIsExactlyAnyOptedOutField(@ForAll boolean sale, @ForAll boolean sharing, @ForAll boolean ads,
                                         @ForAll boolean gpc) {
        IncomingSignals in = IncomingSignals.read(gpp(sale, sharing, ads, gpc), "");
        assertEquals(sale || sharing || ads || gpc, in.optOut());
        assertEquals(gpc, in.gpc());
    }

    @Test
    void aTcStringOnItsOwnOrInsideGppIsRead() {
        VisitorConsent v = ENGINE.evaluate("FR", Signals.NONE, Optional.of(ConsentState.builder(
                NOW.minus(1, ChronoUnit.DAYS), CATALOG.revision()).grant("analytics").deny("marketing")
                .deny("functional").jurisdiction("FR").build()));
        TcString tc = SIGNALS.tcString(v, "FR").orElseThrow();
        assertEquals(Optional.of(tc), IncomingSignals.read("", tc.encode()).tc());
        assertEquals(Optional.of(tc), IncomingSignals.read(GppString.of(new TcfEuV2Section(tc)).encode(), "").tc());
    }

    @Test
    void consentedCategoriesReadTheMappingBackwards() {
        VisitorConsent v = ENGINE.evaluate("FR", Signals.NONE, Optional.of(ConsentState.builder(
                NOW.minus(1, ChronoUnit.DAYS), CATALOG.revision()).grant("analytics").deny("marketing")
                .deny("functional").jurisdiction("FR").build()));
        TcString tc = SIGNALS.tcString(v, "FR").orElseThrow();
        assertEquals(Set.of("analytics"), SIGNALS.consentedCategories(tc));
    }

    @Property(tries = 200)
    void consentedCategoriesRoundTripTheVisitorsCategories(@ForAll boolean functional, @ForAll boolean analytics,
                                                           @ForAll boolean marketing) {
        ConsentState.Builder b = ConsentState.builder(NOW.minus(1, ChronoUnit.DAYS), CATALOG.revision()).jurisdiction("DE");
        b = functional ? b.grant("functional") : b.deny("functional");
        b = analytics ? b.grant("analytics") : b.deny("analytics");
        b = marketing ? b.grant("marketing") : b.deny("marketing");
        VisitorConsent v = ENGINE.evaluate("DE", Signals.NONE, Optional.of(b.build()));
        TcString tc = SIGNALS.tcString(v, "DE").orElseThrow();
        Set<String> expected = new java.util.TreeSet<>();
        if (functional) {
            expected.add("functional");
        }
        if (analytics) {
            expected.add("analytics");
        }
        if (marketing) {
            expected.add("marketing");
        }
        assertEquals(expected, new java.util.TreeSet<>(SIGNALS.consentedCategories(tc)));
    }

    @Test
    void consentedCategoriesOfAPre22StringAreNone() {
        VisitorConsent v = ENGINE.evaluate("FR", Signals.NONE, Optional.of(ConsentState.builder(
                NOW.minus(1, ChronoUnit.DAYS), CATALOG.revision()).grant("analytics").jurisdiction("FR").build()));
        TcString t = SIGNALS.tcString(v, "FR").orElseThrow();
        TcString old = new TcString(t.created(), t.lastUpdated(), t.cmpId(), t.cmpVersion(), t.consentScreen(),
                t.consentLanguage(), t.vendorListVersion(), 2, t.serviceSpecific(), t.useNonStandardTexts(),
                t.specialFeatureOptIns(), t.purposesConsent(), t.purposesLegitimateInterest(), t.purposeOneTreatment(),
                t.publisherCountryCode(), t.vendorConsents(), t.vendorLegitimateInterests(), t.publisherRestrictions(),
                t.disclosedVendors(), t.publisherTc());
        assertEquals(Set.of(), SIGNALS.consentedCategories(old));
    }

    @Test
    void stringsOfACalifornianWithGpcHoldUsnatAndUspv1() {
        IabStrings s = SIGNALS.strings(ENGINE.evaluate("US-CA", Signals.GPC, Optional.empty()), "EN");
        assertEquals(Optional.of("1YYN"), s.usPrivacy());
        assertTrue(s.tcString().isEmpty());
        assertEquals(java.util.List.of(6, 7), s.applicableSections());
        java.util.Map<String, Object> core = s.parsedSections().get("usnat").get(0);
        assertEquals(1, core.get("SaleOptOut"));
        assertEquals(1, core.get("SharingOptOut"));
        assertEquals(true, s.parsedSections().get("usnat").get(1).get("Gpc"));
        assertEquals(s.gpp(), Optional.of(GppString.parse(s.gpp().orElseThrow()).encode()));
        assertEquals(java.util.List.of(-1), IabStrings.NONE.applicableSections());
        assertEquals("6_7", s.gppSid());
        assertEquals("", IabStrings.NONE.gppSid());
    }
}
