package org.consent4j.records;

/** A line is not a valid log entry; {@link #kind()} says how. */
final class EntryFormatException extends Exception {

    private final ChainProblem.Kind kind;

    EntryFormatException(ChainProblem.Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    ChainProblem.Kind kind() {
        return kind;
    }
}
