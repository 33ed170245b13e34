package org.consent4j.destinations;

import java.util.Objects;

/**
 * The industry's privacy strings for the visitor behind an event, for a transport to pass downstream
 * (ad platforms and conversion APIs read them): the IAB GPP string with its applicable section ids, the
 * TCF v2.2 TC string and the US Privacy string. Empty strings where none applies. The router forwards
 * them as they are; it decides with the visitor's consent, never with these strings.
 *
 * <p>In a web application, take them from the request's consent:
 * {@code PrivacySignals.of(ctx.iabSignals().gpp().orElse(""), …)}, or see docs/iab.md.
 *
 * @param gpp        the GPP string, or empty
 * @param gppSid     the GPP section ids in force, joined with {@code _} as the GPP URL macro
 *                   {@code gpp_sid} writes them (e.g. {@code 7}); empty with no GPP string
 * @param tcString   the TC string, or empty
 * @param usPrivacy  the US Privacy string, or empty
 */
public record PrivacySignals(String gpp, String gppSid, String tcString, String usPrivacy) {

    /** No strings. */
    public static final PrivacySignals NONE = new PrivacySignals("", "", "", "");

    public PrivacySignals {
        Objects.requireNonNull(gpp, "gpp");
        Objects.requireNonNull(gppSid, "gppSid");
        Objects.requireNonNull(tcString, "tcString");
        Objects.requireNonNull(usPrivacy, "usPrivacy");
        if (!gppSid.matches("(-?[0-9]{1,3}(_[0-9]{1,3})*)?")) {
            throw new IllegalArgumentException("gppSid '" + gppSid + "' is not section ids joined with '_', such as 7 or 2_6");
        }
    }

    /** Whether no string is present. */
    public boolean isEmpty() {
        return gpp.isEmpty() && tcString.isEmpty() && usPrivacy.isEmpty();
    }
}
