package org.consent4j.records;

import java.util.Objects;

/**
 * The first problem found in a record log: what kind, where (file and line, or log and seq) and a
 * sentence saying what is wrong.
 *
 * @param kind     what kind of problem
 * @param location where: {@code consent-records-000001.jsonl:17}, or {@code log web-1 seq 17}
 * @param message  what is wrong, for people
 */
public record ChainProblem(Kind kind, String location, String message) {

    /** Kinds of problem, from a damaged line to a broken chain. */
    public enum Kind {
        /** A line is not a valid entry (not JSON, a missing or mistyped field, not UTF-8). */
        MALFORMED,
        /** An entry's version is newer than this reader understands. */
        UNSUPPORTED_VERSION,
        /** An entry's content does not match its hash: it was edited. */
        HASH_MISMATCH,
        /** An entry matches its hash but is not in canonical form (reformatted, fields reordered). */
        NOT_CANONICAL,
        /** An entry does not link to the one before it although its seq follows: one was replaced. */
        BROKEN_LINK,
        /** Entries are missing between two others, and no erasure marker accounts for them. */
        MISSING,
        /** An entry's seq does not follow the one before: entries were reordered or inserted. */
        OUT_OF_ORDER,
        /** The log does not start at its first entry, and no retention marker accounts for the start. */
        BAD_START,
        /** The last line is incomplete: a write interrupted by a crash, never acknowledged. */
        TORN_TAIL,
        /** An anchor (a head kept elsewhere) is not in the log: entries were cut off or replaced. */
        ANCHOR_NOT_FOUND,
        /**
         * Given the records keys: an entry carries no MAC, a MAC under an unknown key, or a MAC that does
         * not match its hash (edited with its hashes recomputed, or forged).
         */
        UNAUTHENTICATED,
        /** Given a checkpoint: its MAC is not valid under the records keys, or it names another log. */
        BAD_CHECKPOINT,
        /** A database row's columns disagree with the entry it stores. */
        COLUMN_MISMATCH
    }

    /** Checks that every component is present. */
    public ChainProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
