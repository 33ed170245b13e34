package org.consent4j.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import org.jspecify.annotations.Nullable;

/**
 * The one Jackson configuration of consent4j: every module reads and writes JSON through here.
 *
 * <p>Reading is strict where silence would hide a mistake: a key given twice in one object is an error
 * (the last one must not win silently, least of all for a security setting), and so is anything after
 * the one JSON value. Unknown properties are left to the caller, who reads trees and decides. Errors
 * are described by {@link #describe(JsonProcessingException)}, which names the JSON path (a JSON
 * Pointer) and the line and column.
 *
 * <p>Writing is plain UTF-8 JSON; {@link #prettyWriter()} indents. Everything returned is immutable
 * or a fresh object, so callers cannot change the shared configuration.
 *
 * <p>Not API: see the package documentation.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = mapper(StreamReadConstraints.defaults());
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private StrictJson() {
    }

    private static ObjectMapper mapper(StreamReadConstraints constraints) {
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The strict reader: duplicate keys and trailing content are errors. */
    public static ObjectReader reader() {
        return READER;
    }

    /**
     * A strict reader with tighter limits than Jackson's defaults, for untrusted input such as request
     * bodies. Builds a new configuration: keep the result in a constant.
     */
    public static ObjectReader reader(StreamReadConstraints constraints) {
        return mapper(constraints).reader();
    }

    /** Compact output. */
    public static ObjectWriter writer() {
        return WRITER;
    }

    /** Indented output, for people. */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** A new empty object node. */
    public static ObjectNode objectNode() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A streaming UTF-8 generator writing to {@code out}; closing it closes {@code out}. */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.getFactory().createGenerator(out);
    }

    /** A streaming generator writing to {@code out}; closing it closes {@code out}. */
    public static JsonGenerator generator(Writer out) throws IOException {
        return MAPPER.getFactory().createGenerator(out);
    }

    /**
     * Reads one JSON value from text.
     *
     * @throws JsonProcessingException for malformed JSON, a duplicate key or trailing content
     */
    public static JsonNode readTree(String json) throws JsonProcessingException {
        return READER.readTree(json);
    }

    /**
     * Reads one JSON value from bytes in UTF-8, UTF-16 or UTF-32 (detected).
     *
     * @throws IOException for malformed JSON, a duplicate key or trailing content
     */
    public static JsonNode readTree(byte[] json) throws IOException {
        return READER.readTree(json);
    }

    /**
     * What went wrong, for an error message: the problem, the JSON path where it was found (a JSON
     * Pointer such as {@code /security/keys}) and the line and column, e.g. {@code duplicate key "keys":
     * a key may appear once in an object at /security/keys (line 3, column 11)}.
     */
    public static String describe(JsonProcessingException e) {
        StringBuilder sb = new StringBuilder(problem(e));
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            sb.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
        }
        return sb.toString();
    }

    /** What went wrong and the JSON path where, as {@link #describe} without the line and column. */
    public static String problem(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        String detail = original == null ? e.getClass().getSimpleName() : original.split("\n", 2)[0];
        if (detail.startsWith("Duplicate Object property ") || detail.startsWith("Duplicate field ")) {
            String key = detail.startsWith("Duplicate field ") ? detail.substring("Duplicate field ".length())
                    : detail.substring("Duplicate Object property ".length());
            detail = "duplicate key " + key.trim().replace('\'', '"') + ": a key may appear once in an object";
        } else if (detail.startsWith("Trailing token")) {
            detail = "more than one JSON value: give exactly one, with nothing after it";
        }
        String path = path(e);
        return path == null ? detail : detail + " at " + (path.isEmpty() ? "the top level" : path);
    }

    /** The JSON Pointer of where reading stopped, or null when unknown. */
    static @Nullable String path(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser) {
            JsonStreamContext context = parser.getParsingContext();
            return context == null ? null : context.pathAsPointer().toString();
        }
        return null;
    }
}
