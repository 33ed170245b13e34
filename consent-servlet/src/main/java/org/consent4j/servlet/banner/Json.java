package org.consent4j.servlet.banner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import org.consent4j.core.internal.json.StrictJson;

/** The banner's JSON, through the project's one strict configuration: reads the bundled text resources, writes the data the script reads. */
final class Json {

    private Json() {
    }

    /** Reads a bundled resource next to this class as a flat string-to-string object, in file order. */
    static LinkedHashMap<String, String> readStrings(String resource) {
        try (InputStream in = Json.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled banner resource " + resource + " is missing from the jar");
            }
            return StrictJson.reader().forType(new TypeReference<LinkedHashMap<String, String>>() { }).readValue(in);
        } catch (IOException e) {
            throw new UncheckedIOException("bundled banner resource " + resource + " is not a JSON object of strings", e);
        }
    }

    /** Serializes a tree of maps, lists, strings, numbers and booleans. */
    static String write(Object value) {
        try {
            return StrictJson.writer().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("banner data could not be serialized", e);
        }
    }
}
