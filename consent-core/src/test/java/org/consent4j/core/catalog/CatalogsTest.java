package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CatalogsTest {

    /** A small complete catalog; tests replace parts of it. */
    static final String VALID = """
            {
              "version": 1,
              "categories": [
                {"id": "necessary", "order": 0, "required": true, "label": {"en": "Necessary", "fr": "Nécessaires"}},
                {"id": "analytics", "order": 2, "label": {"en": "Analytics"}, "description": "Counts visits."}
              ],
              "purposes": [
                {"id": "session", "category": "necessary", "legalBasis": "contract", "label": {"en": "Session"}},
                {"id": "measurement", "category": "analytics", "legalBasis": "consent", "label": {"en": "Measurement"}},
                {"id": "ads", "category": "analytics", "legalBasis": "consent", "rights": ["sharing", "targeted_advertising"],
                 "label": {"en": "Ads"}}
              ],
              "services": [
                {"id": "session", "name": "Session", "category": "necessary", "purposes": ["session"],
                 "cookies": [{"name": "SID", "lifetime": "session"}]},
                {"id": "stats", "name": "Stats", "provider": "Stats Inc.", "category": "analytics", "purposes": ["measurement"],
                 "cookies": [
                   {"name": "st_id", "lifetime": "P1Y", "description": "visitor id"},
                   {"prefix": "st_s_", "lifetime": "PT30M"},
                   {"pattern": "st_[0-9]+", "lifetime": "P1D"},
                   {"name": "st_x", "party": "third", "domain": ".stats.example", "lifetime": "P13M"}
                 ],
                 "hosts": ["cdn.stats.example", "Collect.Stats.Example."],
                 "transfer": {"country": "US", "safeguard": "Standard Contractual Clauses"},
                 "legalBasis": "consent", "risk": "high", "regulations": ["GDPR"],
                 "description": {"en": "Measures visits.", "de": "Misst Besuche."},
                 "consentText": "May Stats measure your visits?",
                 "privacyPolicy": "https://stats.example/privacy", "source": "https://stats.example/cookies",
                 "$comment": "unknown properties are tolerated"}
              ]
            }
            """;

    @Test
    void parseWhenCookieHasPathAndLocalizedDescriptionThenBothKept() {
        String json = VALID.replace("{\"name\": \"st_id\", \"lifetime\": \"P1Y\", \"description\": \"visitor id\"}",
                "{\"name\": \"st_id\", \"lifetime\": \"P1Y\", \"path\": \"/shop\","
                        + " \"description\": {\"en\": \"visitor id\", \"fr\": \"identifiant du visiteur\"}}");
        CookieSpec id = Catalogs.parse(json, "site.json").service("stats").orElseThrow().cookies().get(0);
        assertEquals("/shop", id.path());
        assertEquals("visitor id", id.description());
        assertEquals("identifiant du visiteur", id.description("fr"));
        assertEquals("visitor id", id.description("de"), "English is the fallback");
        CookieSpec prefix = Catalogs.parse(json, "site.json").service("stats").orElseThrow().cookies().get(1);
        assertEquals("/", prefix.path());
        assertEquals("", prefix.description("fr"));
    }

    @Test
    void parseWhenCookiePathIsNotAPathThenProblemNamesIt() {
        for (String bad : List.of("\"shop\"", "\"/a;b\"", "\"/a b\"", "7")) {
            String json = VALID.replace("{\"prefix\": \"st_s_\", \"lifetime\": \"PT30M\"}",
                    "{\"prefix\": \"st_s_\", \"lifetime\": \"PT30M\", \"path\": " + bad + "}");
            CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.parse(json, "site.json"), bad);
            assertEquals(List.of("/services/1/cookies/1/path"),
                    e.problems().stream().map(CatalogProblem::pointer).toList(), bad);
        }
    }

    @Test
    void parseWhenValidThenBuildsEveryField() {
        Catalog catalog = Catalogs.parse(VALID, "site.json");

        assertEquals(List.of("necessary", "analytics"), catalog.categories().stream().map(Category::id).toList());
        assertTrue(catalog.category("necessary").orElseThrow().required());
        assertEquals("Nécessaires", catalog.category("necessary").orElseThrow().label().get("fr"));
        assertEquals("Counts visits.", catalog.category("analytics").orElseThrow().description().english());
        Purpose ads = catalog.purpose("ads").orElseThrow();
        assertEquals(Set.of(OptOutRight.SHARING, OptOutRight.TARGETED_ADVERTISING), ads.rights());
        assertEquals(LegalBasis.CONSENT, ads.legalBasis());

        Service stats = catalog.service("stats").orElseThrow();
        assertEquals("Stats", stats.name());
        assertEquals("Stats Inc.", stats.provider());
        assertEquals(List.of("measurement"), stats.purposes());
        assertEquals(List.of("cdn.stats.example", "collect.stats.example"), stats.hosts());
        assertEquals(new DataTransfer("US", "Standard Contractual Clauses"), stats.transfer());
        assertEquals(RiskLevel.HIGH, stats.risk());
        assertEquals(List.of("GDPR"), stats.regulations());
        assertEquals("Misst Besuche.", stats.description().get("de"));
        assertEquals("May Stats measure your visits?", stats.consentText().english());
        assertEquals("https://stats.example/privacy", stats.privacyPolicy());
        assertEquals("https://stats.example/cookies", stats.source());
        assertEquals(4, stats.cookies().size());
        CookieSpec thirdParty = stats.cookies().get(3);
        assertEquals(Party.THIRD, thirdParty.party());
        assertEquals("stats.example", thirdParty.domain());
        assertEquals(Duration.ofDays(390), thirdParty.lifetime().duration());
        assertEquals(CookieName.Kind.PREFIX, stats.cookies().get(1).name().kind());
        assertEquals(CookieName.Kind.PATTERN, stats.cookies().get(2).name().kind());

        Service session = catalog.service("session").orElseThrow();
        assertEquals(LegalBasis.CONSENT, session.legalBasis(), "legalBasis defaults to consent");
        assertEquals(RiskLevel.MEDIUM, session.risk(), "risk defaults to medium");
        assertEquals(DataTransfer.none(), session.transfer());
        assertTrue(session.cookies().get(0).lifetime().isSession());
    }

    @Test
    void parseWhenValidThenLookupsFindServices() {
        Catalog catalog = Catalogs.parse(VALID, "site.json");

        assertEquals("stats", catalog.serviceForCookie("st_id").orElseThrow().id());
        assertEquals("stats", catalog.serviceForCookie("st_s_abc").orElseThrow().id());
        assertEquals("stats", catalog.serviceForCookie("st_42").orElseThrow().id());
        assertEquals("session", catalog.serviceForCookie("SID").orElseThrow().id());
        assertTrue(catalog.serviceForCookie("sid").isEmpty(), "cookie names are case-sensitive");
        assertEquals("stats", catalog.serviceForHost("eu.collect.stats.example").orElseThrow().id());
        assertTrue(catalog.serviceForHost("stats.example").isEmpty(), "a host covers its subdomains, not its parent");
    }

    @Test
    void parseWhenJsonIsMalformedThenReportsLineAndColumn() {
        List<CatalogProblem> problems = problems("{\n  \"version\": 1,\n  \"services\": [\n}", "broken.json");

        assertEquals(1, problems.size());
        CatalogProblem p = problems.get(0);
        assertEquals("broken.json", p.source());
        assertEquals("", p.pointer());
        assertTrue(p.message().startsWith("malformed JSON at line 4, column 1"), p.message());
    }

    @Test
    void parseWhenKeyIsDuplicatedThenReportsMalformedJson() {
        List<CatalogProblem> problems = problems("{\"version\": 1, \"version\": 1}", "dup.json");

        assertTrue(problems.get(0).message().contains("malformed JSON") && problems.get(0).message().contains("version"),
                problems.get(0).message());
    }

    @Test
    void parseWhenContentTrailsTheObjectThenReportsMalformedJson() {
        List<CatalogProblem> problems = problems(VALID + " {}", "trail.json");

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().startsWith("malformed JSON"), problems.get(0).message());
    }

    @Test
    void parseWhenNestingIsVeryDeepThenReportsMalformedJsonInsteadOfOverflowingTheStack() {
        String deep = "{\"version\": 1, \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        List<CatalogProblem> problems = problems(deep, "deep.json");

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().startsWith("malformed JSON"), problems.get(0).message());
    }

    @Test
    void parseWhenEmptyOrNotAnObjectThenSaysSo() {
        assertEquals("the file is empty", problems("  ", "e.json").get(0).message());
        assertEquals("the catalog must be a JSON object, found an array", problems("[]", "a.json").get(0).message());
    }

    @Test
    void parseWhenVersionIsMissingOrUnsupportedThenReportsIt() {
        assertProblem(problems(VALID.replace("\"version\": 1,", ""), "v.json"), "/version", "missing required field 'version'");
        assertProblem(problems(VALID.replace("\"version\": 1,", "\"version\": 2,"), "v.json"), "/version",
                "unsupported catalog format version 2");
        assertProblem(problems(VALID.replace("\"version\": 1,", "\"version\": \"1\","), "v.json"), "/version",
                "'version' must be the number 1, found a string");
    }

    @Test
    void parseWhenTypesAreWrongThenNamesExpectedAndFound() {
        List<CatalogProblem> problems = problems(VALID
                .replace("\"order\": 2,", "\"order\": \"2\",")
                .replace("\"required\": true,", "\"required\": \"yes\",")
                .replace("\"hosts\": [\"cdn.stats.example\",", "\"hosts\": [42,")
                .replace("\"regulations\": [\"GDPR\"]", "\"regulations\": \"GDPR\""), "types.json");

        assertProblem(problems, "/categories/1/order", "'order' must be a whole number, found a string");
        assertProblem(problems, "/categories/0/required", "'required' must be true or false, found a string");
        assertProblem(problems, "/services/1/hosts/0", "'hosts' must be a host name (a string), found a number");
        assertProblem(problems, "/services/1/regulations", "'regulations' must be an array, found a string");
        assertEquals(4, problems.size(), problems.toString());
    }

    @Test
    void parseWhenSectionIsNotAnArrayThenReportsIt() {
        List<CatalogProblem> problems = problems("{\"version\": 1, \"purposes\": {\"x\": {}}, \"services\": \"none\"}", "s.json");

        assertProblem(problems, "/purposes", "'purposes' must be an array, found an object");
        assertProblem(problems, "/services", "'services' must be an array, found a string");
    }

    @Test
    void parseWhenRequiredFieldsAreMissingThenPointsAtEach() {
        List<CatalogProblem> problems = problems(VALID
                .replace("\"name\": \"Stats\", ", "")
                .replace("{\"name\": \"st_id\", \"lifetime\": \"P1Y\",", "{\"name\": \"st_id\",")
                .replace("{\"id\": \"measurement\", \"category\": \"analytics\", \"legalBasis\": \"consent\",",
                        "{\"id\": \"measurement\", \"category\": \"analytics\","), "missing.json");

        assertProblem(problems, "/services/1/name", "missing required field 'name'");
        assertProblem(problems, "/services/1/cookies/0/lifetime", "missing required field 'lifetime'");
        assertProblem(problems, "/purposes/1/legalBasis", "missing required field 'legalBasis'");
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void parseWhenReferencesAreUnknownThenNamesThem() {
        List<CatalogProblem> problems = problems(VALID
                .replace("\"category\": \"analytics\", \"purposes\": [\"measurement\"]",
                        "\"category\": \"statistics\", \"purposes\": [\"measurement\", \"tracking\"]")
                .replace("{\"id\": \"measurement\", \"category\": \"analytics\"", "{\"id\": \"measurement\", \"category\": \"stats\""),
                "refs.json");

        assertProblem(problems, "/services/1/category", "service 'stats' names unknown category 'statistics'");
        assertProblem(problems, "/services/1/purposes/1", "service 'stats' names unknown purpose 'tracking'");
        assertProblem(problems, "/purposes/1/category", "purpose 'measurement' names unknown category 'stats'");
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void parseWhenAnEntryIsInvalidThenReferencesToItAreNotAlsoReported() {
        List<CatalogProblem> problems = problems(VALID.replace("\"legalBasis\": \"consent\", \"label\": {\"en\": \"Measurement\"}",
                "\"legalBasis\": \"agreement\", \"label\": {\"en\": \"Measurement\"}"), "one.json");

        assertEquals(1, problems.size(), problems.toString());
        assertProblem(problems, "/purposes/1/legalBasis",
                "'legalBasis' value 'agreement' is not one of: consent, legitimate_interest, contract, legal_obligation");
    }

    @Test
    void parseWhenIdsAreDuplicatedThenReportsSecondWithFirstLocation() {
        List<CatalogProblem> problems = problems(VALID.replace("{\"id\": \"stats\",", "{\"id\": \"session\","), "dup.json");

        assertProblem(problems, "/services/1/id", "duplicate service id 'session' (first declared at /services/0)");
    }

    @Test
    void parseWhenCookieNameIsDeclaredByTwoServicesThenReportsBoth() {
        List<CatalogProblem> problems = problems(VALID.replace("{\"name\": \"SID\", \"lifetime\": \"session\"}",
                "{\"name\": \"st_id\", \"lifetime\": \"session\"}"), "cookies.json");

        assertProblem(problems, "/services/1/cookies/0",
                "cookie 'st_id' is already declared by service 'session' at /services/0/cookies/0");
    }

    @Test
    void parseWhenCookieIsDeclaredTwiceInOneServiceThenReportsIt() {
        List<CatalogProblem> problems = problems(VALID.replace("{\"prefix\": \"st_s_\", \"lifetime\": \"PT30M\"}",
                "{\"name\": \"st_id\", \"lifetime\": \"PT30M\"}"), "cookies.json");

        assertProblem(problems, "/services/1/cookies/1", "cookie 'st_id' is declared twice in service 'stats' (also at /services/1/cookies/0)");
    }

    @Test
    void parseWhenCookieNamingIsWrongThenSaysWhich() {
        List<CatalogProblem> problems = problems(VALID
                .replace("{\"name\": \"st_id\",", "{\"name\": \"st_id\", \"prefix\": \"st_\",")
                .replace("{\"prefix\": \"st_s_\",", "{")
                .replace("{\"name\": \"SID\",", "{\"name\": \"S ID\","), "names.json");

        assertProblem(problems, "/services/1/cookies/0", "a cookie needs exactly one of 'name', 'prefix' or 'pattern', found [name, prefix]");
        assertProblem(problems, "/services/1/cookies/1/name", "missing required field 'name'");
        assertProblem(problems, "/services/0/cookies/0/name", "cookie name 'S ID' contains a space, which a cookie name cannot contain");
    }

    @Test
    void parseWhenPatternIsNotARegexThenGivesTheRegexError() {
        List<CatalogProblem> problems = problems(VALID.replace("\"pattern\": \"st_[0-9]+\"", "\"pattern\": \"st_[0-9+\""), "re.json");

        assertProblem(problems, "/services/1/cookies/2/pattern",
                "cookie pattern 'st_[0-9+' is not a valid regular expression: Unclosed character class");
    }

    @Test
    void parseWhenLifetimeCannotBeParsedThenPointsAtIt() {
        List<CatalogProblem> problems = problems(VALID
                .replace("\"lifetime\": \"P1Y\"", "\"lifetime\": \"two years\"")
                .replace("\"lifetime\": \"P1D\"", "\"lifetime\": 86400"), "life.json");

        assertProblem(problems, "/services/1/cookies/0/lifetime", "cookie lifetime 'two years' is not 'session' or an ISO 8601 duration");
        assertProblem(problems, "/services/1/cookies/2/lifetime", "'lifetime' must be a string, found a number");
        assertEquals("use 'session' or an ISO 8601 duration such as P2Y, P13M, P90D or PT30M", problems.get(0).hint());
    }

    @Test
    void parseWhenLifetimeNumberWouldOverflowThenRefusesIt() {
        // 365 * 5508753709683126373 wraps around to 1 in 64-bit arithmetic
        List<CatalogProblem> problems = problems(VALID.replace("\"lifetime\": \"P1Y\"", "\"lifetime\": \"P5508753709683126373Y\""),
                "huge.json");

        assertProblem(problems, "/services/1/cookies/0/lifetime",
                "cookie lifetime 'P5508753709683126373Y' is out of range");
    }

    @Test
    void parseWhenThirdPartyCookieHasNoDomainThenAsksForIt() {
        List<CatalogProblem> problems = problems(VALID.replace("\"party\": \"third\", \"domain\": \".stats.example\",",
                "\"party\": \"third\","), "third.json");

        assertProblem(problems, "/services/1/cookies/3/domain", "missing required field 'domain'");
    }

    @Test
    void parseWhenHostIsNotAHostThenSaysWhatIsWrong() {
        List<CatalogProblem> problems = problems(VALID.replace("\"hosts\": [\"cdn.stats.example\", \"Collect.Stats.Example.\"]",
                "\"hosts\": [\"https://cdn.stats.example/x.js\", \"www.google.com/maps?q=1\", \"*.stats.example\", "
                        + "\"stats.example:8443\", \"localhost\", \"bad host\", \"\"]"), "hosts.json");

        assertProblem(problems, "/services/1/hosts/0", "host 'https://cdn.stats.example/x.js' has a scheme; give the host name alone");
        assertEquals("write \"cdn.stats.example\"", problems.get(0).hint());
        assertProblem(problems, "/services/1/hosts/1", "host 'www.google.com/maps?q=1' has a path prefix that holds '?'");
        assertProblem(problems, "/services/1/hosts/2", "host '*.stats.example' has a wildcard");
        assertProblem(problems, "/services/1/hosts/3", "host 'stats.example:8443' has a port; give the host name alone");
        assertProblem(problems, "/services/1/hosts/4", "host 'localhost' has a single label and would match every host under it");
        assertProblem(problems, "/services/1/hosts/5", "host 'bad host' is not a host name");
        assertProblem(problems, "/services/1/hosts/6", "host is empty");
        assertEquals(7, problems.size(), problems.toString());
    }

    @Test
    void parseWhenHostIsClaimedByTwoServicesThenReportsIt() {
        List<CatalogProblem> problems = problems(VALID.replace("\"cookies\": [{\"name\": \"SID\", \"lifetime\": \"session\"}]}",
                "\"cookies\": [{\"name\": \"SID\", \"lifetime\": \"session\"}], \"hosts\": [\"cdn.stats.example\"]}"), "hosts.json");

        assertProblem(problems, "/services/1/hosts/0", "host 'cdn.stats.example' is already claimed by service 'session' at /services/0/hosts/0");
    }

    @Test
    void parseWhenIdSyntaxIsBadThenGivesTheRule() {
        List<CatalogProblem> problems = problems(VALID.replace("{\"id\": \"stats\",", "{\"id\": \"Stats Service\","), "id.json");

        assertProblem(problems, "/services/1/id", "service id 'Stats Service' is not valid");
        assertEquals("use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit", problems.get(0).hint());
    }

    @Test
    void parseWhenNecessaryIsNotRequiredOrAnotherCategoryIsThenRefuses() {
        List<CatalogProblem> problems = problems(VALID
                .replace("\"required\": true,", "\"required\": false,")
                .replace("{\"id\": \"analytics\", \"order\": 2,", "{\"id\": \"analytics\", \"order\": 2, \"required\": true,"), "req.json");

        assertProblem(problems, "/categories/0/required", "category 'necessary' must be required");
        assertProblem(problems, "/categories/1/required", "category 'analytics' cannot be required: only 'necessary' may be");
    }

    @Test
    void parseWhenNecessaryIsAbsentThenSaysHowToAddIt() {
        String json = VALID.replace("{\"id\": \"necessary\", \"order\": 0, \"required\": true, \"label\": {\"en\": \"Necessary\", \"fr\": \"Nécessaires\"}},", "")
                .replace("\"category\": \"necessary\"", "\"category\": \"analytics\"");
        List<CatalogProblem> problems = problems(json, "nonec.json");

        assertProblem(problems, "/categories", "the catalog has no category 'necessary'");
    }

    @Test
    void parseWhenNecessaryServiceServesAnOptionalPurposeThenRefuses() {
        List<CatalogProblem> problems = problems(VALID.replace("\"category\": \"necessary\", \"purposes\": [\"session\"]",
                "\"category\": \"necessary\", \"purposes\": [\"session\", \"ads\"]"), "nec.json");

        assertProblem(problems, "/services/0/purposes/1",
                "service 'session' is strictly necessary but serves purpose 'ads' of category 'analytics'");
    }

    @Test
    void parseWhenNecessaryPurposeCarriesRightsThenRefuses() {
        List<CatalogProblem> problems = problems(VALID.replace("\"legalBasis\": \"contract\",",
                "\"legalBasis\": \"contract\", \"rights\": [\"sale\"],"), "rights.json");

        assertProblem(problems, "/purposes/0/rights", "purpose 'session' is strictly necessary but carries opt-out rights [sale]");
    }

    @Test
    void parseWhenEnumValuesAreWrongThenListsTheAllowedOnes() {
        List<CatalogProblem> problems = problems(VALID
                .replace("\"risk\": \"high\"", "\"risk\": \"severe\"")
                .replace("\"party\": \"third\"", "\"party\": \"3rd\"")
                .replace("[\"sharing\", \"targeted_advertising\"]", "[\"sharing\", \"targeted-advertising\"]"), "enum.json");

        assertProblem(problems, "/services/1/risk", "'risk' value 'severe' is not one of: low, medium, high");
        assertProblem(problems, "/services/1/cookies/3/party", "'party' value '3rd' is not one of: first, third");
        assertProblem(problems, "/purposes/2/rights/1",
                "'rights' value 'targeted-advertising' is not one of: sale, sharing, targeted_advertising, profiling");
    }

    @Test
    void parseWhenTextsTransferAndUrlsAreWrongThenReportsEach() {
        List<CatalogProblem> problems = problems(VALID
                .replace("\"label\": {\"en\": \"Analytics\"}", "\"label\": {\"fr\": \"Statistiques\", \"english\": \"x\"}")
                .replace("\"country\": \"US\"", "\"country\": \"USA\"")
                .replace("\"source\": \"https://stats.example/cookies\"", "\"source\": \"stats.example/cookies\""), "misc.json");

        assertProblem(problems, "/categories/1/label/english", "'english' is not a language code");
        assertProblem(problems, "/categories/1/label", "'label' has no English text ('en'), the fallback language");
        assertProblem(problems, "/services/1/transfer/country", "country 'USA' is not an ISO 3166-1 alpha-2 code");
        assertProblem(problems, "/services/1/source", "'source' value 'stats.example/cookies' is not an http(s) URL");
    }

    @Test
    void parseWhenManyThingsAreWrongThenReportsAllAtOnceInDocumentOrder() {
        String json = VALID
                .replace("\"order\": 2,", "\"order\": 2.5,")
                .replace("\"legalBasis\": \"contract\"", "\"legalBasis\": \"contractual\"")
                .replace("{\"id\": \"stats\",", "{\"id\": \"STATS\",")
                .replace("\"lifetime\": \"P1Y\"", "\"lifetime\": \"1 year\"")
                .replace("\"Collect.Stats.Example.\"", "\"collect.stats.example/v1 x\"");
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.parse(json, "many.json"));

        List<String> pointers = e.problems().stream().map(CatalogProblem::pointer).toList();
        assertEquals(List.of("/categories/1/order", "/purposes/0/legalBasis", "/services/1/id",
                "/services/1/cookies/0/lifetime", "/services/1/hosts/1"), pointers);
        String[] lines = e.getMessage().split("\n");
        assertEquals("invalid catalog: 5 problems", lines[0]);
        assertEquals(6, lines.length);
        assertTrue(lines[4].startsWith("many.json:/services/1/cookies/0/lifetime: cookie lifetime '1 year' is not 'session' "
                + "or an ISO 8601 duration (use 'session'"), lines[4]);
    }

    @Test
    void problemToStringWhenPointerAndHintAreEmptyThenLeavesThemOut() {
        assertEquals("a.json: bad", new CatalogProblem("a.json", "", "bad", "").toString());
        assertEquals("a.json:/x: bad (fix)", new CatalogProblem("a.json", "/x", "bad", "fix").toString());
        assertThrows(IllegalArgumentException.class, () -> new CatalogException(List.of()));
    }

    // ------------------------------------------------------------------ files

    @Test
    void loadWhenSiteFileOverridesByIdThenSiteEntriesWin(@TempDir Path dir) throws IOException {
        Path site = write(dir, "site.json", """
                {"version": 1,
                 "categories": [{"id": "preferences", "order": 5, "label": {"en": "Preferences"}}],
                 "purposes": [{"id": "theme", "category": "preferences", "legalBasis": "consent", "label": "Theme"}],
                 "services": [
                   {"id": "segmetrics", "name": "Our SegMetrics", "category": "analytics", "purposes": ["measurement"],
                    "cookies": [{"name": "sm_uid", "lifetime": "P30D"}], "hosts": ["segmetrics.com"]},
                   {"id": "theme", "name": "Theme switcher", "category": "preferences", "purposes": ["theme"],
                    "cookies": [{"name": "theme", "lifetime": "P1Y"}]}
                 ]}
                """);
        Catalog bundled = Catalogs.bundled();
        Catalog catalog = Catalogs.load(site);

        Service sm = catalog.service("segmetrics").orElseThrow();
        assertEquals("Our SegMetrics", sm.name());
        assertEquals("analytics", sm.category());
        assertEquals(1, sm.cookies().size(), "the site's entry replaces the bundled one whole");
        assertEquals("segmetrics", catalog.serviceForCookie("sm_uid").orElseThrow().id());
        assertTrue(catalog.serviceForCookie("sm_sid").isEmpty(), "cookies of the replaced entry are gone");
        assertEquals("theme", catalog.serviceForCookie("theme").orElseThrow().id());
        assertEquals("preferences", catalog.category("preferences").orElseThrow().id());
        assertEquals(bundled.services().size() + 1, catalog.services().size());
        assertFalse(bundled.revision().equals(catalog.revision()));
    }

    @Test
    void loadWhenSiteServiceClaimsABundledCookieOrHostThenItTakesItOver(@TempDir Path dir) throws IOException {
        Path site = write(dir, "site.json", """
                {"version": 1, "services": [
                  {"id": "our-stats", "name": "Our stats", "category": "analytics",
                   "cookies": [{"name": "sm_uid", "lifetime": "P30D"}], "hosts": ["tracking.segmetrics.com"]}]}
                """);
        Catalog catalog = Catalogs.load(site);

        assertEquals("our-stats", catalog.serviceForCookie("sm_uid").orElseThrow().id());
        assertEquals("our-stats", catalog.serviceForHost("tracking.segmetrics.com").orElseThrow().id());
        Service sm = catalog.service("segmetrics").orElseThrow();
        assertTrue(sm.cookies().stream().noneMatch(c -> c.name().value().equals("sm_uid")));
        assertFalse(sm.hosts().contains("tracking.segmetrics.com"));
        assertEquals("segmetrics", catalog.serviceForCookie("sm_sid").orElseThrow().id());
    }

    @Test
    void loadWhenLaterSiteFileOverridesEarlierThenLastWins(@TempDir Path dir) throws IOException {
        Path a = write(dir, "a.json", "{\"version\": 1, \"services\": [{\"id\": \"x\", \"name\": \"A\", \"category\": \"functional\"}]}");
        Path b = write(dir, "b.json", "{\"version\": 1, \"services\": [{\"id\": \"x\", \"name\": \"B\", \"category\": \"analytics\"}]}");

        assertEquals("B", Catalogs.load(a, b).service("x").orElseThrow().name());
        assertEquals("A", Catalogs.load(b, a).service("x").orElseThrow().name());
    }

    @Test
    void loadWhenSiteFilesHaveProblemsThenReportsThemTogetherWithTheirFiles(@TempDir Path dir) throws IOException {
        Path a = write(dir, "a.json", "{\"version\": 1, \"services\": [{\"id\": \"x\", \"name\": \"A\", \"category\": \"stats\"}]}");
        Path b = write(dir, "b.json", "{\"version\": 1, \"categories\": [{\"id\": \"necessary\", \"order\": 0, \"label\": \"N\"}]}");
        Path missing = dir.resolve("nope.json");
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.load(a, b, missing));

        assertEquals(List.of(a.toString(), b.toString(), missing.toString()),
                e.problems().stream().map(CatalogProblem::source).toList(), e.getMessage());
        assertEquals("/services/0/category", e.problems().get(0).pointer());
        assertEquals("/categories/0/required", e.problems().get(1).pointer());
        assertEquals("catalog file not found", e.problems().get(2).message());
        assertEquals("", e.problems().get(2).pointer());
    }

    @Test
    void loadWhenPathIsADirectoryThenNamesIt(@TempDir Path dir) {
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.load(dir));

        assertEquals(dir.toString(), e.problems().get(0).source());
        assertTrue(e.problems().get(0).message().startsWith("catalog file cannot be read"), e.getMessage());
    }

    @Test
    void loadOnlyWhenFileIsCompleteThenIgnoresTheBundledCatalog(@TempDir Path dir) throws IOException {
        Catalog catalog = Catalogs.loadOnly(write(dir, "full.json", VALID));

        assertEquals(2, catalog.services().size());
        assertTrue(catalog.service("google-analytics").isEmpty());
    }

    @Test
    void loadOnlyWhenFileLacksNecessaryThenRefuses(@TempDir Path dir) throws IOException {
        Path site = write(dir, "partial.json", "{\"version\": 1, \"services\": [{\"id\": \"x\", \"name\": \"X\", \"category\": \"analytics\"}]}");
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.loadOnly(site));

        Set<String> messages = e.problems().stream().map(CatalogProblem::message).collect(Collectors.toSet());
        assertEquals(Set.of("the catalog has no category 'necessary'", "service 'x' names unknown category 'analytics'"), messages);
    }

    @Test
    void loadWhenNoFilesThenReturnsTheBundledCatalog() {
        assertTrue(Catalogs.load() == Catalogs.bundled());
    }

    // ------------------------------------------------------------------ helpers

    static List<CatalogProblem> problems(String json, String source) {
        CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.parse(json, source));
        assertFalse(e.problems().isEmpty());
        e.problems().forEach(p -> assertEquals(source, p.source()));
        return e.problems();
    }

    static void assertProblem(List<CatalogProblem> problems, String pointer, String messageStart) {
        assertTrue(problems.stream().anyMatch(p -> p.pointer().equals(pointer) && p.message().startsWith(messageStart)),
                () -> "no problem at " + pointer + " starting with \"" + messageStart + "\" in:\n"
                        + problems.stream().map(CatalogProblem::toString).collect(Collectors.joining("\n")));
    }

    private static Path write(Path dir, String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
    }
}
