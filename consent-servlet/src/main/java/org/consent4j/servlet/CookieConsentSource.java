package org.consent4j.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
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
 * cookieconsent v3's {@code cc_cookie}: URL-encoded JSON such as {@code {"categories":["necessary",
 * "analytics"],"revision":0,"data":null,"consentTimestamp":"…","consentId":"…","services":{…},
 * "languageCode":"en","lastConsentTimestamp":"…","expirationTime":1767225600000}}. {@code categories} lists
 * the accepted categories; {@code services} has a key for every category the banner asked about. A mapped
 * category that was asked about but not accepted was refused; one the banner never asked about stays unset.
 */
final class CookieConsentSource implements ConsentSource {

    static final String COOKIE = "cc_cookie";

    private final String revision;
    private final Map<String, String> mapping;

    CookieConsentSource(String revision, Map<String, String> mapping) {
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
        JsonNode json = root.get();
        JsonNode accepted = json.path("categories");
        JsonNode stamp = json.path("lastConsentTimestamp").isTextual() ? json.path("lastConsentTimestamp")
                : json.path("consentTimestamp");
        if (!accepted.isArray() || !stamp.isTextual() || !json.path("revision").canConvertToInt()
                || json.path("revision").asInt() < 0) {
            return Optional.empty();
        }
        Optional<Instant> decidedAt = ForeignCookie.instant(stamp.asText());
        if (decidedAt.isEmpty() || !ForeignCookie.plausible(decidedAt.get(), now)) {
            return Optional.empty();
        }
        JsonNode expires = json.path("expirationTime");
        if (!expires.isMissingNode() && (!expires.canConvertToLong() || expires.asLong() <= now.toEpochMilli())) {
            return Optional.empty(); // cookieconsent itself would ask again
        }
        Set<String> categories = new HashSet<>();
        for (JsonNode c : accepted) {
            if (!c.isTextual()) {
                return Optional.empty();
            }
            categories.add(c.asText());
        }
        JsonNode services = json.path("services");
        Map<String, Choice> out = new LinkedHashMap<>();
        mapping.forEach((theirs, ours) -> {
            if (categories.contains(theirs)) {
                out.merge(ours, Choice.GRANTED, ForeignCookie::merge);
            } else if (!services.isObject() || services.has(theirs)) {
                out.merge(ours, Choice.DENIED, ForeignCookie::merge);
            }
        });
        return ForeignCookie.state(out, decidedAt.get(), revision);
    }

    @Override
    public String toString() {
        return "cookieconsent import (" + COOKIE + ")";
    }
}
