package org.consent4j.iab;

import java.util.Objects;
import java.util.Optional;

/**
 * IAB signals that arrived with a request, e.g. from an app that embeds the site and passes its own
 * consent manager's GPP string ({@code ?gpp=…}) or TC string ({@code ?gdpr_consent=…}), read leniently:
 * a malformed string is no signal, never an error.
 *
 * <p>What each one may do is the jurisdiction's question, answered by the caller:
 * <ul>
 * <li>In an opt-out regime (US state laws), an opt-out in a GPP string — {@code SaleOptOut},
 *     {@code SharingOptOut} or {@code TargetedAdvertisingOptOut} set to 1 (opted out) in {@code usnat},
 *     {@code Y} in {@code uspv1}, or the GPC sub-section's {@code Gpc} set — is the visitor's opt-out
 *     request made through another consent manager and is honoured like Global Privacy Control
 *     ({@link #optOut()}).</li>
 * <li>In an opt-in regime (GDPR and ePrivacy), a TC string is not consent to the site's own categories:
 *     it records choices about TCF purposes and vendors made in someone else's interface. It becomes
 *     consent only where the site turns that on explicitly and accepts the string's purposes as its
 *     categories' ({@link IabSignals#consentedCategories}).</li>
 * </ul>
 *
 * @param gpp the GPP string that arrived, when it was well-formed
 * @param tc  the TC string that arrived (on its own or as the GPP string's {@code tcfeuv2} section), when
 *            it was well-formed
 */
public record IncomingSignals(Optional<GppString> gpp, Optional<TcString> tc) {

    /** Nothing arrived. */
    public static final IncomingSignals NONE = new IncomingSignals(Optional.empty(), Optional.empty());

    /** Longest string read; longer ones are ignored. */
    static final int MAX = 8192;

    public IncomingSignals {
        Objects.requireNonNull(gpp, "gpp");
        Objects.requireNonNull(tc, "tc");
    }

    /**
     * Reads what arrived; each argument may be empty or malformed, which counts as absent.
     *
     * @param gppText a GPP string, or empty
     * @param tcText  a TC string, or empty
     */
    public static IncomingSignals read(String gppText, String tcText) {
        Optional<GppString> gpp = Optional.empty();
        if (!gppText.isEmpty() && gppText.length() <= MAX) {
            try {
                gpp = Optional.of(GppString.parse(gppText));
            } catch (IabFormatException e) {
                gpp = Optional.empty();
            }
        }
        Optional<TcString> tc = Optional.empty();
        if (!tcText.isEmpty() && tcText.length() <= MAX) {
            try {
                tc = Optional.of(TcString.parse(tcText));
            } catch (IabFormatException e) {
                tc = Optional.empty();
            }
        }
        if (tc.isEmpty() && gpp.isPresent()) {
            tc = gpp.get().tcfEuV2();
        }
        return gpp.isEmpty() && tc.isEmpty() ? NONE : new IncomingSignals(gpp, tc);
    }

    /** The {@code Gpc} field of the GPP string's {@code usnat} GPC sub-section: a {@code Sec-GPC} equivalent. */
    public boolean gpc() {
        return gpp.flatMap(GppString::usNat).flatMap(UsNat::gpc).orElse(false);
    }

    /**
     * Whether the GPP string says the visitor opted out: of sale, sharing or targeted advertising in
     * {@code usnat} (value 1), of sale in {@code uspv1} ({@code Y}), or through its {@code Gpc} field.
     */
    public boolean optOut() {
        if (gpc()) {
            return true;
        }
        Optional<UsNat> usnat = gpp.flatMap(GppString::usNat);
        if (usnat.isPresent()) {
            UsNat u = usnat.get();
            if (u.saleOptOut() == 1 || u.sharingOptOut() == 1 || u.targetedAdvertisingOptOut() == 1) {
                return true;
            }
        }
        return gpp.flatMap(GppString::uspV1).map(u -> u.optedOut() == UsPrivacy.Flag.YES).orElse(false);
    }
}
