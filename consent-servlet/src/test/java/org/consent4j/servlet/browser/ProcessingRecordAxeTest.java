package org.consent4j.servlet.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.consent4j.compliance.Controller;
import org.consent4j.compliance.DocumentFormat;
import org.consent4j.compliance.ProcessingDocuments;
import org.consent4j.compliance.ProcessingRecord;
import org.consent4j.core.catalog.Catalogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML record of processing passes axe-core's WCAG 2.2 AA rules in real Chromium, in every language. */
final class ProcessingRecordAxeTest {

    @TempDir
    Path dir;

    @Test
    void theHtmlRecordOfProcessingHasNoAxeViolation() throws Exception {
        Axe axe = Axe.load();
        ProcessingDocuments docs = ProcessingDocuments.builder().catalog(Catalogs.bundled())
                .services(List.of("java-servlet-session", "google-analytics", "meta-pixel", "youtube", "segmetrics"))
                .controller(Controller.of("Demo Shop SAS", "privacy@demo.test")).build();
        ProcessingRecord record = docs.record();
        try (Browser browser = Browser.start()) {
            for (String lang : List.of("en", "fr", "de", "es")) {
                Path page = Files.writeString(dir.resolve("record-" + lang + ".html"),
                        docs.render(record, DocumentFormat.HTML, lang));
                browser.open(page.toUri().toString());
                assertEquals(lang, browser.js("return document.documentElement.lang"));
                assertEquals(List.of(), axe.violations(browser), "axe violations in the " + lang + " record");
            }
        }
    }
}
