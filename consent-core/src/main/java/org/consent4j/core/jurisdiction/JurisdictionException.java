package org.consent4j.core.jurisdiction;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A jurisdictions file could not be read or is invalid. Lists every problem found, each with the file,
 * the JSON pointer and a hint, so one run shows everything to fix.
 */
public final class JurisdictionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problems found, in the order they were found. */
    private final List<JurisdictionProblem> problems;

    /** An exception listing {@code problems} (at least one). */
    public JurisdictionException(List<JurisdictionProblem> problems) {
        this(problems, null);
    }

    /** An exception listing {@code problems} (at least one), caused by {@code cause}. */
    public JurisdictionException(List<JurisdictionProblem> problems, @Nullable Throwable cause) {
        super(message(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in document order. */
    public List<JurisdictionProblem> problems() {
        return problems;
    }

    private static String message(List<JurisdictionProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a JurisdictionException needs at least one problem");
        }
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems").append(" in jurisdictions:");
        for (JurisdictionProblem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}
