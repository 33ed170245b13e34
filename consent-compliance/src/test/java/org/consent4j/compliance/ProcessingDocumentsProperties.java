package org.consent4j.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.consent4j.core.catalog.RiskLevel;
import org.consent4j.core.catalog.Service;

final class ProcessingDocumentsProperties {

    @Provide
    Arbitrary<List<String>> inventories() {
        List<String> ids = ProcessingDocumentsTest.CATALOG.services().stream().map(Service::id).toList();
        return Arbitraries.of(ids).list().uniqueElements().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<Set<DpiaCriterion>> confirmations() {
        return Arbitraries.of(DpiaCriterion.class).set().ofMaxSize(3);
    }

    private static ProcessingRecord record(List<String> services, Set<DpiaCriterion> confirmed) {
        return ProcessingDocuments.builder().catalog(ProcessingDocumentsTest.CATALOG).services(services)
                .site(new SiteProfile(confirmed, "", "")).clock(ProcessingDocumentsTest.CLOCK).build().record();
    }

    @Property(tries = 60)
    void theRecordSpeaksOfTheDeclaredServicesOnly(@ForAll("inventories") List<String> services,
                                                  @ForAll("confirmations") Set<DpiaCriterion> confirmed) {
        ProcessingRecord r = record(services, confirmed);
        assertEquals(services, r.services().stream().map(ServiceEntry::id).toList());
        Set<String> inActivities = new HashSet<>();
        r.activities().forEach(a -> inActivities.addAll(a.services()));
        assertEquals(Set.copyOf(services), inActivities);
    }

    @Property(tries = 60)
    void theScreeningFollowsItsRule(@ForAll("inventories") List<String> services,
                                    @ForAll("confirmations") Set<DpiaCriterion> confirmed) {
        ProcessingRecord r = record(services, confirmed);
        DpiaResult site = DpiaResult.NOT_INDICATED;
        for (ServiceEntry s : r.services()) {
            ServiceScreening sc = s.screening();
            EnumSet<DpiaCriterion> all = EnumSet.noneOf(DpiaCriterion.class);
            all.addAll(sc.indicated());
            all.addAll(sc.confirmed());
            DpiaResult expected = all.size() >= 2 && !confirmed.isEmpty() ? DpiaResult.REQUIRED
                    : !all.isEmpty() || s.risk() == RiskLevel.HIGH ? DpiaResult.RECOMMENDED : DpiaResult.NOT_INDICATED;
            assertEquals(expected, sc.result(), s.id());
            assertEquals(confirmed, sc.confirmed());
            if (expected.compareTo(site) < 0) {
                site = expected;
            }
        }
        assertEquals(confirmed.size() >= 2 ? DpiaResult.REQUIRED : site, r.result());
    }

    @Property(tries = 25)
    void everyRecordIsValidJsonInEveryLanguageAndDiffsToNothingAgainstItself(
            @ForAll("inventories") List<String> services, @ForAll("confirmations") Set<DpiaCriterion> confirmed)
            throws IOException {
        ProcessingDocuments docs = ProcessingDocuments.builder().catalog(ProcessingDocumentsTest.CATALOG)
                .services(services).site(new SiteProfile(confirmed, "", "")).build();
        ProcessingRecord r = docs.record();
        assertEquals(Set.of(), FormatsTest.validate(docs.render(r, DocumentFormat.JSON, "en")));
        for (String lang : List.of("en", "fr", "de", "es")) {
            String html = docs.render(r, DocumentFormat.HTML, lang);
            assertTrue(html.contains("lang=\"" + lang + "\""));
            r.services().forEach(s -> assertTrue(html.contains(HtmlWriter.escape(s.name())), s.name()));
        }
        assertEquals(List.of(), ProcessingChanges.between(r, r));
    }

    @Property(tries = 40)
    void addingServicesIsReportedAsExactlyThoseAdditions(@ForAll("inventories") List<String> before,
                                                         @ForAll("inventories") List<String> extra) {
        List<String> after = new java.util.ArrayList<>(before);
        extra.stream().filter(id -> !before.contains(id)).forEach(after::add);
        List<ProcessingChange> changes = ProcessingChanges.between(record(before, Set.of()), record(after, Set.of()));
        assertEquals(after.subList(before.size(), after.size()), changes.stream().map(ProcessingChange::serviceId).toList());
        assertTrue(changes.stream().allMatch(c -> c.kind() == ProcessingChange.Kind.SERVICE_ADDED));
    }
}
