package org.consent4j.records.internal;

import org.consent4j.records.*;

/** A line is not a valid log entry; {@link #kind()} says how. */
public final class EntryFormatException extends Exception {

    private final ChainProblem.Kind kind;

    public EntryFormatException(ChainProblem.Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public ChainProblem.Kind kind() {
        return kind;
    }
}
