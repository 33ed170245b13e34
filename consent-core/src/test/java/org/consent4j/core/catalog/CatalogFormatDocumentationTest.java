package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the JSON Schema and the format documentation in step with the loader. */
final class CatalogFormatDocumentationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void schemaEnumsAndIdPatternMatchTheLoader() throws IOException {
        JsonNode defs = schema().get("$defs");

        assertEquals(names(LegalBasis.values()), strings(defs.at("/legalBasis/enum")));
        assertEquals(names(OptOutRight.values()), strings(defs.at("/right/enum")));
        assertEquals(names(Party.values()), strings(defs.at("/cookie/properties/party/enum")));
        assertEquals(names(RiskLevel.values()), strings(defs.at("/service/properties/risk/enum")));
        assertEquals("^" + Ids.ID.pattern() + "$", defs.at("/id/pattern").textValue());
        assertEquals(CatalogReader.FORMAT_VERSION, schema().at("/properties/version/const").intValue());
    }

    @Test
    void schemaDeclaresEveryPropertyTheBundledCatalogUses() throws IOException {
        JsonNode schema = schema();
        JsonNode bundled = BundledCatalogTest.rawBundled();
        Map<String, List<JsonNode>> objectsByDef = Map.of(
                "category", list(bundled.get("categories")),
                "purpose", list(bundled.get("purposes")),
                "service", list(bundled.get("services")));
        assertDeclared(schema.get("properties"), List.of(bundled), "top level");
        for (Map.Entry<String, List<JsonNode>> e : objectsByDef.entrySet()) {
            assertDeclared(schema.at("/$defs/" + e.getKey() + "/properties"), e.getValue(), e.getKey());
        }
        List<JsonNode> cookies = new ArrayList<>();
        List<JsonNode> transfers = new ArrayList<>();
        bundled.get("services").forEach(s -> {
            s.path("cookies").forEach(cookies::add);
            if (s.has("transfer")) {
                transfers.add(s.get("transfer"));
            }
        });
        assertDeclared(schema.at("/$defs/cookie/properties"), cookies, "cookie");
        assertDeclared(schema.at("/$defs/transfer/properties"), transfers, "transfer");
    }

    @Test
    void bundledValuesMatchTheSchemaPatterns() throws IOException {
        JsonNode defs = schema().get("$defs");
        Pattern host = Pattern.compile(defs.at("/host/pattern").textValue());
        Pattern lifetime = Pattern.compile(defs.at("/cookie/properties/lifetime/pattern").textValue());
        Pattern name = Pattern.compile(defs.at("/cookie/properties/name/pattern").textValue());
        Pattern id = Pattern.compile(defs.at("/id/pattern").textValue());
        for (JsonNode s : BundledCatalogTest.rawBundled().get("services")) {
            assertTrue(id.matcher(s.get("id").textValue()).matches(), s.get("id").textValue());
            s.path("hosts").forEach(h -> assertTrue(host.matcher(h.textValue()).matches(), h.textValue()));
            for (JsonNode c : s.path("cookies")) {
                assertTrue(lifetime.matcher(c.get("lifetime").textValue()).matches(), c.toString());
                for (String field : List.of("name", "prefix")) {
                    if (c.has(field)) {
                        assertTrue(name.matcher(c.get(field).textValue()).matches(), c.toString());
                    }
                }
            }
        }
    }

    @Test
    void everyFieldTheSchemaRequiresIsRequiredByTheLoader() throws IOException {
        JsonNode defs = schema().get("$defs");
        Map<String, String> firstEntry = Map.of("category", "/categories/0", "purpose", "/purposes/0",
                "service", "/services/1", "transfer", "/services/1/transfer", "cookie", "/services/1/cookies/0");
        for (Map.Entry<String, String> e : firstEntry.entrySet()) {
            for (JsonNode required : defs.at("/" + e.getKey() + "/required")) {
                ObjectNode root = (ObjectNode) MAPPER.readTree(CatalogsTest.VALID);
                ((ObjectNode) root.at(e.getValue())).remove(required.textValue());
                List<CatalogProblem> problems = CatalogsTest.problems(root.toString(), "req.json");
                CatalogsTest.assertProblem(problems, e.getValue() + "/" + required.textValue(),
                        "missing required field '" + required.textValue() + "'");
            }
        }
    }

    @Test
    void documentedCompleteExampleParses() throws IOException {
        Catalog catalog = Catalogs.parse(jsonBlocks().get(0), "catalog.md example");

        assertEquals(3, catalog.services().size());
        assertEquals("segmetrics", catalog.serviceForCookie("sm_uid").orElseThrow().id());
        assertEquals("stats", catalog.serviceForCookie("_st_UA1").orElseThrow().id());
        assertEquals("stats", catalog.serviceForCookie("st42_ses").orElseThrow().id());
        assertEquals("stats", catalog.serviceForHost("www.portal.example", "/stats/collect").orElseThrow().id());
        assertTrue(catalog.serviceForHost("www.portal.example", "/statistics").isEmpty(),
                "a path prefix matches on a segment boundary only");
        assertTrue(catalog.serviceForHost("www.portal.example", "/").isEmpty(),
                "a host declared with a path does not claim the rest of the host");
    }

    @Test
    void documentedSiteFileLoadsOnTopOfTheBundledCatalog(@TempDir Path dir) throws IOException {
        Path site = Files.writeString(dir.resolve("site.json"), jsonBlocks().get(1), StandardCharsets.UTF_8);
        Catalog catalog = Catalogs.load(site);

        assertEquals("analytics", catalog.service("google-tag-manager").orElseThrow().category());
        assertEquals("maps-embed", catalog.serviceForHost("www.google.com").orElseThrow().id());
        assertEquals("site-language", catalog.serviceForCookie("lang").orElseThrow().id());
        assertEquals(Catalogs.bundled().services().size() + 2, catalog.services().size());
    }

    @Test
    void documentedErrorOutputIsWhatTheLoaderPrints() throws IOException {
        String documented = codeBlocks("").stream().filter(b -> b.startsWith("invalid catalog:")).findFirst().orElseThrow();
        String filler = "{\"id\": \"s%d\", \"name\": \"S\", \"category\": \"analytics\"}";
        String json = "{\"version\": 1, \"services\": [" + String.format(filler, 0) + ", " + String.format(filler, 1) + ", "
                + String.format(filler, 2) + ", " + String.format(filler, 3) + ", "
                + "{\"id\": \"tag\", \"name\": \"Tag\", \"category\": \"marketing\", \"cookies\": [{\"name\": \"t\", \"lifetime\": \"two years\"}],"
                + " \"hosts\": [\"cdn.example.com\", \"https://cdn.example.com/tag.js\"]},"
                + "{\"id\": \"chat\", \"name\": \"Chat\", \"category\": \"support\"}]}";
        Path dir = Files.createTempDirectory("catalog-doc");
        Path file = Files.writeString(dir.resolve("site-catalog.json"), json, StandardCharsets.UTF_8);
        try {
            CatalogException e = assertThrows(CatalogException.class, () -> Catalogs.load(file));
            assertEquals(documented.strip(), e.getMessage().replace(file.toString(), "site-catalog.json"));
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
    }

    private static JsonNode schema() throws IOException {
        try (InputStream in = CatalogFormatDocumentationTest.class.getClassLoader()
                .getResourceAsStream("org/consent4j/core/catalog/catalog.schema.json")) {
            assertTrue(in != null, "the schema is not on the classpath");
            return MAPPER.readTree(in);
        }
    }

    private static List<String> jsonBlocks() throws IOException {
        return codeBlocks("json");
    }

    private static List<String> codeBlocks(String language) throws IOException {
        Path doc = OpenCookieDatabaseCoverageTest.repositoryRoot().resolve("docs/catalog.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^```" + Pattern.quote(language) + "\\n(.*?)^```$", Pattern.DOTALL).matcher(text);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static void assertDeclared(JsonNode properties, List<JsonNode> objects, String what) {
        Set<String> used = new TreeSet<>();
        for (JsonNode o : objects) {
            Iterator<String> it = o.fieldNames();
            it.forEachRemaining(used::add);
        }
        Set<String> declared = new TreeSet<>();
        properties.fieldNames().forEachRemaining(declared::add);
        used.removeAll(declared);
        assertEquals(Set.of(), used, what + " properties missing from the schema");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.textValue()));
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(CatalogReader::jsonName).toList();
    }
}
