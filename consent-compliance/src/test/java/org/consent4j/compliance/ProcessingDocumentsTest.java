package org.consent4j.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.RiskLevel;
import org.junit.jupiter.api.Test;

final class ProcessingDocumentsTest {

    static final Catalog CATALOG = Catalogs.bundled();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    static ProcessingDocuments demo(SiteProfile site) {
        return ProcessingDocuments.builder().catalog(CATALOG).services(Demo.SERVICES)
                .controller(Controller.of("Demo Shop SAS", "privacy@demo.test")).site(site).clock(CLOCK).build();
    }

    @Test
    void recordListsEveryDeclaredServiceWithWhatArticle30Asks() {
        ProcessingRecord record = demo(SiteProfile.unstated()).record();
        assertEquals(Demo.SERVICES, record.services().stream().map(ServiceEntry::id).toList());
        for (ServiceEntry s : record.services()) {
            assertFalse(s.purposes().isEmpty(), s.id() + " has a purpose");
            assertFalse(s.recipient().isBlank(), s.id() + " has a recipient");
            assertTrue(s.legalReference().startsWith("GDPR Art. 6(1)("), s.id() + ": " + s.legalReference());
            assertEquals(s.cookies().isEmpty(), s.retention().isEmpty(), s.id() + " retention follows its cookies");
            if (!s.transfer().country().isEmpty() && s.outsideEea()) {
                assertFalse(s.transfer().safeguard().isBlank(), s.id() + " names its transfer safeguard");
            }
        }
        // every activity is a purpose of at least one declared service, and every service's purposes appear
        for (ServiceEntry s : record.services()) {
            for (String p : s.purposes()) {
                assertTrue(record.activities().stream().anyMatch(a -> a.purposeId().equals(p) && a.services().contains(s.id())),
                        s.id() + " appears under purpose " + p);
            }
        }
        assertEquals(ProcessingDocuments.inventoryHash(Demo.SERVICES), record.inventoryHash());
        assertEquals(CATALOG.revision(), record.catalogRevision());
        assertEquals(CLOCK.instant(), record.generatedAt());
    }

    @Test
    void segMetricsShowsUsTransferHighRiskConsentAndADpiaRecommendationWithItsCriteria() {
        ServiceEntry sm = demo(SiteProfile.unstated()).record().service("segmetrics").orElseThrow();
        assertEquals("US", sm.transfer().country());
        assertTrue(sm.outsideEea());
        assertTrue(sm.transfer().safeguard().contains("Standard Contractual Clauses"), sm.transfer().safeguard());
        assertEquals(RiskLevel.HIGH, sm.risk());
        assertEquals(LegalBasis.CONSENT, sm.legalBasis());
        assertTrue(sm.legalReference().contains("GDPR Art. 6(1)(a)"), sm.legalReference());
        assertTrue(sm.legalReference().contains("ePrivacy Directive Art. 5(3)"), sm.legalReference());
        assertEquals("P2Y", sm.retention());
        ServiceScreening dpia = sm.screening();
        assertEquals(DpiaResult.RECOMMENDED, dpia.result());
        assertTrue(dpia.indicated().containsAll(Set.of(DpiaCriterion.EVALUATION_OR_SCORING,
                DpiaCriterion.MATCHING_OR_COMBINING, DpiaCriterion.SYSTEMATIC_MONITORING)), dpia.indicated().toString());
        assertTrue(dpia.reasons().stream().anyMatch(r -> r.contains("transfer to US")), dpia.reasons().toString());
        assertTrue(dpia.flows().stream().anyMatch(f -> f.contains("CRM")), dpia.flows().toString());
        assertTrue(dpia.mitigations().stream().anyMatch(m -> m.contains("Data Privacy Framework")), dpia.mitigations().toString());
    }

    @Test
    void aCriterionConfirmedByTheSiteMakesTheDpiaRequired() {
        ProcessingRecord unconfirmed = demo(SiteProfile.unstated()).record();
        ProcessingRecord largeScale = demo(new SiteProfile(Set.of(DpiaCriterion.LARGE_SCALE), "5 years", "")).record();
        assertEquals(DpiaResult.RECOMMENDED, unconfirmed.result());
        assertEquals(DpiaResult.REQUIRED, largeScale.service("segmetrics").orElseThrow().screening().result());
        assertEquals(DpiaResult.REQUIRED, largeScale.result());
        // a necessary session cookie without any indicated criterion is recommended at most under one confirmed one
        assertEquals(DpiaResult.NOT_INDICATED,
                unconfirmed.service("java-servlet-session").orElseThrow().screening().result());
        assertEquals(DpiaResult.RECOMMENDED,
                largeScale.service("java-servlet-session").orElseThrow().screening().result());
    }

    @Test
    void necessaryServicesRelyOnTheStrictlyNecessaryExemption() {
        ServiceEntry session = demo(SiteProfile.unstated()).record().service("java-servlet-session").orElseThrow();
        assertTrue(session.legalReference().contains("exempt from consent as strictly necessary"), session.legalReference());
    }

    @Test
    void unknownServiceIdsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcessingDocuments.builder()
                .catalog(CATALOG).services(List.of("google-analytics", "no-such-tool")).build());
        assertTrue(e.getMessage().contains("no-such-tool"), e.getMessage());
        assertFalse(e.getMessage().contains("google-analytics"), e.getMessage());
    }

    @Test
    void buildingTwiceGivesTheSameDocuments() {
        ProcessingDocuments.Builder b = ProcessingDocuments.builder().catalog(CATALOG).services(Demo.SERVICES).clock(CLOCK);
        assertEquals(b.build().record(), b.build().record());
    }

    @Test
    void withoutADeclarationEveryCatalogServiceIsDescribed() {
        ProcessingRecord all = ProcessingDocuments.builder().catalog(CATALOG).clock(CLOCK).build().record();
        assertEquals(CATALOG.services().size(), all.services().size());
        assertNotEquals(demo(SiteProfile.unstated()).record().inventoryHash(), all.inventoryHash());
    }
}
