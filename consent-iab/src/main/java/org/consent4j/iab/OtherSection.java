package org.consent4j.iab;

import java.util.Objects;

/**
 * A GPP section this library keeps as it came (the Canadian TCF, the state sections without a layout
 * here, a state section of a later version…): it is
 * carried through decoding and encoding unchanged.
 *
 * @param id      the section id
 * @param encoded its text
 */
public record OtherSection(int id, String encoded) implements GppSection {

    private static final String[] NAMES = {"", "tcfeuv1", "tcfeuv2", "header", "signalintegrity", "tcfcav1", "uspv1",
        "usnat", "usca", "usva", "usco", "usut", "usct", "usfl", "usmt", "usor", "ustx", "usde", "usia", "usne", "usnh",
        "usnj", "ustn", "usmn", "usmd", "usin", "usky", "usri"};

    /** Checks that the section id is positive and the value is URL-safe base64. */
    public OtherSection {
        if (id < 1) {
            throw new IabFormatException("header.SectionIds", "section id " + id + " is not positive");
        }
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.startsWith("B") && UsState.byId(id).isPresent()) {
            throw new IabFormatException(nameOf(id), "a version 1 " + nameOf(id) + " section has a typed model:"
                    + " use UsStateSection");
        }
        for (int i = 0; i < encoded.length(); i++) {
            if (BitWriter.valueOf(encoded.charAt(i)) < 0 && encoded.charAt(i) != '.') {
                throw new IabFormatException(nameOf(id), "character at " + i + " is not URL-safe base64");
            }
        }
    }

    @Override
    public String name() {
        return nameOf(id);
    }

    static String nameOf(int id) {
        return id < NAMES.length ? NAMES[id] : "section" + id;
    }

    @Override
    public String encode() {
        return encoded;
    }
}
