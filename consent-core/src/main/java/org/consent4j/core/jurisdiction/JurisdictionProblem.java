package org.consent4j.core.jurisdiction;

import java.util.Objects;

/**
 * One thing wrong in a jurisdictions file: where it is and how to fix it.
 *
 * @param source  the file or resource name
 * @param pointer the JSON pointer (RFC 6901) of the offending value, e.g. {@code /jurisdictions/3/maxChoiceAge};
 *                empty for the whole document
 * @param message what is wrong
 * @param hint    how to fix it
 */
public record JurisdictionProblem(String source, String pointer, String message, String hint) {

    /** Checks that every component is present. */
    public JurisdictionProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    /** E.g. {@code site.json#/jurisdictions/0/regime: unknown regime 'OPTIN' (use one of OPT_IN, OPT_OUT, NOTICE)}. */
    @Override
    public String toString() {
        return source + "#" + pointer + ": " + message + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
