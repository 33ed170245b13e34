package org.consent4j.core.jurisdiction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class JurisdictionsTest {

    static final List<String> EU = List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
            "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
    static final List<String> EEA = List.of("IS", "LI", "NO");
    /** US states whose comprehensive privacy law is in force by the end of 2026 (shared/research standards §1.2). */
    static final List<String> US_STATES = List.of("CA", "CO", "CT", "TX", "MT", "OR", "DE", "NE", "NH", "NJ", "MN", "MD",
            "VA", "UT", "FL", "IA", "TN", "IN", "KY", "RI");
    /** States with a statutory universal opt-out mechanism and the date the duty starts. */
    static final List<String> GPC_MANDATES = List.of("CA=2020-08-14", "CO=2024-07-01", "CT=2025-01-01", "TX=2025-01-01",
            "MT=2025-01-01", "OR=2026-01-01", "DE=2026-01-01", "NE=2025-01-01", "NH=2025-01-01", "NJ=2025-07-15",
            "MN=2025-07-31", "MD=2025-10-01");

    private final JurisdictionTable bundled = Jurisdictions.bundled();

    @Test
    void bundledWhenCalledTwiceThenSameTable() {
        assertSame(bundled, Jurisdictions.bundled());
    }

    @Test
    void bundledWhenEuOrEeaMemberThenPresentAndOptInUnderGdprAndEprivacy() {
        assertEquals(27, EU.size());
        for (String code : concat(EU, EEA)) {
            Jurisdiction j = bundled.get(code).orElseThrow(() -> new AssertionError(code + " missing"));
            assertEquals(Regime.OPT_IN, j.regime(), code);
            assertTrue(j.laws().containsAll(List.of("GDPR", "ePrivacy Directive")), code + " " + j.laws());
            assertFalse(j.gpcHonoured(), code);
        }
    }

    @Test
    void bundledWhenAnyEntryThenLawsAndSourceAndNameAreGiven() {
        List<Jurisdiction> all = concat(bundled.entries(), List.of(bundled.fallback()));
        assertTrue(all.size() > 50, "entries: " + all.size());
        for (Jurisdiction j : all) {
            assertFalse(j.laws().isEmpty(), j.code());
            j.laws().forEach(law -> assertFalse(law.isBlank(), j.code()));
            assertTrue(j.source().length() > 20, j.code() + " source: " + j.source());
            assertFalse(j.name().isBlank(), j.code());
            assertTrue(j.maxChoiceAge().compareTo(Duration.ofDays(30)) >= 0, j.code());
        }
    }

    @Test
    void bundledWhenGpcSinceSetThenHonouredAndAValidDateNotAfter2026() {
        for (Jurisdiction j : bundled.entries()) {
            if (!j.gpcSince().isEmpty()) {
                assertTrue(j.gpcHonoured(), j.code());
                assertFalse(LocalDate.parse(j.gpcSince()).isAfter(LocalDate.of(2026, 12, 31)), j.code());
            }
        }
    }

    @Test
    void bundledWhenUsStateWithLawInForceBy2026ThenOptOutWithGpcHonoured() {
        for (String state : US_STATES) {
            Jurisdiction j = bundled.get("US-" + state).orElseThrow(() -> new AssertionError("US-" + state + " missing"));
            assertEquals(Regime.OPT_OUT, j.regime(), state);
            assertTrue(j.gpcHonoured(), state);
        }
        Set<String> listed = bundled.entries().stream().map(Jurisdiction::code).filter(c -> c.startsWith("US-"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(US_STATES.stream().map(s -> "US-" + s).collect(Collectors.toCollection(TreeSet::new)), listed);
    }

    @Test
    void bundledWhenStateMandatesUniversalOptOutThenGpcSinceIsTheDateTheDutyStarts() {
        for (String pair : GPC_MANDATES) {
            String[] kv = pair.split("=");
            assertEquals(kv[1], bundled.get("US-" + kv[0]).orElseThrow().gpcSince(), kv[0]);
        }
        Set<String> mandated = GPC_MANDATES.stream().map(p -> p.substring(0, 2)).collect(Collectors.toSet());
        for (String state : US_STATES) {
            if (!mandated.contains(state)) {
                assertEquals("", bundled.get("US-" + state).orElseThrow().gpcSince(), state);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"FR,180", "IT,180", "ES,720", "DE,360", "GB,360", "US-CA,360", "default,180"})
    void bundledWhenRegulatorGuidanceExistsThenChoiceAgeFollowsIt(String code, long days) {
        Jurisdiction j = code.equals("default") ? bundled.fallback() : bundled.get(code).orElseThrow();
        assertEquals(Duration.ofDays(days), j.maxChoiceAge());
    }

    @Test
    void bundledWhenOtherRegimesThenTheDocumentedChoices() {
        assertEquals(Regime.OPT_IN, bundled.resolve("GB").regime());
        assertEquals(Regime.OPT_IN, bundled.resolve("CH").regime());
        assertEquals(Regime.OPT_IN, bundled.resolve("BR").regime());
        assertEquals(Regime.OPT_IN, bundled.resolve("CA-QC").regime());
        assertEquals(Regime.OPT_OUT, bundled.resolve("CA").regime());
        assertEquals(Regime.OPT_OUT, bundled.resolve("CA-ON").regime());
        Jurisdiction us = bundled.resolve("US");
        assertEquals(Regime.OPT_OUT, us.regime());
        assertTrue(us.gpcHonoured());
        assertEquals("", us.gpcSince());
    }

    @ParameterizedTest
    @CsvSource({"US-CA,US-CA", "us-ca,US-CA", " US-TX ,US-TX", "FR,FR", "FR-75,FR", "fr,FR", "DE-BY,DE", "US-WY,US",
            "US-VT,US", "US-OK,US", "CA-QC,CA-QC", "CA-BC,CA", "GB-SCT,GB"})
    void resolveWhenKnownCountryOrSubdivisionThenItsEntry(String location, String expected) {
        assertEquals(expected, bundled.resolve(location).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ZZ", "ZZ-99", "garbage", "-", "--", "F", "FRA", "12", "\u00e9\u00e9", "US_CA", "default"})
    void resolveWhenUnknownOrGarbageThenDefaultOptIn(String location) {
        Jurisdiction j = bundled.resolve(location);
        assertTrue(j.isDefault(), location + " -> " + j.code());
        assertEquals(Regime.OPT_IN, j.regime());
    }

    @Test
    void loadWhenFileOverridesEntriesAndDefaultThenTheyReplaceBundledOnesByCode(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site-jurisdictions.json");
        Files.writeString(file, """
                {"jurisdictions": [
                  {"code": "FR", "name": "France", "regime": "OPT_IN", "gpcHonoured": true, "maxChoiceAge": "P3M",
                   "laws": ["GDPR"], "source": "site policy: ask every quarter"},
                  {"code": "JP", "name": "Japan", "regime": "NOTICE", "gpcHonoured": false, "maxChoiceAge": "P1Y",
                   "laws": ["APPI"], "source": "site's counsel"},
                  {"code": "default", "name": "Elsewhere", "regime": "OPT_IN", "gpcHonoured": false, "gpcSince": "",
                   "maxChoiceAge": "P30D", "laws": ["GDPR"], "source": "site policy", "note": "stricter than bundled"}
                ]}
                """);
        JurisdictionTable table = Jurisdictions.load(file);
        Jurisdiction fr = table.resolve("FR");
        assertEquals(Duration.ofDays(90), fr.maxChoiceAge());
        assertTrue(fr.gpcHonoured());
        assertEquals(List.of("GDPR"), fr.laws());
        assertEquals(Regime.NOTICE, table.resolve("JP").regime());
        assertEquals("Elsewhere", table.resolve("ZZ").name());
        assertEquals(Duration.ofDays(30), table.fallback().maxChoiceAge());
        assertEquals(bundled.resolve("DE"), table.resolve("DE"));
        assertEquals(bundled.resolve("US-CA"), table.resolve("US-CA"));
        assertEquals(bundled.entries().size() + 1, table.entries().size());
    }

    @Test
    void loadWhenFileIsMissingThenExceptionNamesTheFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");
        JurisdictionException e = assertThrows(JurisdictionException.class, () -> Jurisdictions.load(file));
        assertEquals(file.toString(), e.problems().get(0).source());
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void loadWhenFileIsInvalidThenEveryProblemIsListedWithFileAndPointer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"jurisdictions": [
                  {"code": "fr", "name": "France", "regime": "OPTIN", "gpcHonoured": "yes", "gpcSince": "2025-13-01",
                   "maxChoiceAge": "6 months", "laws": [], "source": ""},
                  {"code": "US-XX", "gpcHonored": true}
                ]}
                """);
        JurisdictionException e = assertThrows(JurisdictionException.class, () -> Jurisdictions.load(file));
        List<String> where = e.problems().stream().map(JurisdictionProblem::pointer).toList();
        assertEquals(List.of("/jurisdictions/0/code", "/jurisdictions/0/regime", "/jurisdictions/0/gpcHonoured",
                "/jurisdictions/0/gpcSince", "/jurisdictions/0/maxChoiceAge", "/jurisdictions/0/laws", "/jurisdictions/0/source",
                "/jurisdictions/1/gpcHonored", "/jurisdictions/1/name", "/jurisdictions/1/regime", "/jurisdictions/1/gpcHonoured",
                "/jurisdictions/1/maxChoiceAge", "/jurisdictions/1/laws", "/jurisdictions/1/source"), where);
        e.problems().forEach(p -> {
            assertEquals(file.toString(), p.source());
            assertFalse(p.hint().isBlank(), p.toString());
        });
        assertTrue(e.problems().get(0).hint().contains("FR"), e.problems().get(0).toString());
        assertTrue(e.problems().get(1).hint().contains("OPT_IN, OPT_OUT, NOTICE"));
        assertTrue(e.problems().get(7).hint().contains("gpcHonoured"));
        assertTrue(e.getMessage().startsWith("14 problems in jurisdictions:"), e.getMessage());
    }

    @Test
    void parseWhenNoDefaultEntryThenExceptionSaysHowToFix() {
        JurisdictionException e = assertThrows(JurisdictionException.class, () -> Jurisdictions.parse("""
                {"jurisdictions": [{"code": "FR", "name": "France", "regime": "OPT_IN", "gpcHonoured": false,
                  "maxChoiceAge": "P6M", "laws": ["GDPR"], "source": "CNIL"}]}
                """, "only-fr.json"));
        assertTrue(e.getMessage().contains("no 'default' entry"), e.getMessage());
        assertTrue(e.problems().get(0).hint().contains("load(Path)"));
    }

    @Test
    void parseWhenGpcSinceSetButGpcNotHonouredThenRefused() {
        JurisdictionException e = assertThrows(JurisdictionException.class, () -> Jurisdictions.parse(entry(
                "\"code\": \"US-CO\", \"regime\": \"OPT_OUT\", \"gpcHonoured\": false, \"gpcSince\": \"2024-07-01\""), "co.json"));
        assertEquals("/jurisdictions/0/gpcHonoured", e.problems().get(0).pointer());
        assertTrue(e.problems().get(0).message().contains("2024-07-01"));
    }

    @Test
    void parseWhenDuplicateCodeThenRefusedNamingTheFirst() {
        String one = "{\"code\": \"default\", \"name\": \"x\", \"regime\": \"OPT_IN\", \"gpcHonoured\": false, "
                + "\"maxChoiceAge\": \"P6M\", \"laws\": [\"GDPR\"], \"source\": \"s\"}";
        JurisdictionException e = assertThrows(JurisdictionException.class,
                () -> Jurisdictions.parse("{\"jurisdictions\": [" + one + "," + one + "]}", "dup.json"));
        assertEquals("/jurisdictions/1/code", e.problems().get(0).pointer());
        assertTrue(e.problems().get(0).message().contains("/jurisdictions/0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{|not valid JSON",
            "[]|not a JSON object",
            "{}|missing field 'jurisdictions'",
            "{\"jurisdictions\": {}}|not an array",
            "{\"jurisdictions\": [1]}|not a JSON object",
            "{\"jurisdictions\": [], \"extra\": 1}|unknown field 'extra'",
            "{\"jurisdictions\": [], \"jurisdictions\": []}|not valid JSON"})
    void parseWhenDocumentShapeIsWrongThenSpecificProblem(String json, String expected) {
        JurisdictionException e = assertThrows(JurisdictionException.class, () -> Jurisdictions.parse(json, "t.json"));
        assertTrue(e.problems().get(0).message().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"P6M,180", "P13M,390", "P1Y,365", "P24M,720", "P2W,14", "P180D,180", "P1Y6M,545", "P5Y,1825"})
    void choiceAgeWhenIsoPeriodThenMonthsAre30DaysAndYears365(String text, long days) {
        assertEquals(Duration.ofDays(days), JurisdictionParser.choiceAge(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P", "P0M", "6M", "p6m", "PT12H", "P1.5Y", "P-1M", "P6", "P5Y1D", "P99999Y", "P1M1Y", "6 months"})
    void choiceAgeWhenNotAPositivePeriodOfAtMostFiveYearsThenRefused(String text) {
        String json = entry("\"code\": \"default\", \"maxChoiceAge\": \"" + text + "\"");
        JurisdictionException e = assertThrows(JurisdictionException.class, () -> Jurisdictions.parse(json, "age.json"));
        assertEquals("/jurisdictions/0/maxChoiceAge", e.problems().get(0).pointer());
        assertTrue(e.problems().get(0).hint().contains("P6M"));
    }

    /** One entry with sensible values for every field not given in {@code fields}. */
    static String entry(String fields) {
        StringBuilder sb = new StringBuilder("{\"jurisdictions\": [{").append(fields);
        for (String[] kv : new String[][]{{"code", "\"default\""}, {"name", "\"N\""}, {"regime", "\"OPT_IN\""},
                {"gpcHonoured", "false"}, {"maxChoiceAge", "\"P6M\""}, {"laws", "[\"GDPR\"]"}, {"source", "\"test\""}}) {
            if (!fields.contains("\"" + kv[0] + "\"")) {
                sb.append(", \"").append(kv[0]).append("\": ").append(kv[1]);
            }
        }
        return sb.append("}]}").toString();
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }
}
