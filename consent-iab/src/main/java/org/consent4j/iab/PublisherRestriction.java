package org.consent4j.iab;

import java.util.Objects;

/**
 * A publisher's restriction on a purpose for some vendors (TCF v2 core segment).
 *
 * @param purposeId the purpose (1–63)
 * @param type      0 not allowed, 1 require consent, 2 require legitimate interest, 3 undefined
 * @param vendors   the vendors it applies to
 */
public record PublisherRestriction(int purposeId, int type, IdSet vendors) {

    /** Checks the purpose id (1-63), the restriction type (0-3) and that the vendors are present. */
    public PublisherRestriction {
        if (purposeId < 1 || purposeId > 63) {
            throw new IabFormatException("tcfeuv2.PubRestrictions.PurposeId", "must be 1–63, not " + purposeId);
        }
        if (type < 0 || type > 3) {
            throw new IabFormatException("tcfeuv2.PubRestrictions.RestrictionType", "must be 0–3, not " + type);
        }
        Objects.requireNonNull(vendors, "vendors");
    }
}
