package org.consent4j.records;

/** A consent record could not be written; the choice it proves must not be acknowledged. */
public class RecordWriteException extends RuntimeException {

    public RecordWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    public RecordWriteException(String message) {
        super(message);
    }
}
