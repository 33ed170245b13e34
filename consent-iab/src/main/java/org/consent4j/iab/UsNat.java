package org.consent4j.iab;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The GPP {@code usnat} section (section 7, "US National Privacy", version 1): the notices given and the
 * opt-outs made under the US state privacy laws, with the optional Global Privacy Control sub-section.
 *
 * <p>Codes follow the IAB specification: for notices and opt-outs {@code 0} not applicable, {@code 1} yes
 * (notice given / opted out), {@code 2} no; for the consent arrays {@code 0} not applicable, {@code 1} no
 * consent, {@code 2} consent; {@code mspaCoveredTransaction} is {@code 1} yes or {@code 2} no. Strings
 * made before the 2024 update carry 12 sensitive-data and 2 child-consent entries (legacy layout); they
 * decode and re-encode as they were.
 *
 * @param sharingNotice                      notice of sharing for targeted advertising
 * @param saleOptOutNotice                   notice of the opportunity to opt out of sale
 * @param sharingOptOutNotice                notice of the opportunity to opt out of sharing
 * @param targetedAdvertisingOptOutNotice    notice of the opportunity to opt out of targeted advertising
 * @param sensitiveDataProcessingOptOutNotice notice of the opportunity to opt out of sensitive data processing
 * @param sensitiveDataLimitUseNotice        notice of the right to limit use of sensitive data
 * @param saleOptOut                         opted out of the sale of personal data
 * @param sharingOptOut                      opted out of sharing
 * @param targetedAdvertisingOptOut          opted out of targeted advertising
 * @param sensitiveDataProcessing            consent per sensitive-data category (16, or 12 legacy)
 * @param knownChildSensitiveDataConsents    consents for known children (3, or 2 legacy)
 * @param personalDataConsents               consent to process personal data
 * @param mspaCoveredTransaction             whether the transaction is covered by the IAB MSPA
 * @param mspaOptOutOptionMode               MSPA opt-out option mode
 * @param mspaServiceProviderMode            MSPA service provider mode
 * @param gpc                                the GPC sub-section's value, when present
 */
public record UsNat(int sharingNotice, int saleOptOutNotice, int sharingOptOutNotice,
                    int targetedAdvertisingOptOutNotice, int sensitiveDataProcessingOptOutNotice,
                    int sensitiveDataLimitUseNotice, int saleOptOut, int sharingOptOut, int targetedAdvertisingOptOut,
                    List<Integer> sensitiveDataProcessing, List<Integer> knownChildSensitiveDataConsents,
                    int personalDataConsents, int mspaCoveredTransaction, int mspaOptOutOptionMode,
                    int mspaServiceProviderMode, Optional<Boolean> gpc) implements GppSection {

    /** The section id in the GPP header. */
    public static final int ID = 7;
    private static final String NAME = "usnat";

    /** Checks every field against the values the GPP US National section allows. */
    public UsNat {
        code("SharingNotice", sharingNotice);
        code("SaleOptOutNotice", saleOptOutNotice);
        code("SharingOptOutNotice", sharingOptOutNotice);
        code("TargetedAdvertisingOptOutNotice", targetedAdvertisingOptOutNotice);
        code("SensitiveDataProcessingOptOutNotice", sensitiveDataProcessingOptOutNotice);
        code("SensitiveDataLimitUseNotice", sensitiveDataLimitUseNotice);
        code("SaleOptOut", saleOptOut);
        code("SharingOptOut", sharingOptOut);
        code("TargetedAdvertisingOptOut", targetedAdvertisingOptOut);
        sensitiveDataProcessing = List.copyOf(sensitiveDataProcessing);
        knownChildSensitiveDataConsents = List.copyOf(knownChildSensitiveDataConsents);
        boolean current = sensitiveDataProcessing.size() == 16 && knownChildSensitiveDataConsents.size() == 3;
        boolean legacy = sensitiveDataProcessing.size() == 12 && knownChildSensitiveDataConsents.size() == 2;
        if (!current && !legacy) {
            throw new IabFormatException(NAME + ".SensitiveDataProcessing", "needs 16 sensitive-data and 3 child"
                    + " entries (or 12 and 2 in the legacy layout), not " + sensitiveDataProcessing.size() + " and "
                    + knownChildSensitiveDataConsents.size());
        }
        for (int i = 0; i < sensitiveDataProcessing.size(); i++) {
            code("SensitiveDataProcessing[" + i + "]", sensitiveDataProcessing.get(i));
        }
        for (int i = 0; i < knownChildSensitiveDataConsents.size(); i++) {
            code("KnownChildSensitiveDataConsents[" + i + "]", knownChildSensitiveDataConsents.get(i));
        }
        code("PersonalDataConsents", personalDataConsents);
        if (mspaCoveredTransaction != 1 && mspaCoveredTransaction != 2) {
            throw new IabFormatException(NAME + ".MspaCoveredTransaction", "must be 1 (yes) or 2 (no), not "
                    + mspaCoveredTransaction);
        }
        code("MspaOptOutOptionMode", mspaOptOutOptionMode);
        code("MspaServiceProviderMode", mspaServiceProviderMode);
        Objects.requireNonNull(gpc, "gpc");
    }

    private static void code(String field, int value) {
        if (value < 0 || value > 2) {
            throw new IabFormatException(NAME + "." + field, "must be 0, 1 or 2, not " + value);
        }
    }

    /**
     * A section with every notice given and every opt-out as stated, no sensitive data processed, not an
     * MSPA-covered transaction.
     *
     * @param optedOutOfSale                whether the visitor opted out of sale
     * @param optedOutOfSharing             whether the visitor opted out of sharing
     * @param optedOutOfTargetedAdvertising whether the visitor opted out of targeted advertising
     * @param gpc                           the visitor's Global Privacy Control signal
     */
    public static UsNat of(boolean optedOutOfSale, boolean optedOutOfSharing, boolean optedOutOfTargetedAdvertising,
                           boolean gpc) {
        return new UsNat(1, 1, 1, 1, 0, 0, optedOutOfSale ? 1 : 2, optedOutOfSharing ? 1 : 2,
                optedOutOfTargetedAdvertising ? 1 : 2, Collections.nCopies(16, 0), Collections.nCopies(3, 0), 0, 2,
                0, 0, Optional.of(gpc));
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String encode() {
        BitWriter w = new BitWriter().integer(NAME + ".Version", 1, 6);
        for (int v : new int[] {sharingNotice, saleOptOutNotice, sharingOptOutNotice, targetedAdvertisingOptOutNotice,
                sensitiveDataProcessingOptOutNotice, sensitiveDataLimitUseNotice, saleOptOut, sharingOptOut,
                targetedAdvertisingOptOut}) {
            w.integer(NAME, v, 2);
        }
        sensitiveDataProcessing.forEach(v -> w.integer(NAME, v, 2));
        knownChildSensitiveDataConsents.forEach(v -> w.integer(NAME, v, 2));
        w.integer(NAME, personalDataConsents, 2).integer(NAME, mspaCoveredTransaction, 2)
                .integer(NAME, mspaOptOutOptionMode, 2).integer(NAME, mspaServiceProviderMode, 2);
        String core = w.base64(8);
        return gpc.map(g -> core + "." + new BitWriter().integer(NAME + ".SubsectionType", 1, 2).bool(g).base64(8))
                .orElse(core);
    }

    static UsNat decode(String text) {
        String[] parts = text.split("\\.", -1);
        BitReader r = BitReader.of(parts[0], NAME);
        int version = r.small("Version", 6);
        if (version != 1) {
            throw new IabFormatException(NAME + ".Version", "version " + version + " is not supported; only 1");
        }
        int[] f = new int[9];
        String[] names = {"SharingNotice", "SaleOptOutNotice", "SharingOptOutNotice", "TargetedAdvertisingOptOutNotice",
            "SensitiveDataProcessingOptOutNotice", "SensitiveDataLimitUseNotice", "SaleOptOut", "SharingOptOut",
            "TargetedAdvertisingOptOut"};
        for (int i = 0; i < f.length; i++) {
            f[i] = r.small(names[i], 2);
        }
        // 6 + 18 + 32 + 6 + 8 = 70 bits in the current layout; legacy strings have 60.
        boolean current = r.remaining() >= 70 - 24;
        Integer[] sensitive = new Integer[current ? 16 : 12];
        for (int i = 0; i < sensitive.length; i++) {
            sensitive[i] = r.small("SensitiveDataProcessing", 2);
        }
        Integer[] child = new Integer[current ? 3 : 2];
        for (int i = 0; i < child.length; i++) {
            child[i] = r.small("KnownChildSensitiveDataConsents", 2);
        }
        int personal = r.small("PersonalDataConsents", 2);
        int covered = r.small("MspaCoveredTransaction", 2);
        int optOutMode = r.small("MspaOptOutOptionMode", 2);
        int providerMode = r.small("MspaServiceProviderMode", 2);
        Optional<Boolean> gpc = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            BitReader sub = BitReader.of(parts[i], NAME + ".subsection");
            int type = sub.small("SubsectionType", 2);
            if (type == 1) {
                gpc = Optional.of(sub.bool("Gpc"));
            } else {
                throw new IabFormatException(NAME + ".SubsectionType", "sub-section type " + type + " is unknown; only 1 (GPC)");
            }
        }
        return new UsNat(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], List.of(sensitive), List.of(child),
                personal, covered, optOutMode, providerMode, gpc);
    }
}
