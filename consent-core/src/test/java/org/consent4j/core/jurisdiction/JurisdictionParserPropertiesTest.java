package org.consent4j.core.jurisdiction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

final class JurisdictionParserPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 300)
    void parseWhenAnyTextThenATableOrAJurisdictionExceptionWithProblems(@ForAll("documents") String json) {
        try {
            JurisdictionTable table = Jurisdictions.parse(json, "any.json");
            assertEquals(Jurisdiction.DEFAULT_CODE, table.fallback().code());
        } catch (JurisdictionException e) {
            assertFalse(e.problems().isEmpty());
            e.problems().forEach(p -> {
                assertEquals("any.json", p.source());
                assertFalse(p.message().isBlank());
                assertFalse(p.hint().isBlank());
            });
        }
    }

    @Property(tries = 300)
    void parseWhenValidEntryThenEveryFieldIsKept(@ForAll("entries") Jurisdiction entry) throws Exception {
        ObjectNode e = JSON.createObjectNode();
        e.put("code", entry.code()).put("name", entry.name()).put("regime", entry.regime().name())
                .put("gpcHonoured", entry.gpcHonoured()).put("gpcSince", entry.gpcSince())
                .put("maxChoiceAge", "P" + entry.maxChoiceAge().toDays() + "D").put("source", entry.source());
        ArrayNode laws = e.putArray("laws");
        entry.laws().forEach(laws::add);
        ObjectNode root = JSON.createObjectNode();
        root.putArray("jurisdictions").add(e).add(JSON.readTree("""
                {"code": "default", "name": "Unknown", "regime": "OPT_IN", "gpcHonoured": false,
                 "maxChoiceAge": "P6M", "laws": ["GDPR"], "source": "test"}"""));
        JurisdictionTable table = Jurisdictions.parse(JSON.writeValueAsString(root), "gen.json");
        assertEquals(entry, table.get(entry.code()).orElseThrow());
        assertEquals(entry, table.resolve(entry.code().toLowerCase(java.util.Locale.ROOT)));
    }

    @Provide
    Arbitrary<String> documents() {
        String valid = JurisdictionsTest.entry("\"code\": \"default\"");
        Arbitrary<String> mutated = Arbitraries.integers().between(0, valid.length() - 1)
                .flatMap(at -> Arbitraries.strings().ofMaxLength(3).map(s -> valid.substring(0, at) + s + valid.substring(at + 1)));
        Arbitrary<String> truncated = Arbitraries.integers().between(0, valid.length()).map(n -> valid.substring(0, n));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60), mutated, truncated, Arbitraries.just(valid));
    }

    @Provide
    Arbitrary<Jurisdiction> entries() {
        Arbitrary<String> code = Combinators.combine(Arbitraries.strings().withCharRange('A', 'Z').ofLength(2),
                        Arbitraries.strings().withCharRange('A', 'Z').numeric().ofMinLength(0).ofMaxLength(3))
                .as((country, sub) -> sub.isEmpty() ? country : country + "-" + sub);
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(s -> !s.isBlank());
        Arbitrary<Boolean> gpc = Arbitraries.of(true, false);
        Arbitrary<String> since = Arbitraries.of("", "2020-08-14", "2025-07-15", "2026-01-01");
        Arbitrary<Duration> age = Arbitraries.integers().between(1, JurisdictionParser.MAX_CHOICE_AGE_DAYS).map(Duration::ofDays);
        Arbitrary<List<String>> laws = text.list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(code, text, Arbitraries.of(Regime.class), gpc, since, age, laws, text)
                .as((c, n, r, g, s, a, l, src) -> new Jurisdiction(c, n, r, g || !s.isEmpty(), s, a, l, src));
    }
}
