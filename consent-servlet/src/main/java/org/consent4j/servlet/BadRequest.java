package org.consent4j.servlet;

/** A consent endpoint request that is refused with a 4xx status and a specific message. */
final class BadRequest extends Exception {

    private final int status;

    BadRequest(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
