package org.consent4j.testkit;

/** The audit could not run: the site did not answer, or the browser could not start. */
public final class AuditException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An audit failure with its cause. */
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An audit failure. */
    public AuditException(String message) {
        super(message);
    }
}
