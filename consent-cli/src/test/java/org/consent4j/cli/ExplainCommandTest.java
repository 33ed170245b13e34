package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ExplainCommandTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }

        JsonNode service(String id) throws Exception {
            for (JsonNode s : json().get("services")) {
                if (s.get("id").asText().equals(id)) {
                    return s;
                }
            }
            throw new AssertionError("no service " + id + " in " + out);
        }

        JsonNode category(String id) throws Exception {
            for (JsonNode c : json().get("categories")) {
                if (c.get("id").asText().equals(id)) {
                    return c;
                }
            }
            throw new AssertionError("no category " + id + " in " + out);
        }
    }

    /** Runs {@code consent4j explain ARGS} in-process, as the command line does. */
    static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] line = new String[args.length + 1];
        line[0] = "explain";
        System.arraycopy(args, 0, line, 1, args.length);
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(line, o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the command on the small test catalog at a fixed time. */
    static Run runOnFixtures(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Catalog catalog = Fixtures.catalog();
        ExplainCommand command = new ExplainCommand(path -> catalog, Clock.fixed(NOW, ZoneOffset.UTC));
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = command.run(List.of(args), o, e);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void explainWhenFranceWithoutChoiceThenTableShowsOptInAndEveryNonNecessaryDenied() throws Exception {
        Run r = run("--jurisdiction", "FR");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Jurisdiction  FR (France)"), r.out());
        assertTrue(r.out().contains("Regime        OPT_IN"), r.out());
        assertTrue(r.out().contains("Loi Informatique et Libertés Art. 82"), r.out());
        assertTrue(r.out().contains("ask the visitor now: yes"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("segmetrics\\s+marketing\\s+deny\\s+no-choice-opt-in\\s+opt-in regime, no choice yet")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("necessary\\s+allow\\s+necessary\\s+.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("java-servlet-session\\s+necessary\\s+allow\\s+necessary\\s+.*")), r.out());
        assertEquals("", r.err());
    }

    @Test
    void explainWhenCaliforniaWithGpcAsJsonThenExactShapeAndSaleOptedOut() throws Exception {
        Run r = run("--jurisdiction", "US-CA", "--gpc", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = r.json();
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("jurisdiction", "regime", "gpc", "laws", "categories", "services"), keys);
        assertEquals("US-CA", j.get("jurisdiction").asText());
        assertEquals("OPT_OUT", j.get("regime").asText());
        assertTrue(j.get("gpc").asBoolean());
        assertTrue(j.get("laws").get(0).asText().startsWith("CCPA/CPRA"));
        assertEquals(4, j.get("categories").size());
        assertEquals(Catalogs.bundled().services().size(), j.get("services").size());
        JsonNode sm = r.service("segmetrics");
        List<String> serviceKeys = new ArrayList<>();
        sm.fieldNames().forEachRemaining(serviceKeys::add);
        assertEquals(List.of("id", "category", "decision", "reason", "explanation"), serviceKeys);
        assertEquals("marketing", sm.get("category").asText());
        assertEquals("deny", sm.get("decision").asText());
        assertEquals("gpc-opt-out", sm.get("reason").asText());
        assertEquals("allow", r.service("google-analytics").get("decision").asText());
        assertEquals("opt-out-default", r.service("google-analytics").get("reason").asText());
        assertEquals("deny", r.category("marketing").get("decision").asText());
    }

    @Test
    void explainWhenCaliforniaWithoutGpcThenSegmetricsAllowedByDefault() throws Exception {
        Run r = run("--jurisdiction", "US-CA", "--json");
        assertEquals("allow", r.service("segmetrics").get("decision").asText());
        assertEquals("opt-out-default", r.service("segmetrics").get("reason").asText());
        assertTrue(!r.json().get("gpc").asBoolean());
    }

    @Test
    void explainWhenCaliforniaRejectAllThenDenied() throws Exception {
        Run r = run("--jurisdiction", "US-CA", "--consent", "reject", "--json");
        assertEquals("denied", r.service("segmetrics").get("reason").asText());
        assertEquals("necessary", r.service("java-servlet-session").get("reason").asText());
    }

    @Test
    void explainWhenFranceAcceptAllThenGrantedAndWhenConsentedAYearAgoThenExpired() throws Exception {
        Run fresh = run("--jurisdiction", "FR", "--consent", "all", "--json");
        assertEquals("granted", fresh.service("segmetrics").get("reason").asText());
        Run old = run("--jurisdiction", "FR", "--consent", "all", "--consented-at", "2025-06-15T12:00:00Z", "--json");
        assertEquals("deny", old.service("segmetrics").get("decision").asText());
        assertEquals("grant-expired", old.service("segmetrics").get("reason").asText());
        Run text = run("--jurisdiction", "FR", "--consent=all", "--consented-at=2025-06-15T12:00:00Z");
        assertTrue(text.out().contains("Choice        ACCEPT_ALL at 2025-06-15T12:00:00Z"), text.out());
    }

    @Test
    void explainWhenConsentListsCategoriesThenThoseGrantedAndTheRestDenied() throws Exception {
        Run r = run("--jurisdiction", "DE", "--consent", "analytics, functional", "--json");
        assertEquals("granted", r.category("analytics").get("reason").asText());
        assertEquals("granted", r.category("functional").get("reason").asText());
        assertEquals("denied", r.category("marketing").get("reason").asText());
        assertEquals("granted", r.service("google-analytics").get("reason").asText());
        assertEquals("denied", r.service("segmetrics").get("reason").asText());
    }

    @Test
    void explainWhenLocationUnknownThenDefaultRulesAndSaysSo() throws Exception {
        Run r = run("--jurisdiction", "ZZ");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("Jurisdiction  default (Unknown location)  <- resolved from 'ZZ'"), r.out());
        assertTrue(r.out().contains("Regime        OPT_IN"), r.out());
        Run sub = run("--jurisdiction", "fr-75", "--json");
        assertEquals("FR", sub.json().get("jurisdiction").asText());
    }

    @Test
    void explainWhenJurisdictionsFileGivenThenItOverridesTheBundledEntry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("j.json");
        Files.writeString(file, """
                {"jurisdictions": [{"code": "FR", "name": "France (site)", "regime": "NOTICE", "gpcHonoured": false,
                  "maxChoiceAge": "P1M", "laws": ["Site policy"], "source": "test"}]}""");
        Run r = run("--jurisdiction", "FR", "--jurisdictions", file.toString(), "--json");
        assertEquals("NOTICE", r.json().get("regime").asText());
        assertEquals("notice-default", r.service("segmetrics").get("reason").asText());
    }

    @Test
    void explainWhenHelpThenUsageOnStdoutAndStatusZero() throws Exception {
        Run r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: consent4j explain"), r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|Missing required option: '--jurisdiction=CODE'",
            "--gpc|Missing required option: '--jurisdiction=CODE'",
            "--jurisdiction|Missing required parameter for option '--jurisdiction'",
            "--jurisdiction --gpc|Expected parameter for option '--jurisdiction' but found '--gpc'",
            "--jurisdiction france|'france' is not a jurisdiction code: give an ISO 3166-1 alpha-2 country (FR), an ISO 3166-2 subdivision (US-CA) or 'default'",
            "--jurisdiction=FRA|'FRA' is not a jurisdiction code",
            "--jurisdiction FR --frobnicate|Unknown option: '--frobnicate'",
            "--jurisdiction FR extra|Unmatched argument at index",
            "--jurisdiction FR --gpc=yes|Invalid value for option '--gpc'",
            "--jurisdiction FR --gpc --gpc|option '--gpc' should be specified only once",
            "--jurisdiction FR --consent|Missing required parameter for option '--consent'",
            "--jurisdiction FR --consent=|--consent is empty",
            "--jurisdiction FR --consent all --consented-at yesterday|'yesterday' is not an ISO instant",
            "--jurisdiction FR --consented-at 2025-01-01T00:00:00Z|--consented-at needs a choice",
            "--jurisdiction FR --catalog no-such-file.json|'no-such-file.json' is not a readable file",
            "--jurisdiction FR --jurisdictions no-such-file.json|'no-such-file.json' is not a readable file",
            "--jurisdiction FR --consent analytics,adverts|unknown category 'adverts' in --consent; known categories: necessary, functional, analytics, marketing"})
    void explainWhenArgumentsAreBadThenClearMessageAndStatusTwo(String line, String expected) throws Exception {
        String[] args = line == null ? new String[0] : line.split(" ");
        Run r = run(args);
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals("", r.out());
    }

    @Test
    void explainWhenJurisdictionsFileIsInvalidThenProblemsWithPointersAndStatusTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"jurisdictions\": [{\"code\": \"FR\", \"regime\": \"OPTIN\"}]}");
        Run r = run("--jurisdiction", "FR", "--jurisdictions", file.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("#/jurisdictions/0/regime: unknown regime 'OPTIN'"), r.err());
    }

    @Test
    void explainWhenSiteCatalogGivenThenItsServicesAreDecidedToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site-catalog.json");
        Files.writeString(file, """
                {"version": 1, "services": [{"id": "site-chat", "name": "Support chat", "provider": "Example Ltd",
                  "category": "functional", "purposes": ["customer-support"], "hosts": ["chat.example.net"]}]}""");
        Run r = run("--jurisdiction", "DE", "--catalog", file.toString(), "--consent", "functional", "--json");
        assertEquals(0, r.status(), r.err());
        assertEquals("granted", r.service("site-chat").get("reason").asText());
        assertEquals("denied", r.service("segmetrics").get("reason").asText());
    }

    @Test
    void explainWhenCatalogIsInvalidThenProblemsAndStatusTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad-catalog.json");
        Files.writeString(file, "{\"version\": 1, \"services\": [{\"id\": \"Bad Id\", \"category\": \"adverts\"}]}");
        Run r = run("--jurisdiction", "FR", "--catalog", file.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("explain: cannot use the catalog " + file + ": invalid catalog"), r.err());
        assertTrue(r.err().contains("/services/0"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void explainOnTheTestCatalogAtAFixedTimeWhenConsentedSevenMonthsAgoInFranceThenExpiredButNotInGermany() throws Exception {
        Run fr = runOnFixtures("--jurisdiction", "FR", "--consent", "all", "--consented-at", "2025-11-15T12:00:00Z", "--json");
        assertEquals("grant-expired", fr.service("segmetrics").get("reason").asText());
        Run de = runOnFixtures("--jurisdiction", "DE", "--consent", "all", "--consented-at", "2025-11-15T12:00:00Z", "--json");
        assertEquals("granted", de.service("segmetrics").get("reason").asText());
        assertEquals(Fixtures.catalog().services().size(), de.json().get("services").size());
    }

    @Test
    void mainWhenHelpThenExplainIsListed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[]{"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.trim().startsWith("explain ")), out.toString(StandardCharsets.UTF_8));
    }
}
