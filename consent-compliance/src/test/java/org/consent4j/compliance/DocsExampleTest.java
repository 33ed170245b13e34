package org.consent4j.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.junit.jupiter.api.Test;

/**
 * The example in docs/records-of-processing.md is the code between the markers below, byte for byte
 * (indentation aside), and it runs.
 */
final class DocsExampleTest {

    private static final Path DOC = Path.of("..", "docs", "records-of-processing.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "org", "consent4j", "compliance",
            "DocsExampleTest.java");

    @Test
    void theDocumentedExampleRuns() {
        Catalog catalog = Catalogs.bundled();
        // doc:example
        ProcessingDocuments documents = ProcessingDocuments.builder()
                .catalog(catalog)                                        // the bundled catalog plus the site's
                .services(List.of("google-analytics", "youtube", "segmetrics")) // the services the site uses
                .controller(Controller.of("Example Shop Ltd", "privacy@example.com"))
                .site(new SiteProfile(Set.of(DpiaCriterion.LARGE_SCALE), "5 years after the choice",
                        "TLS everywhere; access to records limited to the DPO"))
                .build();
        ProcessingRecord record = documents.record();
        String html = documents.render(record, DocumentFormat.HTML, "fr");     // also MARKDOWN and JSON
        DpiaResult result = record.service("segmetrics").orElseThrow().screening().result(); // REQUIRED here
        // end:example
        assertTrue(html.contains("Registre des activités de traitement"));
        assertEquals(DpiaResult.REQUIRED, result);
    }

    @Test
    void theDocumentationShowsExactlyThatExample() throws IOException {
        List<String> source = Files.readAllLines(SOURCE);
        int from = indexOf(source, "// doc:example") + 1;
        int to = indexOf(source, "// end:example");
        String expected = source.subList(from, to).stream().map(String::strip).collect(Collectors.joining("\n"));
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```java\n", doc.indexOf("<!-- example: DocsExampleTest -->")) + "```java\n".length();
        String shown = doc.substring(start, doc.indexOf("```", start)).lines().map(String::strip)
                .collect(Collectors.joining("\n"));
        assertEquals(expected, shown, "docs/records-of-processing.md drifted from DocsExampleTest; copy the region");
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker + " missing");
    }
}
