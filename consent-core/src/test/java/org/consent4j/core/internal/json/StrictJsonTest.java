package org.consent4j.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class StrictJsonTest {

    @Test
    void readTreeWhenDuplicateNestedKeyThenErrorNamesKeyAndPath() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> StrictJson.readTree("{\"security\": {\n  \"keys\": \"a\",\n  \"keys\": \"b\"}}"));
        String m = StrictJson.describe(e);
        assertTrue(m.startsWith("duplicate key \"keys\""), m);
        assertTrue(m.contains(" at /security/keys "), m);
        assertTrue(m.contains("(line 3, column"), m);
    }

    @Test
    void readTreeWhenDuplicateKeyInArrayElementThenPathHasIndex() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> StrictJson.readTree("{\"a\": [{}, {\"x\": 1, \"x\": 2}]}"));
        assertTrue(StrictJson.describe(e).contains(" at /a/1/x"), StrictJson.describe(e));
    }

    @Test
    void readTreeWhenTrailingTokensThenError() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> StrictJson.readTree("{} {}"));
        assertTrue(StrictJson.describe(e).startsWith("more than one JSON value"), StrictJson.describe(e));
        assertThrows(JsonProcessingException.class, () -> StrictJson.readTree("[1] x"));
    }

    @Test
    void readTreeWhenUtf16BytesThenDetected() throws Exception {
        assertEquals("b", StrictJson.readTree("{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_16)).get("a").asText());
    }

    @Test
    void readerWhenConstraintsGivenThenDeepInputRejected() {
        var reader = StrictJson.reader(StreamReadConstraints.builder().maxNestingDepth(2).build());
        assertThrows(JsonProcessingException.class, () -> reader.readTree("[[[1]]]"));
        assertThrows(JsonProcessingException.class, () -> reader.readTree("{\"x\":1,\"x\":1}"));
    }

    @Test
    void writerWhenTreeThenCompactAndPretty() throws Exception {
        var node = StrictJson.objectNode().put("a", 1);
        assertEquals("{\"a\":1}", StrictJson.writer().writeValueAsString(node));
        assertTrue(StrictJson.prettyWriter().writeValueAsString(node).contains("\n"));
    }
}
