package org.consent4j.core.catalog;

import java.util.Objects;

/**
 * One thing wrong with a catalog file: where it is, what is wrong, and how to fix it.
 *
 * <p>{@link #toString()} gives the one-line form {@code file:pointer: message (hint)}, for example
 * {@code site-catalog.json:/services/12/cookies/0/lifetime: cookie lifetime 'two years' is not
 * 'session' or an ISO 8601 duration (use 'session' or a duration such as P2Y, P13M, P90D or PT30M)}.
 *
 * @param source  the file name (or the name given to {@link Catalogs#parse(String, String)})
 * @param pointer the RFC 6901 JSON Pointer of the offending value, e.g. {@code /services/3/hosts/0};
 *                empty when the problem concerns the whole file (unreadable, malformed JSON)
 * @param message what is wrong
 * @param hint    how to fix it; empty when the message says it all
 */
public record CatalogProblem(String source, String pointer, String message, String hint) {

    /** Checks that every component is present. */
    public CatalogProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    /** The one-line form: {@code file:pointer: message (hint)}; without pointer or hint when empty. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (!pointer.isEmpty()) {
            sb.append(':').append(pointer);
        }
        sb.append(": ").append(message);
        if (!hint.isEmpty()) {
            sb.append(" (").append(hint).append(')');
        }
        return sb.toString();
    }
}
