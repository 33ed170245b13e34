package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.discovery.Discovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inventory draft}: a discovery report in, a draft site catalog that loads out. */
final class InventoryCommandTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void draftWhenReportHasAnUnknownHostThenPrintsALoadableCatalogWithAStub(@TempDir Path dir) throws Exception {
        Catalog site = Catalog.builder().addAll(Catalogs.bundled()).uses("segmetrics").build();
        Discovery discovery = Discovery.of(site);
        discovery.host("cdn.unknown-tracker.example", "/t.js", "script", "/shop");
        discovery.host("www.youtube.com", "/embed/x", "iframe", "/about");
        Path report = Files.writeString(dir.resolve("report.json"), discovery.report().toJson());

        Result r = run("inventory", "draft", report.toString());

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"hosts\" : [ \"cdn.unknown-tracker.example\" ]"), r.out());
        Catalog draft = Catalogs.load(Files.writeString(dir.resolve("draft.json"), r.out()));
        assertEquals("unknown-tracker-example", draft.serviceForHost("cdn.unknown-tracker.example").orElseThrow().id());
        assertTrue(draft.inventory().uses("segmetrics") && draft.inventory().uses("youtube"));
    }

    @Test
    void draftWhenBadInputThenSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        Result missing = run("inventory", "draft", dir.resolve("nope.json").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("report file not found"), missing.err());
        Result notReport = run("inventory", "draft", Files.writeString(dir.resolve("x.json"), "{\"a\": 1}").toString());
        assertEquals(2, notReport.status());
        assertTrue(notReport.err().contains("not a discovery report"), notReport.err());
        assertEquals(2, run("inventory", "nonsense").status());
        assertEquals(2, run("inventory").status());
    }
}
