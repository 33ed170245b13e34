package org.consent4j.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentState;

/**
 * Didomi's {@code didomi_token}: base64 (or base64url) of JSON such as {@code {"user_id":"…","created":"…",
 * "updated":"…","vendors":{"enabled":[…],"disabled":[…]},"purposes":{"enabled":["cookies",…],
 * "disabled":[…]},"version":2}}. A category is granted when every purpose mapped to it is enabled,
 * refused when any of them is disabled, and left unset otherwise (the visitor was not asked about it).
 */
final class DidomiSource implements ConsentSource {

    static final String COOKIE = "didomi_token";

    private final String revision;
    private final Map<String, Set<String>> mapping;

    DidomiSource(String revision, Map<String, Set<String>> mapping) {
        this.revision = Objects.requireNonNull(revision, "revision");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        mapping.forEach((category, purposes) -> {
            if (purposes.isEmpty()) {
                throw new IllegalArgumentException("category '" + category + "' maps to no Didomi purpose;"
                        + " leave it out of the mapping instead");
            }
            copy.put(category, Set.copyOf(purposes));
        });
        this.mapping = Map.copyOf(copy);
    }

    @Override
    public Optional<ConsentCookie> read(HttpServletRequest request) {
        return ForeignCookie.read(request, COOKIE, this::parse);
    }

    Optional<ConsentState> parse(String value, Instant now) {
        String text;
        try {
            String b64 = value.trim().replace('-', '+').replace('_', '/');
            text = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<JsonNode> root = ForeignCookie.object(text);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = root.get();
        JsonNode stamp = json.path("updated").isTextual() ? json.path("updated") : json.path("created");
        Optional<Instant> decidedAt = stamp.isTextual() ? ForeignCookie.instant(stamp.asText()) : Optional.empty();
        if (decidedAt.isEmpty() || !ForeignCookie.plausible(decidedAt.get(), now)) {
            return Optional.empty();
        }
        Optional<Set<String>> enabled = ids(json.path("purposes").path("enabled"));
        Optional<Set<String>> disabled = ids(json.path("purposes").path("disabled"));
        if (enabled.isEmpty() || disabled.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Choice> out = new LinkedHashMap<>();
        mapping.forEach((category, purposes) -> {
            if (purposes.stream().anyMatch(disabled.get()::contains)) {
                out.put(category, Choice.DENIED);
            } else if (enabled.get().containsAll(purposes)) {
                out.put(category, Choice.GRANTED);
            }
        });
        return ForeignCookie.state(out, decidedAt.get(), revision);
    }

    /** The strings of an array; an absent list is empty; anything else is not Didomi's format. */
    private static Optional<Set<String>> ids(JsonNode node) {
        if (node.isMissingNode()) {
            return Optional.of(Set.of());
        }
        if (!node.isArray()) {
            return Optional.empty();
        }
        Set<String> out = new HashSet<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                return Optional.empty();
            }
            out.add(n.asText());
        }
        return Optional.of(out);
    }

    @Override
    public String toString() {
        return "Didomi import (" + COOKIE + ")";
    }
}
