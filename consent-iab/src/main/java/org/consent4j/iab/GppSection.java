package org.consent4j.iab;

/** A section of a GPP string. */
public sealed interface GppSection permits UsNat, UsStateSection, UspV1Section, TcfEuV2Section, OtherSection {

    /** The section id in the GPP header (2 tcfeuv2, 6 uspv1, 7 usnat, 8 usca…). */
    int id();

    /** The section's API prefix, e.g. {@code usnat}. */
    String name();

    /** The section's encoded text. */
    String encode();
}
