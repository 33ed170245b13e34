package org.consent4j.iab;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A TC string's vendor section: vendor ids, written either as a bit field or as ranges. The encoding is
 * part of the value so that a decoded string encodes back to the same text.
 *
 * @param vendors      the vendor ids
 * @param rangeEncoded whether the section uses range encoding
 */
public record VendorSet(IdSet vendors, boolean rangeEncoded) {

    /** The largest vendor id a TC string can hold (16 bits). */
    public static final int MAX_VENDOR_ID = 65_535;

    /** Checks that the vendors are present and within the largest vendor id. */
    public VendorSet {
        Objects.requireNonNull(vendors, "vendors");
        if (vendors.max() > MAX_VENDOR_ID) {
            throw new IabFormatException("MaxVendorId", "vendor id " + vendors.max() + " exceeds " + MAX_VENDOR_ID);
        }
    }

    /** These vendors in whichever encoding is shorter (a bit field on a tie). */
    public static VendorSet of(IdSet vendors) {
        int bitfield = vendors.max();
        int range = 12 + vendors.runs().stream().mapToInt(r -> r[0] == r[1] ? 17 : 33).sum();
        return new VendorSet(vendors, range < bitfield);
    }

    void write(BitWriter w, String field) {
        w.integer(field + ".MaxVendorId", vendors.max(), 16).bool(rangeEncoded);
        if (!rangeEncoded) {
            vendors.writeBits(w, vendors.max());
            return;
        }
        List<int[]> runs = vendors.runs();
        w.integer(field + ".NumEntries", runs.size(), 12);
        for (int[] run : runs) {
            boolean range = run[0] != run[1];
            w.bool(range).integer(field + ".StartOrOnlyVendorId", run[0], 16);
            if (range) {
                w.integer(field + ".EndVendorId", run[1], 16);
            }
        }
    }

    static VendorSet read(BitReader r, String field) {
        int max = r.small(field + ".MaxVendorId", 16);
        boolean range = r.bool(field + ".IsRangeEncoding");
        if (!range) {
            return new VendorSet(IdSet.readBits(r, field, max), false);
        }
        int entries = r.small(field + ".NumEntries", 12);
        List<Integer> ids = new ArrayList<>();
        int last = 0;
        for (int e = 0; e < entries; e++) {
            boolean isRange = r.bool(field + ".IsARange");
            int start = r.small(field + ".StartOrOnlyVendorId", 16);
            int end = isRange ? r.small(field + ".EndVendorId", 16) : start;
            if (start < 1 || end < start || end > max || start <= last) {
                throw new IabFormatException(field, "vendor range " + start + "–" + end + " is out of order or beyond"
                        + " MaxVendorId " + max);
            }
            for (int id = start; id <= end; id++) {
                ids.add(id);
            }
            last = end;
        }
        return new VendorSet(new IdSet(ids), true);
    }
}
