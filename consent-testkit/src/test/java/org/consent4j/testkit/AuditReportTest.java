package org.consent4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.consent4j.core.testing.Fixtures;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AuditReportTest {

    private static LeakySite site;
    private static AuditReport report;

    @BeforeAll
    static void audit() throws Exception {
        site = LeakySite.start(true);
        report = ConsentAudit.builder().catalog(Fixtures.catalog()).jurisdictions(Fixtures.jurisdictions())
                .locations(List.of("FR", "US-CA")).states(List.of(AuditState.noChoice(), AuditState.acceptAll()))
                .build().run(site.uri());
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @Test
    void toJsonWritesTheDocumentedFields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertEquals("consent4j-audit/1", json.path("format").asText());
        assertEquals(site.uri().toString(), json.path("site").asText());
        assertEquals("http", json.path("driver").asText());
        assertEquals(Fixtures.catalog().revision(), json.path("catalogRevision").asText());
        assertFalse(json.path("summary").path("clean").asBoolean());
        assertEquals(report.violations().size(), json.path("summary").path("violations").asInt());
        assertEquals(4, json.path("runs").size());
        JsonNode run = json.path("runs").get(0);
        assertEquals("no-choice", run.path("state").asText());
        assertEquals("FR", run.path("jurisdiction").asText());
        assertEquals("OPT_IN", run.path("regime").asText());
        assertEquals("fired-without-consent", run.path("services").path("youtube").path("status").asText());
        assertEquals("no-choice-opt-in", run.path("services").path("youtube").path("reason").asText());
        assertEquals("blocked", run.path("services").path("google-analytics").path("status").asText());
        JsonNode finding = json.path("findings").get(0);
        for (String field : List.of("severity", "state", "jurisdiction", "path", "kind", "source", "service", "category",
                "evidence", "rule", "explanation")) {
            assertTrue(finding.has(field), field);
        }
        assertTrue(json.path("runs").get(0).path("observations").get(0).has("evidence"));
    }

    @Test
    void toHtmlIsSelfContainedEscapedAndShowsViolationsInRed() {
        String html = report.toHtml();
        Document doc = Jsoup.parse(html);

        assertTrue(doc.select("script, link, img, iframe, [src], [href]").isEmpty(), "no script and no external asset");
        assertFalse(html.contains("<script src"), "evidence markup must be escaped");
        assertTrue(html.contains("&lt;iframe src=&quot;https://www.youtube.com/embed/leak&quot;&gt;"));
        assertEquals(2, doc.select("h2:contains(Visitor in)").size());
        assertFalse(doc.select("td.fired-without-consent").isEmpty());
        assertTrue(doc.select("td.fired-without-consent").first().attr("title").startsWith("deny:"));
        assertTrue(doc.select(".verdict.bad").text().contains("without their consent"));
    }

    @Test
    void writeCreatesParentDirectories(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("a/b/report.json");
        Path html = dir.resolve("c/report.html");
        report.writeJson(json);
        report.writeHtml(html);
        assertEquals(report.toJson(), Files.readString(json));
        assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void summaryListsEachFindingOnALine() {
        String summary = report.summary();
        assertTrue(summary.startsWith("consent audit of " + site.uri()), summary);
        assertEquals(report.findings().size() + 1, summary.lines().count());
        assertTrue(summary.contains("VIOLATION [no-choice, FR] / youtube (marketing)"), summary);
    }

    @Test
    void escKeepsTextAndEscapesMarkup() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", org.consent4j.core.internal.html.HtmlEscaper.escape("a <b> & \"c\" 'd'"));
    }
}
