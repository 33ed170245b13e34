package org.consent4j.core.jurisdiction;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A place whose rules are another jurisdiction's: an overseas part of an EU member state that has its
 * own ISO 3166-1 code (Réunion {@code RE} → France {@code FR}, Åland {@code AX} → Finland {@code FI}).
 * A location with this code, or one of its subdivisions, resolves as {@link #sameAs()} does.
 *
 * @param code      the place's own code
 * @param name      display name
 * @param sameAs    the code whose rules apply
 * @param source    why (treaty article, statute)
 * @param sourceUrl a link to it
 */
public record JurisdictionAlias(String code, String name, String sameAs, String source, String sourceUrl) {

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    /** Checks that both codes are ISO 3166 codes. */
    public JurisdictionAlias {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sameAs, "sameAs");
        if (!CODE.matcher(code).matches() || !CODE.matcher(sameAs).matches()) {
            throw new IllegalArgumentException("alias " + code + " -> " + sameAs + ": both must be ISO 3166 codes");
        }
        if (code.equals(sameAs)) {
            throw new IllegalArgumentException("alias " + code + " points at itself");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceUrl, "sourceUrl");
    }
}
