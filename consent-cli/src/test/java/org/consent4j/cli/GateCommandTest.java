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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return gate(page.getBytes(StandardCharsets.UTF_8), args);
    }

    private static Run gate(byte[] page, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GateCommand command = new GateCommand(path -> Fixtures.catalog(), Fixtures::jurisdictions,
                new ByteArrayInputStream(page),
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
    void utf16PageIsTranscodedToUtf8AndGated() throws Exception {
        String page = PAGE.replace("<head>", "<head><meta charset=\"utf-16\">").replace("Hello", "Bonjour, \u00e7a va \u2014 \ud83c\udf6a");
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("UTF-16LE with BOM", ("\ufeff" + page).getBytes(StandardCharsets.UTF_16LE));
        inputs.put("UTF-16BE with BOM", ("\ufeff" + page).getBytes(StandardCharsets.UTF_16BE));
        inputs.put("UTF-16LE without BOM", page.getBytes(StandardCharsets.UTF_16LE));
        inputs.put("UTF-16BE without BOM", page.getBytes(StandardCharsets.UTF_16BE));
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            Run run = gate(input.getValue(), "--jurisdiction", "FR", "--report");
            assertEquals(Command.OK, run.status(), input.getKey() + ": " + run.err());
            assertTrue(run.out().contains("Bonjour, \u00e7a va \u2014 \ud83c\udf6a"), input.getKey() + ": text kept, as UTF-8: " + run.out());
            assertTrue(run.out().contains("data-consent-gated data-consent-category=\"analytics\""), input.getKey() + ": " + run.out());
            assertTrue(!run.out().contains("<script async src=\"https://www.googletagmanager.com"), input.getKey() + ": tracker left live");
            assertTrue(run.err().contains("gate: note: the page is UTF-16"), input.getKey() + ": " + run.err());
        }
        Run declared = gate(page.getBytes(StandardCharsets.UTF_16LE), "--jurisdiction", "FR", "--charset", "UTF-16LE");
        assertEquals(Command.OK, declared.status(), declared.err());
        assertTrue(declared.out().contains("data-consent-gated"), declared.out());
    }

    @Test
    void utf32PageOrBrokenUtf16IsRefusedWithExitTwo() throws Exception {
        Run utf32 = gate(("\ufeff" + PAGE).getBytes(java.nio.charset.Charset.forName("UTF-32BE")), "--jurisdiction", "FR");
        assertEquals(Command.USAGE, utf32.status());
        assertTrue(utf32.err().contains("the page is UTF-32"), utf32.err());
        assertEquals("", utf32.out());
        byte[] odd = java.util.Arrays.copyOf(("\ufeff" + PAGE).getBytes(StandardCharsets.UTF_16LE), PAGE.length() * 2 + 1);
        odd[odd.length - 1] = 0x3c;
        Run broken = gate(odd, "--jurisdiction", "FR");
        assertEquals(Command.USAGE, broken.status(), broken.err());
        assertTrue(broken.err().contains("is not valid UTF-16LE"), broken.err());
    }

    @Test
    void everyCommandAnswersHelpAndVersionWithExitZero() {
        for (String[] command : List.of(new String[] {}, new String[] {"audit"}, new String[] {"explain"},
                new String[] {"gate"}, new String[] {"records"}, new String[] {"records", "verify"},
                new String[] {"records", "export"}, new String[] {"serve"}, new String[] {"generate-completion"})) {
            for (String flag : List.of("--help", "--version")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                String[] argv = java.util.Arrays.copyOf(command, command.length + 1);
                argv[command.length] = flag;
                int status = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
                String text = out.toString(StandardCharsets.UTF_8);
                assertEquals(Command.OK, status, String.join(" ", argv) + ": " + err.toString(StandardCharsets.UTF_8));
                assertTrue(flag.equals("--help") ? text.contains("usage:") || text.contains("Usage:") : text.startsWith("consent4j "),
                        String.join(" ", argv) + ": " + text);
            }
        }
    }

    @Test
    void completionScriptNamesEveryCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(Command.OK, Main.run(new String[] {"generate-completion"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream())));
        String script = out.toString(StandardCharsets.UTF_8);
        for (String name : List.of("audit", "explain", "gate", "records", "serve", "--jurisdiction")) {
            assertTrue(script.contains(name), name);
        }
    }

    @Test
    void badArgumentsExitWithUsage() throws Exception {
        Run missing = gate(PAGE);
        assertEquals(Command.USAGE, missing.status());
        assertTrue(missing.err().contains("Missing required option: '--jurisdiction=CODE'"), missing.err());
        Run france = gate(PAGE, "--jurisdiction", "france");
        assertEquals(Command.USAGE, france.status());
        assertTrue(france.err().contains("'france' is not a jurisdiction code"), france.err());
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
        assertTrue(help.out().startsWith("usage: consent4j gate --jurisdiction CODE"), help.out());
    }
}
