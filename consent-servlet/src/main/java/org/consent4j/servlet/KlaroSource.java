package org.consent4j.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentState;

/**
 * Klaro's {@code klaro} cookie: a JSON object (raw or URL-encoded) of service name to {@code true} or
 * {@code false}, e.g. {@code {"google-analytics":true,"facebook-pixel":false}}. Klaro stores no time:
 * the imported choice counts as made when it is read, and Klaro's own cookie lifetime bounded it before.
 */
final class KlaroSource implements ConsentSource {

    static final String COOKIE = "klaro";

    private final String revision;
    private final Map<String, String> mapping;

    KlaroSource(String revision, Map<String, String> mapping) {
        this.revision = Objects.requireNonNull(revision, "revision");
        this.mapping = Map.copyOf(mapping);
    }

    @Override
    public Optional<ConsentCookie> read(HttpServletRequest request) {
        return ForeignCookie.read(request, COOKIE, this::parse);
    }

    Optional<ConsentState> parse(String value, Instant now) {
        Optional<JsonNode> root = ForeignCookie.object(value);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Choice> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.get().properties()) {
            if (!e.getValue().isBoolean()) {
                return Optional.empty(); // not Klaro's format: trust none of it
            }
            String ours = mapping.get(e.getKey());
            if (ours != null) {
                out.merge(ours, e.getValue().booleanValue() ? Choice.GRANTED : Choice.DENIED, ForeignCookie::merge);
            }
        }
        return ForeignCookie.state(out, now, revision);
    }

    @Override
    public String toString() {
        return "Klaro import (" + COOKIE + ")";
    }
}
