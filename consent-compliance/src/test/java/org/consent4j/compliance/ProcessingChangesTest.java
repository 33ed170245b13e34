package org.consent4j.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProcessingChangesTest {

    private static final String BEFORE = """
            {"version": 1, "services": [
              {"id": "shop-analytics", "name": "Shop Analytics", "provider": "Shop Analytics GmbH", "category": "analytics",
               "purposes": ["measurement"], "legalBasis": "consent", "risk": "low",
               "cookies": [{"name": "sa_id", "lifetime": "P13M", "description": "Visitor id."}],
               "description": {"en": "Counts visits."}, "source": "https://example.org/shop-analytics"}
            ]}
            """;

    private static final String AFTER = """
            {"version": 1, "services": [
              {"id": "shop-analytics", "name": "Shop Analytics", "provider": "Shop Analytics GmbH", "category": "analytics",
               "purposes": ["measurement"], "legalBasis": "consent", "risk": "low",
               "cookies": [{"name": "sa_id", "lifetime": "P2Y", "description": "Visitor id."}],
               "description": {"en": "Counts visits."}, "source": "https://example.org/shop-analytics"}
            ]}
            """;

    @TempDir
    static Path dir;

    private static ProcessingRecord record(String siteCatalog, List<String> services) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "site", ".json"), siteCatalog);
        Catalog catalog = Catalogs.load(file);
        return ProcessingDocuments.builder().catalog(catalog).services(services).build().record();
    }

    @Test
    void reportsAnAddedServiceAndAChangedRetention() throws IOException {
        ProcessingRecord before = record(BEFORE, List.of("shop-analytics"));
        ProcessingRecord after = record(AFTER, List.of("shop-analytics", "segmetrics"));
        List<ProcessingChange> changes = ProcessingChanges.between(before, after);
        assertEquals(List.of(ProcessingChange.Kind.RETENTION_CHANGED, ProcessingChange.Kind.SERVICE_ADDED),
                changes.stream().map(ProcessingChange::kind).toList(), changes.toString());
        assertEquals("Shop Analytics: retention of sa_id changed from P13M to P2Y", changes.get(0).description());
        String added = changes.get(1).description();
        assertTrue(added.startsWith("SegMetrics added: transfer to US (Standard Contractual Clauses"), added);
        assertTrue(added.contains("risk high"), added);
    }

    @Test
    void reportsRemovalsAndNothingForAnUnchangedRecord() throws IOException {
        ProcessingRecord before = record(BEFORE, List.of("shop-analytics", "segmetrics"));
        assertEquals(List.of(), ProcessingChanges.between(before, before));
        List<ProcessingChange> removed = ProcessingChanges.between(before, record(BEFORE, List.of("shop-analytics")));
        assertEquals(1, removed.size());
        assertEquals(ProcessingChange.Kind.SERVICE_REMOVED, removed.get(0).kind());
        assertEquals("SegMetrics removed", removed.get(0).description());
    }
}
