package org.consent4j.iab;

import java.util.Objects;

/**
 * The GPP {@code tcfeuv2} section (section 2): a TCF v2 TC string.
 *
 * @param value the TC string
 */
public record TcfEuV2Section(TcString value) implements GppSection {

    /** The section id in the GPP header. */
    public static final int ID = 2;

    /** Checks that the TC string is present. */
    public TcfEuV2Section {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public String name() {
        return "tcfeuv2";
    }

    @Override
    public String encode() {
        return value.encode();
    }
}
