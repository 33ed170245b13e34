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
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.consent4j.core.testing.LegalCase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code explain --at} reproduces the dated legal cases from the command line: every other case of
 * {@code legal-cases.psv} (the engine's own test runs them all) is run as {@code consent4j explain ...
 * --json}, and the decision, reason and whose rule it is are read back from the output.
 */
final class ExplainLegalCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Stream<LegalCase> sample() {
        List<LegalCase> all = LegalCase.all();
        return IntStream.range(0, all.size()).filter(i -> i % 2 == 0).mapToObj(all::get);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void explainAtWhenDatedLegalCaseThenSameDecisionReasonAndBasis(LegalCase c) throws Exception {
        Optional<String> policyFile = Optional.empty();
        if (c.policyJson().isPresent()) {
            Path file = Files.writeString(dir.resolve(c.id() + "-policy.json"), c.policyJson().get());
            policyFile = Optional.of(file.toString());
        }
        List<String> args = c.explainArgs(policyFile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args.toArray(String[]::new), o, e);
        }
        assertEquals(0, status, () -> c + " " + args + ": " + err.toString(StandardCharsets.UTF_8));
        JsonNode root = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(c.resolved(), root.get("jurisdiction").asText(), c::toString);
        assertEquals(c.at().toString(), root.get("at").asText(), c::toString);
        JsonNode decision = find(root, c.target());
        assertEquals(c.allow() ? "allow" : "deny", decision.get("decision").asText(), () -> c + " " + decision);
        assertEquals(c.reason(), decision.get("reason").asText(), () -> c + " " + decision);
        assertEquals(c.basis(), decision.get("basis").asText(), () -> c + " " + decision);
        c.prompt().ifPresent(p -> assertEquals(p, root.get("needsPrompt").asBoolean(), c::toString));
    }

    private static JsonNode find(JsonNode root, String id) {
        for (String list : List.of("categories", "services")) {
            for (JsonNode n : root.get(list)) {
                if (n.get("id").asText().equals(id)) {
                    return n;
                }
            }
        }
        throw new AssertionError("no category or service " + id);
    }

    @org.junit.jupiter.api.Test
    void sampleWhenCountedThenHalfTheCases() {
        assertTrue(sample().count() >= 30);
    }
}
