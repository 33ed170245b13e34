package org.consent4j.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProcessingFactsTest {

    @TempDir
    Path dir;

    private IllegalArgumentException rejected(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("facts.json"), json);
        return assertThrows(IllegalArgumentException.class, () -> ProcessingFacts.load(file));
    }

    @Test
    void everyBundledPurposeHasFacts() {
        ProcessingFacts facts = ProcessingFacts.bundled();
        ProcessingDocumentsTest.CATALOG.purposes().forEach(p ->
                assertTrue(facts.purpose(p.id()).isPresent(), "processing facts for purpose " + p.id()));
    }

    @Test
    void aSiteFileAddsAndOverridesFactsById() throws IOException {
        Path file = Files.writeString(dir.resolve("facts.json"), """
                {"version": 1,
                 "dataCategories": {"health": {"en": "Health data", "fr": "Données de santé"}},
                 "services": {"google-analytics": {"dataCategories": ["health"], "criteria": ["sensitive-data"]}}}
                """);
        ProcessingFacts facts = ProcessingFacts.load(file);
        ServiceEntry ga = ProcessingDocuments.builder().catalog(ProcessingDocumentsTest.CATALOG)
                .services(List.of("google-analytics")).facts(facts).build().record().service("google-analytics")
                .orElseThrow();
        assertTrue(ga.dataCategories().contains("health"));
        assertEquals(Set.of(DpiaCriterion.SENSITIVE_DATA), ga.screening().indicated());
        assertEquals("Données de santé", facts.dataCategoryLabel("health", "fr"));
    }

    @Test
    void errorsNameTheFileThePathAndTheFix() throws IOException {
        String unknown = rejected("""
                {"version": 1, "purposes": {"measurement": {"criteria": ["profiling"]}}}""").getMessage();
        assertTrue(unknown.contains("/purposes/measurement/criteria/0"), unknown);
        assertTrue(unknown.contains("evaluation-or-scoring"), "lists the valid ids: " + unknown);

        String undeclared = rejected("""
                {"version": 1, "services": {"x": {"dataCategories": ["shoe-size"]}}}""").getMessage();
        assertTrue(undeclared.contains("/services/x/dataCategories/0") && undeclared.contains("/dataCategories"),
                undeclared);

        String duplicate = rejected("{\"version\": 1, \"version\": 1}").getMessage();
        assertTrue(duplicate.contains("facts.json") && duplicate.contains("version"), duplicate);

        String trailing = rejected("{\"version\": 1} {}").getMessage();
        assertTrue(trailing.contains("facts.json"), trailing);

        String version = rejected("{\"version\": 2}").getMessage();
        assertTrue(version.contains("/version") && version.contains("must be 1"), version);
    }
}
