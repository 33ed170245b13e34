package org.consent4j.records;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying a record log: how many entries were read, the head, and the first problem,
 * if any.
 *
 * @param entries  entries read (records and markers), up to the first problem
 * @param records  consent records among them
 * @param markers  erasure and retention markers among them
 * @param head     the last entry read; {@link ChainHead#EMPTY} when none
 * @param problem  the first problem in log order; empty when the log is intact
 */
public record ChainReport(long entries, long records, long markers, ChainHead head, Optional<ChainProblem> problem) {

    /** Checks that the head and the problem are present. */
    public ChainReport {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(problem, "problem");
    }

    /** Whether the log is intact: every entry is well-formed, matches its hash and links to the one before. */
    public boolean intact() {
        return problem.isEmpty();
    }

    /** One line for people: "intact: …" or the problem. */
    public String summary() {
        if (problem.isPresent()) {
            return "broken: " + problem.get();
        }
        return String.format(Locale.ROOT, "intact: %d entries (%d records, %d markers), head seq %d hash %s",
                entries, records, markers, head.seq(), head.hash());
    }
}
