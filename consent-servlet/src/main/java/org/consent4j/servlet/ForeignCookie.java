package org.consent4j.servlet;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;

/** Reading another consent manager's cookie: by name, size-limited, URL-decoded, never throwing. */
final class ForeignCookie {

    /** Browsers keep cookies under 4 KiB; anything longer is not a real consent cookie. */
    static final int MAX_LENGTH = 4096;
    /** Clock skew allowed for a timestamp from the browser's side. */
    private static final long SKEW_SECONDS = 300;

    private ForeignCookie() {
    }

    /** The URL-decoded value of the first cookie with this name, if present and readable. */
    static Optional<String> value(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                String raw = c.getValue();
                if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** How an import reads the value of its cookie at a moment: the imported state, or empty. */
    @FunctionalInterface
    interface Parser {
        Optional<ConsentState> parse(String value, Instant now);
    }

    /** The import of the cookie with this name: parsed now, as a cookie with no signed value of its own. */
    static Optional<ConsentCookie> read(HttpServletRequest request, String name, Parser parser) {
        return value(request, name).flatMap(v -> parser.parse(v, Instant.now())).map(s -> new ConsentCookie("", s));
    }

    /** A plausible past timestamp: after 2000 and not ahead of now beyond clock skew. */
    static boolean plausible(Instant at, Instant now) {
        return at.isAfter(Instant.parse("2000-01-01T00:00:00Z")) && !at.isAfter(now.plusSeconds(SKEW_SECONDS));
    }

    /** The JSON object {@code text} holds, or empty when it is not one (never throws). */
    static Optional<com.fasterxml.jackson.databind.JsonNode> object(String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = org.consent4j.core.internal.json.StrictJson.readTree(text);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** An ISO-8601 instant, or empty. */
    static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Several foreign choices mapped to one category: any refusal wins. */
    static Choice merge(Choice a, Choice b) {
        return a == Choice.DENIED || b == Choice.DENIED ? Choice.DENIED : Choice.GRANTED;
    }

    /** An imported state, or empty when no consent4j category was mentioned. */
    static Optional<ConsentState> state(Map<String, Choice> categories, Instant decidedAt, String revision) {
        if (categories.isEmpty()) {
            return Optional.empty();
        }
        ConsentState.Builder b = ConsentState.builder(decidedAt, revision).method(ConsentMethod.IMPORT);
        categories.forEach(b::category);
        return Optional.of(b.build());
    }
}
