package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.iab.IabFormatException;
import org.consent4j.iab.TcString;

/**
 * The IAB TCF {@code euconsent-v2} cookie: a TC string. A category is granted when every TCF purpose
 * mapped to it has consent in the string, refused otherwise; the choice dates from {@code LastUpdated}.
 */
final class TcfSource implements ConsentSource {

    static final String COOKIE = "euconsent-v2";

    private final String revision;
    private final Map<String, Set<Integer>> mapping;

    TcfSource(String revision, Map<String, Set<Integer>> mapping) {
        this.revision = Objects.requireNonNull(revision, "revision");
        Map<String, Set<Integer>> copy = new LinkedHashMap<>();
        mapping.forEach((category, purposes) -> {
            if (purposes.isEmpty() || purposes.stream().anyMatch(p -> p < 1 || p > 24)) {
                throw new IllegalArgumentException("category '" + category + "' must map to TCF purposes 1–24, not "
                        + purposes);
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
        TcString tc;
        try {
            tc = TcString.parse(value.trim());
        } catch (IabFormatException e) {
            return Optional.empty();
        }
        if (!ForeignCookie.plausible(tc.lastUpdated(), now)) {
            return Optional.empty();
        }
        Map<String, Choice> out = new LinkedHashMap<>();
        mapping.forEach((category, purposes) -> out.put(category,
                purposes.stream().allMatch(p -> tc.purposesConsent().contains(p)) ? Choice.GRANTED : Choice.DENIED));
        return ForeignCookie.state(out, tc.lastUpdated(), revision);
    }

    @Override
    public String toString() {
        return "IAB TCF import (" + COOKIE + ")";
    }
}
