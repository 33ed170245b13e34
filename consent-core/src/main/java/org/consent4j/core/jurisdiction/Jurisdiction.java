package org.consent4j.core.jurisdiction;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The consent rules of one place: an ISO 3166-1 country ({@code FR}), an ISO 3166-2 subdivision
 * ({@code US-CA}), or the {@value #DEFAULT_CODE} entry used when the location is unknown.
 *
 * @param code         {@code FR}, {@code US-CA}, or {@value #DEFAULT_CODE}
 * @param name         display name
 * @param regime       how consent works there
 * @param gpcHonoured  whether a Global Privacy Control signal opts the visitor out there
 * @param gpcSince     ISO date since which honouring GPC is a legal duty there, or empty
 * @param maxChoiceAge how long a choice lasts before the visitor is asked again; a grant never outlives it
 * @param laws         the laws that apply, as shown to the visitor and written in records
 * @param source       where these facts come from (statute, regulator guidance)
 */
public record Jurisdiction(String code, String name, Regime regime, boolean gpcHonoured, String gpcSince,
                           Duration maxChoiceAge, List<String> laws, String source) {

    /** The code of the entry used for unknown locations. */
    public static final String DEFAULT_CODE = "default";

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})?");

    public Jurisdiction {
        Objects.requireNonNull(code, "code");
        if (!code.equals(DEFAULT_CODE) && !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("jurisdiction code '" + code
                    + "' is not an ISO 3166-1 alpha-2 country (FR) or ISO 3166-2 subdivision (US-CA), nor '"
                    + DEFAULT_CODE + "'");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(gpcSince, "gpcSince");
        if (!DATE.matcher(gpcSince).matches()) {
            throw new IllegalArgumentException("gpcSince '" + gpcSince + "' of " + code + " is not an ISO date (YYYY-MM-DD) or empty");
        }
        Objects.requireNonNull(maxChoiceAge, "maxChoiceAge");
        if (maxChoiceAge.isNegative() || maxChoiceAge.isZero()) {
            throw new IllegalArgumentException("maxChoiceAge of " + code + " must be positive, was " + maxChoiceAge);
        }
        laws = List.copyOf(laws);
        Objects.requireNonNull(source, "source");
    }

    /** Whether this is the fallback entry for unknown locations. */
    public boolean isDefault() {
        return code.equals(DEFAULT_CODE);
    }
}
