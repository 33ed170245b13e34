package org.consent4j.iab;

import java.util.Objects;

/**
 * The GPP {@code uspv1} section (section 6): a US Privacy string, unencoded.
 *
 * @param value the US Privacy string
 */
public record UspV1Section(UsPrivacy value) implements GppSection {

    /** The section id in the GPP header. */
    public static final int ID = 6;

    /** Checks that the US Privacy string is present. */
    public UspV1Section {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public String name() {
        return "uspv1";
    }

    @Override
    public String encode() {
        return value.encode();
    }
}
