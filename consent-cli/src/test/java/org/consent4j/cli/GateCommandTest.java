package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;
import java.util.List;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

final class GateCommandTest {

    private static final String PAGE = """
            <!DOCTYPE html><html><head>
            <script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST1"></script>
            <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
            </head><body><p>Hello</p>
            <img src="https://www.facebook.com/tr?id=1&amp;ev=PageView&amp;noscript=1" alt="">
            <iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>
            </body></html>
            """;

    /** The result of one run: exit status, standard output and standard error. */
    private record Run(int status, String out, String err) {
    }

    private static Run gate(String page, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GateCommand command = new GateCommand(path -> Fixtures.catalog(), Fixtures::jurisdictions,
                new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)),
                Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
        int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> services(String reportJson) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(reportJson)) {
            ids.add(n.get("service").asText() + "/" + n.get("element").asText());
        }
        return ids;
    }

    @Test
    void noChoiceInFranceGatesEveryTrackerAndReportsIt() throws Exception {
        Run run = gate(PAGE, "--jurisdiction", "FR", "--report");
        assertEquals(Command.OK, run.status());
        assertTrue(run.out().contains("<script type=\"text/plain\" data-consent-gated data-consent-category=\"analytics\""
                + " data-consent-service=\"google-analytics\" async data-consent-src="), run.out());
        assertEquals(List.of("google-analytics/script", "google-analytics/script", "meta-pixel/img", "youtube/iframe"),
                services(run.err()));
        JsonNode first = new ObjectMapper().readTree(run.err()).get(0);
        assertEquals("analytics", first.get("category").asText());
        assertEquals("URL host www.googletagmanager.com", first.get("reason").asText());
        assertEquals("host", first.get("attribution").asText());
    }

    @Test
    void acceptAllPassesThePageUnchanged() throws Exception {
        Run run = gate(PAGE, "--jurisdiction", "FR", "--consent", "all", "--report");
        assertEquals(PAGE, run.out());
        assertEquals(List.of(), services(run.err()));
    }

    @Test
    void acceptedCategoriesLoadAndTheRestStayGated() throws Exception {
        Run run = gate(PAGE, "--jurisdiction", "DE", "--consent", "analytics", "--report");
        assertEquals(List.of("meta-pixel/img", "youtube/iframe"), services(run.err()));
        Run reject = gate(PAGE, "--jurisdiction", "DE", "--consent", "reject", "--report");
        assertEquals(4, services(reject.err()).size());
    }

    @Test
    void optOutRegimeLoadsEverythingUntilGpc() throws Exception {
        assertEquals(PAGE, gate(PAGE, "--jurisdiction", "US-CA").out());
        Run gpc = gate(PAGE, "--jurisdiction", "US-CA", "--gpc", "--report");
        assertEquals(List.of("meta-pixel/img", "youtube/iframe"), services(gpc.err()));
    }

    @Test
    void badArgumentsExitWithUsage() throws Exception {
        Run missing = gate(PAGE);
        assertEquals(Command.USAGE, missing.status());
        assertTrue(missing.err().contains("--jurisdiction is required"), missing.err());
        Run category = gate(PAGE, "--jurisdiction", "FR", "--consent", "analytics,ads");
        assertEquals(Command.USAGE, category.status());
        assertTrue(category.err().contains("unknown category 'ads'"), category.err());
        assertEquals(Command.USAGE, gate(PAGE, "--jurisdiction", "FR", "--catalog", "/nonexistent/site.json").status());
        assertEquals(Command.USAGE, gate(PAGE, "--jurisdiction", "FR", "--charset", "no-such").status());
        assertEquals(Command.USAGE, gate(PAGE, "--jurisdiction").status());
        assertEquals(Command.USAGE, gate(PAGE, "--jurisdiction", "FR", "--frobnicate").status());
    }

    @Test
    void registeredCommandGatesOnTheBundledCatalogAndASiteCatalog(@TempDir Path dir) throws Exception {
        assertTrue(Main.commands().get("gate") instanceof GateCommand);
        String page = "<html><head><script src=\"https://stats.example/s.js\"></script></head><body>"
                + "<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script></body></html>";
        Run bundled = run(page, null, "--jurisdiction", "FR", "--report");
        assertEquals(List.of("google-tag-manager/script"), services(bundled.err()));
        Path site = Files.writeString(dir.resolve("site.json"), """
                {"version": 1,
                 "services": [{"id": "stats-example", "name": "Stats", "category": "analytics",
                               "hosts": ["stats.example"]}]}
                """);
        Run withSite = run(page, site, "--jurisdiction", "FR", "--catalog", site.toString(), "--report");
        assertEquals(List.of("stats-example/script", "google-tag-manager/script"), services(withSite.err()));
    }

    @Test
    void unreadableOrInvalidCatalogExitsWithUsage(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"version\": 1, \"services\": [{\"id\": \"x\"}]}");
        Run run = run(PAGE, broken, "--jurisdiction", "FR", "--catalog", broken.toString());
        assertEquals(Command.USAGE, run.status());
        assertTrue(run.err().contains("broken.json"), run.err());
    }

    /** Runs the command on the bundled catalog and jurisdictions, as registered. */
    private static Run run(String page, Path site, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GateCommand command = new GateCommand(file -> file.map(f -> Catalogs.load(f)).orElseGet(Catalogs::bundled),
                Jurisdictions::bundled, new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
        int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportListsElementsTooLongToRead() throws Exception {
        String page = "<img alt=\"" + "a".repeat(70_000) + "\" src=/x.png><img src=https://www.facebook.com/tr>";
        Run run = gate(page, "--jurisdiction", "FR", "--report");
        JsonNode report = new ObjectMapper().readTree(run.err());
        assertEquals("unreadable", report.get(0).get("attribution").asText());
        assertEquals("could not be read: a start tag longer than 65536 bytes", report.get(0).get("reason").asText());
        assertEquals("meta-pixel", report.get(1).get("service").asText());
        Run all = gate(page, "--jurisdiction", "FR", "--consent", "all", "--report");
        assertEquals(page, all.out());
        assertEquals("unchecked", new ObjectMapper().readTree(all.err()).get(0).get("attribution").asText());
    }

    @Test
    void helpPrintsUsage() throws Exception {
        Run help = gate(PAGE, "--help");
        assertEquals(Command.OK, help.status());
        assertTrue(help.out().startsWith("usage: gate --jurisdiction CODE"), help.out());
    }
}
