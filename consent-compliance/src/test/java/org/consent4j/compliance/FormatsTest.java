package org.consent4j.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

final class FormatsTest {

    static final JsonSchema SCHEMA = schema();

    static JsonSchema schema() {
        try (InputStream in = ProcessingDocuments.class.getResourceAsStream("processing-record.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Set<ValidationMessage> validate(String json) throws IOException {
        JsonNode node = new ObjectMapper().readTree(json);
        return SCHEMA.validate(node);
    }

    @Test
    void jsonValidatesAgainstThePublishedSchema() throws IOException {
        ProcessingDocuments docs = ProcessingDocumentsTest.demo(SiteProfile.unstated());
        String json = docs.render(docs.record(), DocumentFormat.JSON, "en");
        assertEquals(Set.of(), validate(json));
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode sm = null;
        for (JsonNode s : root.path("services")) {
            if (s.path("id").asText().equals("segmetrics")) {
                sm = s;
            }
        }
        assertEquals("US", sm.path("transfer").path("country").asText());
        assertEquals("recommended", sm.path("dpia").path("result").asText());
        assertEquals("high", sm.path("risk").asText());
    }

    @Test
    void theSchemaRejectsWhatIsNotARecord() throws IOException {
        assertTrue(!validate("{\"services\": 3}").isEmpty());
        ProcessingDocuments docs = ProcessingDocumentsTest.demo(SiteProfile.unstated());
        String json = docs.render(docs.record(), DocumentFormat.JSON, "en").replace("\"recommended\"", "\"maybe\"");
        assertTrue(!validate(json).isEmpty());
    }

    @Test
    void markdownHasEveryArticle30SectionAndEscapesMarkup() {
        ProcessingDocuments docs = ProcessingDocuments.builder().catalog(ProcessingDocumentsTest.CATALOG)
                .services(Demo.SERVICES).controller(Controller.of("Shop <b>*Ltd*</b> | Co", "")).build();
        String md = docs.render(docs.record(), DocumentFormat.MARKDOWN, "en");
        assertTrue(md.startsWith("# Record of processing activities\n"), md.substring(0, 60));
        for (String heading : new String[] {"## Controller (Art. 30(1)(a))", "## Processing activities",
                "## Services", "## Security measures and consent mechanism", "## DPIA screening (Art. 35)",
                "### Draft DPIA outline: SegMetrics"}) {
            assertTrue(md.contains(heading), heading);
        }
        assertTrue(md.contains("Shop \\<b\\>\\*Ltd\\*\\</b\\> \\| Co"), "controller name escaped");
        assertTrue(md.contains("(to be completed)"), "empty contact flagged");
    }

    @Test
    void htmlIsOneAccessibleStandalonePageInTheRequestedLanguage() {
        ProcessingDocuments docs = ProcessingDocumentsTest.demo(SiteProfile.unstated());
        Document fr = Jsoup.parse(docs.render(docs.record(), DocumentFormat.HTML, "fr"));
        assertEquals("fr", fr.selectFirst("html").attr("lang"));
        assertEquals(1, fr.select("h1").size());
        assertEquals("Registre des activités de traitement", fr.selectFirst("h1").text());
        assertTrue(fr.select("script, link, img, iframe").isEmpty(), "no script and no external resource");
        for (Element table : fr.select("table")) {
            assertEquals(1, table.select("> caption").size(), "every table has a caption");
        }
        for (Element th : fr.select("th")) {
            assertTrue(th.hasAttr("scope"), "header cells carry a scope: " + th);
        }
        assertTrue(fr.text().contains("Mesure d'audience") || fr.text().contains("Mesure de l'audience")
                || fr.text().contains("audience"), "French purpose labels from the catalog");
        Document unknown = Jsoup.parse(docs.render(docs.record(), DocumentFormat.HTML, "xx"));
        assertEquals("en", unknown.selectFirst("html").attr("lang"), "unknown language falls back to English");
    }

    @Test
    void formatNamesAreParsedStrictly() {
        assertEquals(DocumentFormat.MARKDOWN, DocumentFormat.of("md"));
        assertEquals(DocumentFormat.HTML, DocumentFormat.of("HTML"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DocumentFormat.of("pdf"));
        assertTrue(e.getMessage().contains("markdown, html or json"), e.getMessage());
    }
}
