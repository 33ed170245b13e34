package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DocumentsCommandTest {

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path catalog(String name, String lifetime) throws IOException {
        return Files.writeString(dir.resolve(name), """
                {"version": 1, "services": [
                  {"id": "shop-analytics", "name": "Shop Analytics", "provider": "Shop Analytics GmbH",
                   "category": "analytics", "purposes": ["measurement"], "legalBasis": "consent", "risk": "low",
                   "cookies": [{"name": "sa_id", "lifetime": "%s", "description": "Visitor id."}],
                   "description": {"en": "Counts visits."}, "source": "https://example.org/shop-analytics"}
                ]}
                """.formatted(lifetime));
    }

    @Test
    void recordAsJsonListsTheSiteServicesWithSegMetricsDpia() throws IOException {
        Result r = run("documents", "record", "--services", "google-analytics,segmetrics", "--format", "json",
                "--controller", "Demo Shop SAS", "--confirm", "large-scale");
        assertEquals(0, r.status(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> ids = new ArrayList<>();
        root.path("services").forEach(s -> ids.add(s.path("id").asText()));
        assertEquals(List.of("google-analytics", "segmetrics"), ids);
        assertEquals("required", root.path("services").get(1).path("dpia").path("result").asText());
        assertEquals("Demo Shop SAS", root.path("controller").path("name").asText());
    }

    @Test
    void recordInFrenchHtmlToAFile() throws IOException {
        Path out = dir.resolve("record.html");
        Result r = run("documents", "record", "--services", "youtube", "--format", "html", "--lang", "fr",
                "--output", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(out).contains("<html lang=\"fr\">"));
        assertTrue(r.err().contains("wrote " + out), r.err());
    }

    @Test
    void diffReportsAnAddedServiceAndAChangedRetention() throws IOException {
        Path before = catalog("before.json", "P13M");
        Path after = catalog("after.json", "P2Y");
        Result r = run("documents", "diff", before.toString(), after.toString(), "--old-services", "shop-analytics",
                "--services", "shop-analytics,segmetrics");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("Shop Analytics: retention of sa_id changed from P13M to P2Y"), r.out());
        assertTrue(r.out().contains("SegMetrics added: transfer to US"), r.out());
        Result same = run("documents", "diff", before.toString(), before.toString(), "--services", "shop-analytics");
        assertEquals(0, same.status(), same.out() + same.err());
        assertTrue(same.out().contains("no material change"));
    }

    @Test
    void badArgumentsExitTwoWithTheReason() {
        Result unknown = run("documents", "record", "--services", "no-such-tool");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("no-such-tool"), unknown.err());
        Result format = run("documents", "record", "--format", "pdf");
        assertEquals(2, format.status());
        assertTrue(format.err().contains("markdown, html or json"), format.err());
        Result criterion = run("documents", "record", "--confirm", "profiling");
        assertEquals(2, criterion.status());
        assertTrue(criterion.err().contains("evaluation-or-scoring"), criterion.err());
        assertEquals(0, run("documents", "record", "--help").status());
        assertEquals(0, run("documents", "diff", "--version").status());
    }
}
