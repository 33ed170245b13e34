package org.consent4j.records;

/** A consent record could not be written; the choice it proves must not be acknowledged. */
public class RecordWriteException extends RuntimeException {

    /** An exception with a message that says what failed, and its cause. */
    public RecordWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An exception with a message that says what failed. */
    public RecordWriteException(String message) {
        super(message);
    }
}
