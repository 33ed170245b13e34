package org.consent4j.core.catalog;

import java.util.List;
import java.util.Locale;

/**
 * A catalog could not be read or is invalid. Carries every problem found, not just the first, so one
 * run shows everything to fix.
 *
 * <p>The message has a summary line followed by one line per problem in the form
 * {@code file:pointer: message (hint)}.
 */
public final class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problems found, in the order they were found. */
    private final List<CatalogProblem> problems;

    /**
     * An exception listing {@code problems}.
     *
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public CatalogException(List<CatalogProblem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    CatalogException(List<CatalogProblem> problems, Throwable cause) {
        super(format(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, grouped by file in the order the files were given; within a file, problems
     * found in the file alone come in document order, then those involving references. Never empty.
     */
    public List<CatalogProblem> problems() {
        return problems;
    }

    private static String format(List<CatalogProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a CatalogException needs at least one problem");
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "invalid catalog: %d problem%s",
                problems.size(), problems.size() == 1 ? "" : "s"));
        for (CatalogProblem p : problems) {
            sb.append('\n').append(p);
        }
        return sb.toString();
    }
}
