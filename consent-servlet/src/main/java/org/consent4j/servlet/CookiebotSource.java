package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;

/**
 * Cookiebot's {@code CookieConsent} cookie: a URL-encoded object literal such as
 * {@code {stamp:'…',necessary:true,preferences:false,statistics:true,marketing:false,method:'explicit',
 * ver:1,utc:1733562000000,region:'fr'}}. The value {@code -1} means Cookiebot asked nothing (outside its
 * consent regions): no choice.
 */
final class CookiebotSource implements ConsentSource {

    static final String COOKIE = "CookieConsent";

    private final String revision;
    private final Map<String, String> mapping;

    CookiebotSource(String revision, Map<String, String> mapping) {
        this.revision = Objects.requireNonNull(revision, "revision");
        this.mapping = Map.copyOf(mapping);
    }

    @Override
    public Optional<ConsentCookie> read(HttpServletRequest request) {
        return ForeignCookie.read(request, COOKIE, this::parse);
    }

    Optional<org.consent4j.core.decision.ConsentState> parse(String value) {
        return parse(value, Instant.now());
    }

    Optional<org.consent4j.core.decision.ConsentState> parse(String value, Instant now) {
        Map<String, String> fields = fields(value.trim());
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Instant decidedAt;
        try {
            decidedAt = Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("utc", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!ForeignCookie.plausible(decidedAt, now)) {
            return Optional.empty();
        }
        Map<String, Choice> categories = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            String v = fields.get(m.getKey());
            if (!"true".equals(v) && !"false".equals(v)) {
                return Optional.empty(); // a cookie that lacks a category it should hold is not trusted
            }
            Choice choice = "true".equals(v) ? Choice.GRANTED : Choice.DENIED;
            // several foreign categories may map to one of ours: any refusal wins
            categories.merge(m.getValue(), choice, ForeignCookie::merge);
        }
        return ForeignCookie.state(categories, decidedAt, revision);
    }

    /** The top-level fields of {@code {key:value,…}}; empty for anything else. Values keep no quotes. */
    static Map<String, String> fields(String text) {
        if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        int i = 1;
        int end = text.length() - 1;
        while (i < end) {
            int colon = text.indexOf(':', i);
            if (colon < 0 || colon >= end) {
                return Map.of();
            }
            String key = text.substring(i, colon).trim();
            int j = colon + 1;
            String value;
            if (j < end && (text.charAt(j) == '\'' || text.charAt(j) == '"')) {
                char quote = text.charAt(j);
                int close = text.indexOf(quote, j + 1);
                if (close < 0 || close >= end) {
                    return Map.of();
                }
                value = text.substring(j + 1, close);
                j = close + 1;
            } else {
                int comma = text.indexOf(',', j);
                int stop = comma < 0 ? end : comma;
                value = text.substring(j, stop).trim();
                j = stop;
            }
            out.put(key, value);
            if (j < end && text.charAt(j) != ',') {
                return Map.of();
            }
            i = j + 1;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Cookiebot import (" + COOKIE + ")";
    }
}
