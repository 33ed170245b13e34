package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentState;

/**
 * OneTrust's cookies: {@code OptanonConsent}, a URL-encoded query string whose {@code groups} field lists
 * {@code C0001:1,C0002:0,…}, and {@code OptanonAlertBoxClosed}, the ISO-8601 time the visitor answered.
 */
final class OneTrustSource implements ConsentSource {

    static final String CONSENT = "OptanonConsent";
    static final String CLOSED = "OptanonAlertBoxClosed";

    private final String revision;
    private final Map<String, String> mapping;

    OneTrustSource(String revision, Map<String, String> mapping) {
        this.revision = Objects.requireNonNull(revision, "revision");
        this.mapping = Map.copyOf(mapping);
    }

    @Override
    public Optional<ConsentCookie> read(HttpServletRequest request) {
        Optional<String> closed = ForeignCookie.value(request, CLOSED);
        if (closed.isEmpty()) {
            return Optional.empty(); // OneTrust's defaults before any answer are not a choice
        }
        return ForeignCookie.value(request, CONSENT).flatMap(v -> parse(v, closed.get()))
                .map(s -> new ConsentCookie("", s));
    }

    Optional<ConsentState> parse(String consent, String closedAt) {
        Instant decidedAt;
        try {
            decidedAt = Instant.parse(closedAt.trim());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (!ForeignCookie.plausible(decidedAt, Instant.now())) {
            return Optional.empty();
        }
        String groups = null;
        for (String pair : consent.split("&")) {
            if (pair.startsWith("groups=")) {
                groups = pair.substring("groups=".length());
            }
        }
        if (groups == null || groups.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> flags = new HashMap<>();
        for (String g : groups.split(",")) {
            int colon = g.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            String flag = g.substring(colon + 1);
            if (!flag.equals("0") && !flag.equals("1")) {
                return Optional.empty();
            }
            flags.put(g.substring(0, colon), flag);
        }
        Map<String, Choice> categories = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            String flag = flags.get(m.getKey());
            if (flag == null) {
                continue; // a group this site's OneTrust did not use
            }
            Choice choice = flag.equals("1") ? Choice.GRANTED : Choice.DENIED;
            categories.merge(m.getValue(), choice, (a, b) -> a == Choice.DENIED || b == Choice.DENIED ? Choice.DENIED
                    : Choice.GRANTED);
        }
        return ForeignCookie.state(categories, decidedAt, revision);
    }

    @Override
    public String toString() {
        return "OneTrust import (" + CONSENT + ")";
    }
}
