package org.consent4j.iab;

import java.util.Objects;

/**
 * The optional Publisher TC segment: the publisher's own purposes and custom purposes.
 *
 * @param purposesConsent                the TCF purposes the visitor consented to for the publisher (1–24)
 * @param purposesLegitimateInterest     the purposes the publisher relies on legitimate interest for
 * @param customPurposeCount             how many custom purposes the publisher declares (0–63)
 * @param customPurposesConsent          the custom purposes consented to
 * @param customPurposesLegitimateInterest the custom purposes under legitimate interest
 */
public record PublisherTc(IdSet purposesConsent, IdSet purposesLegitimateInterest, int customPurposeCount,
                          IdSet customPurposesConsent, IdSet customPurposesLegitimateInterest) {

    /** Checks the purpose sets and the custom purpose count against the TCF limits. */
    public PublisherTc {
        Objects.requireNonNull(purposesConsent, "purposesConsent");
        Objects.requireNonNull(purposesLegitimateInterest, "purposesLegitimateInterest");
        if (purposesConsent.max() > 24 || purposesLegitimateInterest.max() > 24) {
            throw new IabFormatException("tcfeuv2.PubPurposesConsent", "publisher purposes are 1–24");
        }
        if (customPurposeCount < 0 || customPurposeCount > 63) {
            throw new IabFormatException("tcfeuv2.NumCustomPurposes", "must be 0–63, not " + customPurposeCount);
        }
        if (customPurposesConsent.max() > customPurposeCount || customPurposesLegitimateInterest.max() > customPurposeCount) {
            throw new IabFormatException("tcfeuv2.CustomPurposesConsent", "custom purpose ids go up to NumCustomPurposes ("
                    + customPurposeCount + ")");
        }
    }

    void write(BitWriter w) {
        w.integer("tcfeuv2.SegmentType", 3, 3);
        purposesConsent.writeBits(w, 24);
        purposesLegitimateInterest.writeBits(w, 24);
        w.integer("tcfeuv2.NumCustomPurposes", customPurposeCount, 6);
        customPurposesConsent.writeBits(w, customPurposeCount);
        customPurposesLegitimateInterest.writeBits(w, customPurposeCount);
    }

    static PublisherTc read(BitReader r) {
        IdSet consent = IdSet.readBits(r, "PubPurposesConsent", 24);
        IdSet li = IdSet.readBits(r, "PubPurposesLITransparency", 24);
        int n = r.small("NumCustomPurposes", 6);
        return new PublisherTc(consent, li, n, IdSet.readBits(r, "CustomPurposesConsent", n),
                IdSet.readBits(r, "CustomPurposesLITransparency", n));
    }
}
