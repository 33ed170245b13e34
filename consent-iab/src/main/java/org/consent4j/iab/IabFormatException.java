package org.consent4j.iab;

/**
 * An IAB string or model that is not valid: the message names the field that is wrong and why.
 * Decoders throw nothing else, whatever the input.
 */
public final class IabFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The field that is wrong. */
    private final String field;

    IabFormatException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field (or section) that is wrong, e.g. {@code usnat.SaleOptOut} or {@code tcfeuv2.CmpId}. */
    public String field() {
        return field;
    }
}
