package org.consent4j.iab;

import java.util.Objects;

/**
 * The legacy IAB US Privacy string ({@code uspv1}, version 1, March 2020): four characters, e.g.
 * {@code 1YNN}. Superseded by the GPP {@code usnat} section, still read by much US ad tech.
 *
 * @param notice   whether notice and the opportunity to opt out were given (CCPA §1798.120)
 * @param optedOut whether the consumer opted out of the sale of personal information
 * @param lspa     whether the publisher is a signatory of the IAB Limited Service Provider Agreement
 */
public record UsPrivacy(Flag notice, Flag optedOut, Flag lspa) {

    /** {@code 1---}: the CCPA does not apply. */
    public static final UsPrivacy NOT_APPLICABLE = new UsPrivacy(Flag.NOT_APPLICABLE, Flag.NOT_APPLICABLE,
            Flag.NOT_APPLICABLE);

    /** One position of the string. */
    public enum Flag {
        /** {@code Y}. */
        YES('Y'),
        /** {@code N}. */
        NO('N'),
        /** {@code -}: not applicable or unknown. */
        NOT_APPLICABLE('-');

        private final char code;

        Flag(char code) {
            this.code = code;
        }

        char code() {
            return code;
        }

        static Flag of(char c, String field) {
            for (Flag f : values()) {
                if (f.code == Character.toUpperCase(c)) {
                    return f;
                }
            }
            throw new IabFormatException("uspv1." + field, "'" + c + "' is not Y, N or -");
        }
    }

    /** Checks that every component is present. */
    public UsPrivacy {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(optedOut, "optedOut");
        Objects.requireNonNull(lspa, "lspa");
        if (optedOut == Flag.NOT_APPLICABLE && (notice != Flag.NOT_APPLICABLE || lspa != Flag.NOT_APPLICABLE)) {
            throw new IabFormatException("uspv1.OptOutSale", "'-' only when the CCPA does not apply at all (1---)");
        }
    }

    /**
     * Parses a US Privacy string.
     *
     * @throws IabFormatException naming the position that is wrong
     */
    public static UsPrivacy parse(String text) {
        if (text.length() != 4) {
            throw new IabFormatException("uspv1", "a US Privacy string has 4 characters, not " + Math.min(text.length(), 9999));
        }
        if (text.charAt(0) != '1') {
            throw new IabFormatException("uspv1.Version", "version '" + text.charAt(0) + "' is not supported; only 1");
        }
        return new UsPrivacy(Flag.of(text.charAt(1), "Notice"), Flag.of(text.charAt(2), "OptOutSale"),
                Flag.of(text.charAt(3), "LspaCovered"));
    }

    /** The four-character string. */
    public String encode() {
        return new String(new char[] {'1', notice.code(), optedOut.code(), lspa.code()});
    }

    @Override
    public String toString() {
        return encode();
    }
}
