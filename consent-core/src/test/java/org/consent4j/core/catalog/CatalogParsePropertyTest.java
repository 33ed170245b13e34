package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text it is given, {@link Catalogs#parse(String, String)} returns a catalog or throws a
 * {@link CatalogException} with at least one well-formed problem; nothing else escapes.
 */
final class CatalogParsePropertyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SOURCE = "fuzz.json";

    @Property(tries = 300)
    void parseWhenArbitraryTextThenCatalogOrCatalogException(@ForAll("text") String json) {
        assertCatalogOrCatalogException(json);
    }

    @Property(tries = 300)
    void parseWhenValidJsonIsMutatedAsTextThenCatalogOrCatalogException(@ForAll("textMutation") String json) {
        assertCatalogOrCatalogException(json);
    }

    @Property(tries = 600)
    void parseWhenValidJsonIsMutatedAsTreeThenCatalogOrCatalogException(@ForAll("treeMutation") String json) {
        assertCatalogOrCatalogException(json);
    }

    private static void assertCatalogOrCatalogException(String json) {
        Catalog catalog;
        try {
            catalog = Catalogs.parse(json, SOURCE);
        } catch (CatalogException e) {
            assertFalse(e.problems().isEmpty());
            for (CatalogProblem p : e.problems()) {
                assertEquals(SOURCE, p.source());
                assertFalse(p.message().isBlank());
                assertTrue(p.pointer().isEmpty() || p.pointer().startsWith("/"), p.pointer());
            }
            assertEquals(e.problems().size() + 1, e.getMessage().split("\n", -1).length - extraLines(e));
            return;
        }
        assertTrue(catalog.category(Category.NECESSARY).orElseThrow().required());
    }

    /** Lines a problem's own text may add to the message (a message or hint that contains a newline). */
    private static int extraLines(CatalogException e) {
        int extra = 0;
        for (CatalogProblem p : e.problems()) {
            extra += p.toString().split("\n", -1).length - 1;
        }
        return extra;
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-+eE truefalsn\\/u\n")
                .ofMaxLength(200);
        return Arbitraries.oneOf(any, jsonish);
    }

    @Provide
    Arbitrary<String> textMutation() {
        String valid = CatalogsTest.VALID;
        Arbitrary<Integer> position = Arbitraries.integers().between(0, valid.length() - 1);
        Arbitrary<String> insert = Arbitraries.strings().ofMaxLength(8);
        Arbitrary<Integer> length = Arbitraries.integers().between(0, 40);
        return Combinators.combine(position, length, insert).as((at, len, text) -> {
            int end = Math.min(valid.length(), at + len);
            return valid.substring(0, at) + text + valid.substring(end);
        });
    }

    @Provide
    Arbitrary<String> treeMutation() {
        JsonNode valid;
        try {
            valid = MAPPER.readTree(CatalogsTest.VALID);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<String> pointers = new ArrayList<>();
        collect(valid, "", pointers);
        Arbitrary<String> pointer = Arbitraries.of(pointers);
        Arbitrary<JsonNode> replacement = values();
        Arbitrary<Boolean> remove = Arbitraries.of(true, false);
        return Combinators.combine(pointer, replacement, remove).as((p, value, delete) -> {
            JsonNode copy = valid.deepCopy();
            mutate(copy, p, value, delete);
            return copy.toString();
        });
    }

    private static Arbitrary<JsonNode> values() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(NODES::textNode),
                Arbitraries.of("session", "P2Y", "PT", "P", "necessary", "marketing", "consent", "third", "high",
                        "https://x.example", "a.b", "*.x.com", "https://a.com/x", "", " ", "_ga", "[", "sale")
                        .map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.longs().map(n -> (JsonNode) NODES.numberNode(n)),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                Arbitraries.just(NODES.nullNode()));
        Arbitrary<JsonNode> arrays = scalars.list().ofMaxSize(3).map(list -> {
            ArrayNode a = NODES.arrayNode();
            list.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.of("id", "name", "en", "x", "lifetime", "prefix"), scalars)
                .ofMaxSize(3).map(map -> {
                    ObjectNode o = NODES.objectNode();
                    map.forEach(o::set);
                    return o;
                });
        return Arbitraries.oneOf(scalars, arrays, objects);
    }

    private static void collect(JsonNode node, String pointer, List<String> out) {
        out.add(pointer);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                collect(e.getValue(), pointer + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static void mutate(JsonNode root, String pointer, JsonNode value, boolean delete) {
        if (pointer.isEmpty()) {
            return;
        }
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode o) {
            if (delete) {
                o.remove(last);
            } else {
                o.set(last, value);
            }
        } else if (parent instanceof ArrayNode a) {
            int i = Integer.parseInt(last);
            if (delete) {
                a.remove(i);
            } else {
                a.set(i, value);
            }
        }
    }
}
