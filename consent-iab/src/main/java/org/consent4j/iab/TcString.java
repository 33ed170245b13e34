package org.consent4j.iab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A TCF v2 TC string (IAB Europe Transparency and Consent Framework, "Consent string and vendor list
 * formats v2", policy version 4 for TCF v2.2): the core segment, the disclosed-vendors segment and the
 * optional publisher TC segment, joined by {@code .}.
 *
 * <p>{@link #parse} decodes any structurally valid v2 string (older policy versions too); {@link
 * #v22Problems()} says what keeps a string from being a valid TCF v2.2 string. Timestamps keep the
 * format's precision (deciseconds).
 *
 * @param created                    when the string was first created
 * @param lastUpdated                when it was last updated
 * @param cmpId                      the consent management platform's registered id
 * @param cmpVersion                 the CMP's version
 * @param consentScreen              the CMP screen the choice was made on
 * @param consentLanguage            two-letter language of the texts shown, upper case
 * @param vendorListVersion          the Global Vendor List version used
 * @param policyVersion              TCF policy version (4 for v2.2)
 * @param serviceSpecific            whether the string is service-specific (must be true since v2.2)
 * @param useNonStandardTexts        whether non-standard texts were shown
 * @param specialFeatureOptIns       special features opted in to (1–12)
 * @param purposesConsent            purposes consented to (1–24)
 * @param purposesLegitimateInterest purposes whose legitimate-interest transparency was established (1–24)
 * @param purposeOneTreatment        whether purpose 1 was not disclosed (publisher country rule)
 * @param publisherCountryCode       the publisher's country, two upper-case letters
 * @param vendorConsents             vendors consented to
 * @param vendorLegitimateInterests  vendors whose legitimate interest was established
 * @param publisherRestrictions      the publisher's restrictions
 * @param disclosedVendors           the vendors disclosed to the visitor (mandatory from TCF v2.3)
 * @param publisherTc                the publisher TC segment, when present
 */
public record TcString(Instant created, Instant lastUpdated, int cmpId, int cmpVersion, int consentScreen,
                       String consentLanguage, int vendorListVersion, int policyVersion, boolean serviceSpecific,
                       boolean useNonStandardTexts, IdSet specialFeatureOptIns, IdSet purposesConsent,
                       IdSet purposesLegitimateInterest, boolean purposeOneTreatment, String publisherCountryCode,
                       VendorSet vendorConsents, VendorSet vendorLegitimateInterests,
                       List<PublisherRestriction> publisherRestrictions, Optional<VendorSet> disclosedVendors,
                       Optional<PublisherTc> publisherTc) {

    private static final String NAME = "tcfeuv2";
    private static final long MAX_DECISECONDS = (1L << 36) - 1;

    /** Checks every field against the range the TCF v2.2 encoding allows. */
    public TcString {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        range("Created", created.toEpochMilli() / 100, MAX_DECISECONDS);
        range("LastUpdated", lastUpdated.toEpochMilli() / 100, MAX_DECISECONDS);
        range("CmpId", cmpId, 4095);
        range("CmpVersion", cmpVersion, 4095);
        range("ConsentScreen", consentScreen, 63);
        consentLanguage = letters("ConsentLanguage", consentLanguage);
        range("VendorListVersion", vendorListVersion, 4095);
        range("TcfPolicyVersion", policyVersion, 63);
        max("SpecialFeatureOptIns", specialFeatureOptIns, 12);
        max("PurposesConsent", purposesConsent, 24);
        max("PurposesLITransparency", purposesLegitimateInterest, 24);
        publisherCountryCode = letters("PublisherCC", publisherCountryCode);
        Objects.requireNonNull(vendorConsents, "vendorConsents");
        Objects.requireNonNull(vendorLegitimateInterests, "vendorLegitimateInterests");
        publisherRestrictions = List.copyOf(publisherRestrictions);
        if (publisherRestrictions.size() > 4095) {
            throw new IabFormatException(NAME + ".NumPubRestrictions", "at most 4095 restrictions");
        }
        Objects.requireNonNull(disclosedVendors, "disclosedVendors");
        Objects.requireNonNull(publisherTc, "publisherTc");
    }

    private static void range(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IabFormatException(NAME + "." + field, "must be 0–" + max + ", not " + value);
        }
    }

    private static void max(String field, IdSet ids, int max) {
        Objects.requireNonNull(ids, field);
        if (ids.max() > max) {
            throw new IabFormatException(NAME + "." + field, "ids go up to " + max + ", not " + ids.max());
        }
    }

    private static String letters(String field, String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.length() != 2 || upper.chars().anyMatch(c -> c < 'A' || c > 'Z')) {
            throw new IabFormatException(NAME + "." + field, "must be two letters A–Z, not '" + value + "'");
        }
        return upper;
    }

    /**
     * What keeps this string from being a valid TCF v2.2 string; empty when it is one.
     * Rules from the TCF v2.2 policy and the string format: policy version 4 or later, service-specific,
     * no legitimate interest for purposes 1, 3, 4, 5 and 6.
     */
    public List<String> v22Problems() {
        List<String> problems = new ArrayList<>();
        if (policyVersion < 4) {
            problems.add(NAME + ".TcfPolicyVersion: " + policyVersion + " is before TCF v2.2 (4)");
        }
        if (!serviceSpecific) {
            problems.add(NAME + ".IsServiceSpecific: must be 1 since TCF v2.2");
        }
        for (int p : new int[] {1, 3, 4, 5, 6}) {
            if (purposesLegitimateInterest.contains(p)) {
                problems.add(NAME + ".PurposesLITransparency: purpose " + p + " cannot rely on legitimate interest");
            }
        }
        return List.copyOf(problems);
    }

    /** The string: core segment, then disclosed vendors and publisher TC where present. */
    public String encode() {
        BitWriter w = new BitWriter()
                .integer(NAME + ".Version", 2, 6)
                .integer(NAME + ".Created", created.toEpochMilli() / 100, 36)
                .integer(NAME + ".LastUpdated", lastUpdated.toEpochMilli() / 100, 36)
                .integer(NAME + ".CmpId", cmpId, 12)
                .integer(NAME + ".CmpVersion", cmpVersion, 12)
                .integer(NAME + ".ConsentScreen", consentScreen, 6)
                .integer(NAME + ".ConsentLanguage", consentLanguage.charAt(0) - 'A', 6)
                .integer(NAME + ".ConsentLanguage", consentLanguage.charAt(1) - 'A', 6)
                .integer(NAME + ".VendorListVersion", vendorListVersion, 12)
                .integer(NAME + ".TcfPolicyVersion", policyVersion, 6)
                .bool(serviceSpecific)
                .bool(useNonStandardTexts);
        specialFeatureOptIns.writeBits(w, 12);
        purposesConsent.writeBits(w, 24);
        purposesLegitimateInterest.writeBits(w, 24);
        w.bool(purposeOneTreatment)
                .integer(NAME + ".PublisherCC", publisherCountryCode.charAt(0) - 'A', 6)
                .integer(NAME + ".PublisherCC", publisherCountryCode.charAt(1) - 'A', 6);
        vendorConsents.write(w, NAME + ".VendorConsents");
        vendorLegitimateInterests.write(w, NAME + ".VendorLegitimateInterests");
        w.integer(NAME + ".NumPubRestrictions", publisherRestrictions.size(), 12);
        for (PublisherRestriction r : publisherRestrictions) {
            w.integer(NAME + ".PurposeId", r.purposeId(), 6).integer(NAME + ".RestrictionType", r.type(), 2);
            List<int[]> runs = r.vendors().runs();
            w.integer(NAME + ".NumEntries", runs.size(), 12);
            for (int[] run : runs) {
                boolean range = run[0] != run[1];
                w.bool(range).integer(NAME + ".StartOrOnlyVendorId", run[0], 16);
                if (range) {
                    w.integer(NAME + ".EndVendorId", run[1], 16);
                }
            }
        }
        StringBuilder out = new StringBuilder(w.base64(8));
        disclosedVendors.ifPresent(d -> {
            BitWriter s = new BitWriter().integer(NAME + ".SegmentType", 1, 3);
            d.write(s, NAME + ".DisclosedVendors");
            out.append('.').append(s.base64(8));
        });
        publisherTc.ifPresent(p -> {
            BitWriter s = new BitWriter();
            p.write(s);
            out.append('.').append(s.base64(8));
        });
        return out.toString();
    }

    /**
     * Decodes a TC string.
     *
     * @throws IabFormatException naming the field that is wrong; nothing else, whatever the input
     */
    public static TcString parse(String text) {
        if (text.length() > GppString.MAX_LENGTH) {
            throw new IabFormatException(NAME, "the string has " + text.length() + " characters, more than "
                    + GppString.MAX_LENGTH);
        }
        String[] segments = text.split("\\.", -1);
        BitReader r = BitReader.of(segments[0], NAME);
        int version = r.small("Version", 6);
        if (version != 2) {
            throw new IabFormatException(NAME + ".Version", "version " + version + " is not supported; only 2");
        }
        long created = r.integer("Created", 36);
        long updated = r.integer("LastUpdated", 36);
        int cmpId = r.small("CmpId", 12);
        int cmpVersion = r.small("CmpVersion", 12);
        int screen = r.small("ConsentScreen", 6);
        String language = letter(r, "ConsentLanguage") + letter(r, "ConsentLanguage");
        int vendorList = r.small("VendorListVersion", 12);
        int policy = r.small("TcfPolicyVersion", 6);
        boolean serviceSpecific = r.bool("IsServiceSpecific");
        boolean nonStandard = r.bool("UseNonStandardTexts");
        IdSet features = IdSet.readBits(r, "SpecialFeatureOptIns", 12);
        IdSet consent = IdSet.readBits(r, "PurposesConsent", 24);
        IdSet li = IdSet.readBits(r, "PurposesLITransparency", 24);
        boolean purposeOne = r.bool("PurposeOneTreatment");
        String country = letter(r, "PublisherCC") + letter(r, "PublisherCC");
        VendorSet vendorConsents = VendorSet.read(r, "VendorConsents");
        VendorSet vendorLi = VendorSet.read(r, "VendorLegitimateInterests");
        int restrictions = r.small("NumPubRestrictions", 12);
        List<PublisherRestriction> pubRestrictions = new ArrayList<>();
        for (int i = 0; i < restrictions; i++) {
            int purpose = r.small("PurposeId", 6);
            int type = r.small("RestrictionType", 2);
            int entries = r.small("NumEntries", 12);
            List<Integer> ids = new ArrayList<>();
            int last = 0;
            for (int e = 0; e < entries; e++) {
                boolean isRange = r.bool("IsARange");
                int start = r.small("StartOrOnlyVendorId", 16);
                int end = isRange ? r.small("EndVendorId", 16) : start;
                if (start < 1 || end < start || start <= last) {
                    throw new IabFormatException(NAME + ".PubRestrictions", "vendor range " + start + "–" + end
                            + " is out of order");
                }
                for (int id = start; id <= end; id++) {
                    ids.add(id);
                }
                last = end;
            }
            pubRestrictions.add(new PublisherRestriction(purpose, type, new IdSet(ids)));
        }
        Optional<VendorSet> disclosed = Optional.empty();
        Optional<PublisherTc> publisher = Optional.empty();
        for (int s = 1; s < segments.length; s++) {
            BitReader seg = BitReader.of(segments[s], NAME + ".segment" + s);
            int type = seg.small("SegmentType", 3);
            switch (type) {
                case 1 -> disclosed = Optional.of(VendorSet.read(seg, "DisclosedVendors"));
                case 3 -> publisher = Optional.of(PublisherTc.read(seg));
                default -> throw new IabFormatException(NAME + ".SegmentType", "segment type " + type
                        + " is not supported (1 disclosed vendors, 3 publisher TC)");
            }
        }
        return new TcString(Instant.ofEpochMilli(created * 100), Instant.ofEpochMilli(updated * 100), cmpId,
                cmpVersion, screen, language, vendorList, policy, serviceSpecific, nonStandard, features, consent, li,
                purposeOne, country, vendorConsents, vendorLi, pubRestrictions, disclosed, publisher);
    }

    private static String letter(BitReader r, String field) {
        int v = r.small(field, 6);
        if (v > 25) {
            throw new IabFormatException(NAME + "." + field, "letter code " + v + " is beyond Z (25)");
        }
        return String.valueOf((char) ('A' + v));
    }

    @Override
    public String toString() {
        return encode();
    }
}
