package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class SignalsCommandTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void decodesEachKindAsJson() throws IOException {
        Result gpp = run("signals", "decode", "DBACNY~COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA~1YNN");
        assertEquals(0, gpp.status(), gpp.err());
        JsonNode root = new ObjectMapper().readTree(gpp.out());
        assertEquals("gpp", root.path("kind").asText());
        assertEquals("tcfeuv2", root.path("sections").get(0).path("name").asText());
        assertEquals(675, root.path("sections").get(0).path("value").path("value").path("cmpId").asInt());
        assertEquals("1YNN", root.path("sections").get(1).path("value").path("value").asText());

        JsonNode tc = new ObjectMapper().readTree(run("signals", "decode", "COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA").out());
        assertEquals("[2,10]", tc.path("value").path("purposesConsent").toString());
        assertTrue(tc.path("v22Problems").size() >= 2, tc.toString());

        JsonNode usp = new ObjectMapper().readTree(run("signals", "decode", "1YYN").out());
        assertEquals("1YYN", usp.path("value").asText());
    }

    @Test
    void malformedStringsExitTwoNamingTheField() {
        Result r = run("signals", "decode", "DBABLA~BVV");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("usnat.SaleOptOut"), r.err());
        assertEquals(2, run("signals", "decode", "1XYN").status());
        assertEquals(0, run("signals", "decode", "--help").status());
    }
}
