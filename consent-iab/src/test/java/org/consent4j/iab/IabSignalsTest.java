package org.consent4j.iab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;

final class IabSignalsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");
    private static final Catalog CATALOG = Catalogs.bundled();
    private static final ConsentEngine ENGINE = ConsentEngine.builder().catalog(CATALOG)
            .jurisdictions(Jurisdictions.bundled()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private static final IabSignals SIGNALS = IabSignals.builder().catalog(CATALOG).cmp(300, 2, 150)
            .publisherCountry("fr").vendor(755, "google-doubleclick").vendor(91, "criteo").build();

    private static ConsentState analyticsOnly(String where) {
        return ConsentState.builder(NOW.minus(1, ChronoUnit.DAYS), CATALOG.revision()).grant("analytics")
                .deny("marketing").deny("functional").jurisdiction(where).build();
    }

    @Test
    void californiaWithGpcIsOptedOutOfSaleAndSharingWithGpcSet() {
        VisitorConsent v = ENGINE.evaluate("US-CA", Signals.GPC, Optional.empty());
        GppString gpp = SIGNALS.gpp(v, "EN").orElseThrow();
        UsNat usnat = gpp.usNat().orElseThrow();
        assertEquals(1, usnat.saleOptOut());
        assertEquals(1, usnat.sharingOptOut());
        assertEquals(1, usnat.targetedAdvertisingOptOut());
        assertEquals(Optional.of(true), usnat.gpc());
        assertEquals("1YYN", gpp.uspV1().orElseThrow().encode());
        assertEquals(List.of(6, 7, 8), GppString.parse(gpp.encode()).sectionIds());
        UsStateSection usca = GppString.parse(gpp.encode()).usState(UsState.CA).orElseThrow();
        assertEquals(1, usca.value("SaleOptOut"));
        assertEquals(1, usca.value("SharingOptOut"));
        assertEquals(Optional.of(true), usca.gpc());
    }

    @Test
    void californiaWithoutGpcOrChoiceIsNotOptedOut() {
        VisitorConsent v = ENGINE.evaluate("US-CA", Signals.NONE, Optional.empty());
        UsNat usnat = SIGNALS.usNat(v).orElseThrow();
        assertEquals(2, usnat.saleOptOut());
        assertEquals(2, usnat.sharingOptOut());
        assertEquals(Optional.of(false), usnat.gpc());
        assertEquals("1YNN", SIGNALS.usPrivacy(v).orElseThrow().encode());
        assertTrue(SIGNALS.usPrivacy(ENGINE.evaluate("US-TX", Signals.NONE, Optional.empty())).isEmpty(),
                "the US Privacy string is California's");
    }

    @Test
    void eachStateGetsItsOwnSectionNextToUsnat() {
        VisitorConsent texas = ENGINE.evaluate("US-TX", Signals.GPC, Optional.empty());
        GppString gpp = SIGNALS.gpp(texas, "EN").orElseThrow();
        assertEquals(List.of(7, 16), gpp.sectionIds());
        UsStateSection tx = gpp.usState(UsState.TX).orElseThrow();
        assertEquals(1, tx.value("SaleOptOut"));
        assertEquals(1, tx.value("TargetedAdvertisingOptOut"));
        assertEquals(Optional.of(true), tx.gpc());
        VisitorConsent virginia = ENGINE.evaluate("US-VA", Signals.NONE, Optional.empty());
        UsStateSection va = SIGNALS.usState(virginia).orElseThrow();
        assertEquals(2, va.value("SaleOptOut"));
        assertEquals(Optional.empty(), va.gpc(), "usva has no GPC sub-section");
        assertEquals(List.of(7), SIGNALS.gpp(ENGINE.evaluate("US-MD", Signals.NONE, Optional.empty()), "EN")
                .orElseThrow().sectionIds(), "no typed section for Maryland: usnat alone");
        IabSignals nationalOnly = IabSignals.builder().catalog(CATALOG).stateSections(false).build();
        assertEquals(List.of(7), nationalOnly.gpp(texas, "EN").orElseThrow().sectionIds());
    }

    @Test
    void aFrenchVisitorWhoAcceptedAnalyticsOnlyGetsTheMappedPurposes() {
        VisitorConsent v = ENGINE.evaluate("FR", Signals.NONE, Optional.of(analyticsOnly("FR")));
        TcString tc = SIGNALS.tcString(v, "FR").orElseThrow();
        assertEquals(IdSet.of(1, 8, 9, 10), tc.purposesConsent());
        assertEquals(IdSet.EMPTY, tc.vendorConsents().vendors());
        assertEquals(IdSet.of(91, 755), tc.disclosedVendors().orElseThrow().vendors());
        assertEquals(List.of(), tc.v22Problems());
        assertEquals("FR", tc.consentLanguage());
        assertEquals("FR", tc.publisherCountryCode());
        assertEquals(300, tc.cmpId());
        assertEquals(tc.created(), tc.lastUpdated());
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), tc.created());
        assertEquals(tc, TcString.parse(tc.encode()));
        assertTrue(SIGNALS.usNat(v).isEmpty());
    }

    @Test
    void noTcStringWithoutAChoiceACmpIdOrOutsideTheTcfArea() {
        assertTrue(SIGNALS.tcString(ENGINE.evaluate("FR", Signals.NONE, Optional.empty()), "FR").isEmpty());
        IabSignals unregistered = IabSignals.builder().catalog(CATALOG).build();
        assertTrue(unregistered.tcString(ENGINE.evaluate("FR", Signals.NONE, Optional.of(analyticsOnly("FR"))), "FR")
                .isEmpty());
        assertTrue(SIGNALS.gpp(ENGINE.evaluate("BR", Signals.NONE, Optional.of(analyticsOnly("BR"))), "PT").isEmpty());
    }

    @Test
    void acceptingMarketingConsentsToTheMappedVendors() {
        ConsentState all = ConsentState.builder(NOW, CATALOG.revision()).grant("analytics").grant("marketing")
                .grant("functional").jurisdiction("DE").build();
        TcString tc = SIGNALS.tcString(ENGINE.evaluate("DE", Signals.NONE, Optional.of(all)), "DE").orElseThrow();
        assertEquals(IdSet.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), tc.purposesConsent());
        assertEquals(IdSet.of(91, 755), tc.vendorConsents().vendors());
    }

    @Test
    void vendorsMustBeCatalogServices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IabSignals.builder().catalog(CATALOG).vendor(1, "no-such-service").build());
        assertTrue(e.getMessage().contains("no-such-service"), e.getMessage());
    }
}
