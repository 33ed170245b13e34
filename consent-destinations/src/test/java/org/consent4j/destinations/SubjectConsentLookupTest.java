package org.consent4j.destinations;

import static org.consent4j.destinations.Visitors.CATALOG;
import static org.consent4j.destinations.Visitors.ENGINE;
import static org.consent4j.destinations.Visitors.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.Reason;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Regime;
import org.consent4j.records.ConsentRecord;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

final class SubjectConsentLookupTest {

    private final InMemorySubjectConsentStore store = new InMemorySubjectConsentStore();
    private final SubjectConsentLookup lookup = SubjectConsentLookup.of(ENGINE, store);

    private static ConsentRecord record(String subject, Instant at, String jurisdiction, Regime regime, ConsentMethod method,
                                        boolean gpc, Map<String, Choice> categories) {
        return ConsentRecord.builder(subject, at).jurisdiction(jurisdiction, regime, List.of())
                .catalogRevision(CATALOG.revision()).categories(categories).method(method).gpc(gpc).build();
    }

    private static Map<String, Choice> all(Choice c) {
        return Map.of(Category.FUNCTIONAL, c, Category.ANALYTICS, c, Category.MARKETING, c);
    }

    @Test
    void consentOfWhenNoRecordThenFallbackDeniesAllButNecessary() {
        VisitorConsent c = lookup.consentOf("contact-1");

        assertTrue(c.jurisdiction().isDefault());
        assertEquals(Reason.NO_CHOICE_OPT_IN, c.service("segmetrics").reason());
        assertTrue(c.allows(Category.NECESSARY));
        assertFalse(lookup.allows("contact-1", "segmetrics"));
        assertEquals(Optional.empty(), lookup.latest("contact-1"));
    }

    @Test
    void consentOfWhenNoRecordAndLocationGivenThenJudgedThere() {
        VisitorConsent c = lookup.consentOf("contact-1", "US-CA");

        assertEquals("US-CA", c.jurisdiction().code());
        assertEquals(Reason.OPT_OUT_DEFAULT, c.service("segmetrics").reason());
    }

    @Test
    void consentOfWhenAcceptedAllInFranceThenAllowed() {
        store.append(record("contact-1", NOW.minus(Duration.ofDays(10)), "FR", Regime.OPT_IN, ConsentMethod.ACCEPT_ALL, false,
                all(Choice.GRANTED)));

        VisitorConsent c = lookup.consentOf("contact-1");

        assertEquals("FR", c.jurisdiction().code());
        assertEquals(Reason.GRANTED, c.service("segmetrics").reason());
        assertTrue(lookup.allows("contact-1", "segmetrics"));
        assertEquals(ConsentMethod.ACCEPT_ALL, c.state().orElseThrow().method());
    }

    @Test
    void consentOfWhenWithdrawnLaterThenDenied() {
        store.append(record("contact-1", NOW.minus(Duration.ofDays(10)), "FR", Regime.OPT_IN, ConsentMethod.ACCEPT_ALL, false,
                all(Choice.GRANTED)));
        ConsentRecord withdrawal = record("contact-1", NOW.minus(Duration.ofDays(2)), "FR", Regime.OPT_IN,
                ConsentMethod.WITHDRAWAL, false, all(Choice.DENIED));
        store.append(withdrawal);
        // An older record arriving late does not replace the newer one.
        store.append(record("contact-1", NOW.minus(Duration.ofDays(5)), "FR", Regime.OPT_IN, ConsentMethod.ACCEPT_ALL, false,
                all(Choice.GRANTED)));

        assertSame(withdrawal, lookup.latest("contact-1").orElseThrow());
        assertEquals(Reason.DENIED, lookup.consentOf("contact-1").service("segmetrics").reason());
        assertEquals(1, store.subjects());
    }

    @Test
    void consentOfWhenGrantOlderThanMaximumAgeThenExpired() {
        // France keeps a choice 182 days in the fixtures (CNIL: six months).
        store.append(record("contact-1", NOW.minus(Duration.ofDays(200)), "FR", Regime.OPT_IN, ConsentMethod.ACCEPT_ALL, false,
                all(Choice.GRANTED)));

        assertEquals(Reason.GRANT_EXPIRED, lookup.consentOf("contact-1").service("segmetrics").reason());
    }

    @Test
    void consentOfWhenCatalogRevisedSinceThenAskAgain() {
        store.append(ConsentRecord.builder("contact-1", NOW.minus(Duration.ofDays(1)))
                .jurisdiction("DE", Regime.OPT_IN, List.of()).catalogRevision("0123456789ab")
                .categories(all(Choice.GRANTED)).method(ConsentMethod.ACCEPT_ALL).build());

        assertEquals(Reason.CATALOG_REVISED, lookup.consentOf("contact-1").service("google-analytics").reason());
    }

    @Test
    void consentOfWhenRecordMadeWithGpcInCaliforniaThenOptedOut() {
        store.append(record("contact-1", NOW.minus(Duration.ofDays(1)), "US-CA", Regime.OPT_OUT, ConsentMethod.GPC_OPT_OUT, true,
                Map.of()));

        VisitorConsent c = lookup.consentOf("contact-1");

        assertTrue(c.signals().gpc());
        assertEquals(Reason.GPC_OPT_OUT, c.service("segmetrics").reason());
        assertEquals(Reason.OPT_OUT_DEFAULT, c.service("google-analytics").reason());
    }

    @Test
    void lookupFeedsRouterToPauseCrmIngestionForContactsWithoutConsent() {
        store.append(record("with-consent", NOW.minus(Duration.ofDays(1)), "DE", Regime.OPT_IN, ConsentMethod.ACCEPT_ALL, false,
                all(Choice.GRANTED)));
        RecordingTransport crm = new RecordingTransport();
        DestinationRouter router = DestinationRouter.builder(CATALOG)
                .route(Destination.builder("crm").service("segmetrics").purpose("attribution").build(), crm).build();

        for (String contact : List.of("with-consent", "without-consent")) {
            router.send(Event.identify(contact, Map.of()), lookup.consentOf(contact));
        }

        assertEquals(List.of("with-consent"), crm.received().stream().map(r -> r.event().userId()).toList());
        assertEquals(1, router.stats().destination("crm").orElseThrow().suppressed("no-choice-opt-in"));
    }

    @Test
    void storeFailureIsNotMistakenForNoRecord() {
        SubjectConsentLookup broken = SubjectConsentLookup.of(ENGINE, subject -> {
            throw new IllegalStateException("records database unavailable");
        });

        assertThrows(IllegalStateException.class, () -> broken.consentOf("contact-1"));
    }

    @Test
    void storeIsARecordSink() {
        store.append(record("a", NOW, "FR", Regime.OPT_IN, ConsentMethod.REJECT_ALL, false, all(Choice.DENIED)));
        store.append(record("b", NOW, "FR", Regime.OPT_IN, ConsentMethod.ACCEPT_ALL, false, all(Choice.GRANTED)));
        store.close();

        assertEquals(2, store.subjects());
        assertEquals(Fixtures.FR.code(), lookup.latest("b").orElseThrow().jurisdiction());
    }
}
