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

    /** States whose law takes effect after 2026, or that have only a sector law (Washington's health data act). */
    static final List<String> DATED_STATES = List.of("OK", "LA", "AL", "VT", "WA");
    /** The day the table is read on in these tests, so that they do not change meaning as time passes. */
    static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    private final JurisdictionTable bundled = Jurisdictions.bundled();

    @Test
    void bundledWhenCalledTwiceThenSameTable() {
        assertSame(bundled, Jurisdictions.bundled());
    }

    @Test
    void bundledWhenEuOrEeaMemberThenPresentAndOptInUnderGdprAndEprivacy() {
        assertEquals(27, EU.size());
        for (String code : concat(EU, EEA)) {
            Jurisdiction j = bundled.get(code, DAY).orElseThrow(() -> new AssertionError(code + " missing"));
            assertEquals(Regime.OPT_IN, j.regime(), code);
            assertEquals(3, j.laws().size(), code + " cites its national cookie provision: " + j.laws());
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
            assertTrue(j.sourceUrl().startsWith("https://"), j.code() + " needs a statute or regulator URL: " + j.sourceUrl());
        }
        for (JurisdictionAlias a : bundled.aliases()) {
            assertTrue(a.sourceUrl().startsWith("https://"), a.code());
            assertTrue(bundled.get(a.sameAs(), DAY).isPresent(), a.code() + " -> " + a.sameAs());
        }
    }

    @Test
    void bundledWhenGpcDutySetThenHonouredAndNotBeforeTheEntryStarts() {
        for (Jurisdiction j : bundled.entries()) {
            if (!j.gpcSince().isEmpty()) {
                assertTrue(j.gpcHonoured(), j.code());
                assertFalse(j.gpcDutyFrom().isBefore(j.from()), j.code());
                assertFalse(j.gpcDutyFrom().isAfter(LocalDate.of(2028, 12, 31)), j.code());
            }
        }
    }

    @Test
    void bundledWhenUsStateWithLawInForceBy2026ThenOptOutWithGpcHonoured() {
        for (String state : US_STATES) {
            Jurisdiction j = bundled.get("US-" + state, DAY).orElseThrow(() -> new AssertionError("US-" + state + " missing"));
            assertEquals(Regime.OPT_OUT, j.regime(), state);
            assertTrue(j.gpcHonoured(), state);
            assertFalse(j.from().equals(Jurisdiction.ALWAYS), state + " is dated from its law's effective date");
        }
        Set<String> listed = bundled.entries().stream().map(Jurisdiction::code).filter(c -> c.startsWith("US-"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(concat(US_STATES, DATED_STATES).stream().map(s -> "US-" + s).collect(Collectors.toCollection(TreeSet::new)), listed);
    }

    @Test
    void bundledWhenStateMandatesUniversalOptOutThenGpcSinceIsTheDateTheDutyStarts() {
        for (String pair : GPC_MANDATES) {
            String[] kv = pair.split("=");
            assertEquals(kv[1], bundled.get("US-" + kv[0], DAY).orElseThrow().gpcSince(), kv[0]);
        }
        Set<String> mandated = GPC_MANDATES.stream().map(p -> p.substring(0, 2)).collect(Collectors.toSet());
        for (String state : US_STATES) {
            if (!mandated.contains(state)) {
                assertEquals("", bundled.get("US-" + state, DAY).orElseThrow().gpcSince(), state);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"FR,P6M", "IT,P6M", "ES,P24M", "DE,P12M", "GB,P12M", "US-CA,P12M", "default,P6M"})
    void bundledWhenRegulatorGuidanceExistsThenChoiceAgeFollowsIt(String code, String age) {
        Jurisdiction j = code.equals("default") ? bundled.fallback() : bundled.get(code, DAY).orElseThrow();
        assertEquals(java.time.Period.parse(age), j.choiceAge());
    }

    @Test
    void bundledWhenOtherRegimesThenTheDocumentedChoices() {
        assertEquals(Regime.OPT_OUT, bundled.resolve("CA-BC", DAY).regime());
        assertEquals("CA-AB", bundled.resolve("CA-AB", DAY).code());
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
            "US-VT,US", "US-OK,US", "CA-QC,CA-QC", "CA-BC,CA-BC", "CA-ON,CA", "GB-SCT,GB", "RE,FR", "FR-RE,FR",
            "GP,FR", "MQ,FR", "GF,FR", "YT,FR", "MF,FR", "AX,FI", "ES-CN,ES", "JP,JP", "KR,KR", "CN,CN", "TR,TR", "IN,IN",
            "AU,AU", "ZA,ZA", "SG,SG"})
    void resolveWhenKnownCountryOrSubdivisionThenItsEntry(String location, String expected) {
        assertEquals(expected, bundled.resolve(location, DAY).code());
    }

    @ParameterizedTest
    @CsvSource({"US-OK,2026-12-31,US", "US-OK,2027-01-01,US-OK", "US-VT,2027-12-31,US", "US-VT,2028-01-01,US-VT",
            "US-IN,2025-12-31,US", "US-IN,2026-01-01,US-IN", "US-WA,2024-03-30,US", "US-WA,2024-03-31,US-WA",
            "IN,2027-05-12,IN", "IN,2027-05-13,IN"})
    void resolveWhenLawStartsLaterThenTheCountryUntilThatDay(String location, String day, String expected) {
        assertEquals(expected, bundled.resolve(location, LocalDate.parse(day)).code());
    }

    @Test
    void resolveWhenRulesChangeOnADayThenEachPeriodHasItsOwnEntry() {
        assertEquals(Regime.NOTICE, bundled.resolve("NO", LocalDate.of(2024, 12, 31)).regime());
        assertEquals(Regime.OPT_IN, bundled.resolve("NO", LocalDate.of(2025, 1, 1)).regime());
        assertEquals(Regime.NOTICE, bundled.resolve("IN", LocalDate.of(2027, 5, 12)).regime());
        assertEquals(Regime.OPT_IN, bundled.resolve("IN", LocalDate.of(2027, 5, 13)).regime());
        assertFalse(bundled.fallback().laws().contains("GDPR"), "the default entry must not claim a law: " + bundled.fallback().laws());
        assertFalse(bundled.fallback().regimeByLaw());
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
        Jurisdiction fr = table.resolve("FR", DAY);
        assertEquals(java.time.Period.ofMonths(3), fr.choiceAge());
        assertTrue(fr.gpcHonoured());
        assertEquals(List.of("GDPR"), fr.laws());
        assertEquals(Regime.NOTICE, table.resolve("JP", DAY).regime());
        assertEquals("Elsewhere", table.resolve("ZZ", DAY).name());
        assertEquals(java.time.Period.ofDays(30), table.fallback().choiceAge());
        assertEquals(bundled.resolve("DE", DAY), table.resolve("DE", DAY));
        assertEquals(bundled.resolve("US-CA", DAY), table.resolve("US-CA", DAY));
        assertEquals(bundled.entries().size(), table.entries().size());
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
    void parseWhenSameCodeForTwoPeriodsThenBothKeptAndOverlapRefused() {
        String a = "{\"code\": \"FR\", \"name\": \"x\", \"regime\": \"NOTICE\", \"gpcHonoured\": false, \"until\": \"2026-01-01\", "
                + "\"maxChoiceAge\": \"P6M\", \"laws\": [\"L\"], \"source\": \"s\"}";
        String b = "{\"code\": \"FR\", \"name\": \"x\", \"regime\": \"OPT_IN\", \"gpcHonoured\": false, \"from\": \"2026-01-01\", "
                + "\"maxChoiceAge\": \"P6M\", \"laws\": [\"L\"], \"source\": \"s\"}";
        String d = "{\"code\": \"default\", \"name\": \"x\", \"regime\": \"OPT_IN\", \"gpcHonoured\": false, "
                + "\"maxChoiceAge\": \"P6M\", \"laws\": [\"L\"], \"source\": \"s\"}";
        JurisdictionTable t = Jurisdictions.parse("{\"jurisdictions\": [" + a + "," + b + "," + d + "]}", "two.json");
        assertEquals(Regime.NOTICE, t.resolve("FR", LocalDate.of(2025, 12, 31)).regime());
        assertEquals(Regime.OPT_IN, t.resolve("FR", LocalDate.of(2026, 1, 1)).regime());
        String overlapping = b.replace("2026-01-01", "2025-06-01");
        JurisdictionException e = assertThrows(JurisdictionException.class,
                () -> Jurisdictions.parse("{\"jurisdictions\": [" + a + "," + overlapping + "," + d + "]}", "overlap.json"));
        assertEquals("/jurisdictions/1/code", e.problems().get(0).pointer());
        assertTrue(e.problems().get(0).message().contains("overlapping"), e.getMessage());
    }

    @Test
    void parseWhenAliasThenResolvesAsItsTargetAndBadAliasRefused() {
        String d = "{\"code\": \"default\", \"name\": \"x\", \"regime\": \"OPT_IN\", \"gpcHonoured\": false, "
                + "\"maxChoiceAge\": \"P6M\", \"laws\": [\"L\"], \"source\": \"s\"}";
        String fr = d.replace("\"default\"", "\"FR\"").replace("\"x\"", "\"France\"");
        String re = "{\"code\": \"RE\", \"name\": \"Réunion\", \"sameAs\": \"FR\", \"source\": \"TFEU Art. 349\"}";
        JurisdictionTable t = Jurisdictions.parse("{\"jurisdictions\": [" + d + "," + fr + "," + re + "]}", "alias.json");
        assertEquals("FR", t.resolve("RE", DAY).code());
        assertEquals("FR", t.resolve("re-xx", DAY).code());
        String bad = "{\"code\": \"RE\", \"name\": \"Réunion\", \"sameAs\": \"FR\", \"regime\": \"OPT_IN\", \"source\": \"s\"}";
        JurisdictionException e = assertThrows(JurisdictionException.class,
                () -> Jurisdictions.parse("{\"jurisdictions\": [" + d + "," + bad + "]}", "bad-alias.json"));
        assertEquals("/jurisdictions/1/regime", e.problems().get(0).pointer());
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
    @CsvSource({"P6M,P6M", "P13M,P13M", "P1Y,P1Y", "P24M,P24M", "P2W,P14D", "P180D,P180D", "P1Y6M,P1Y6M", "P5Y,P5Y"})
    void choiceAgeWhenIsoPeriodThenCalendarPeriodNotThirtyDayMonths(String text, String period) {
        assertEquals(java.time.Period.parse(period), JurisdictionParser.choiceAge(text));
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
