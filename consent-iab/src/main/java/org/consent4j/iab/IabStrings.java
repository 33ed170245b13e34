package org.consent4j.iab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The IAB signals of one visitor's decision, encoded once: the GPP string, the TCF v2.2 TC string and
 * the US Privacy string, each present only where it applies. Made by {@link IabSignals#strings}.
 * Immutable and thread-safe.
 */
public final class IabStrings {

    /** No signal at all: a site without IAB signals, or a visitor for whom none applies. */
    public static final IabStrings NONE = new IabStrings(Optional.empty(), Optional.empty(), Optional.empty());

    private final Optional<GppString> gpp;
    private final Optional<TcString> tc;
    private final Optional<UsPrivacy> usPrivacy;
    private final Optional<String> gppString;
    private final Optional<String> tcString;
    private final Optional<String> usPrivacyString;

    /**
     * @param gpp       the GPP value, if any
     * @param tc        the TC string value, if any
     * @param usPrivacy the US Privacy value, if any
     */
    public IabStrings(Optional<GppString> gpp, Optional<TcString> tc, Optional<UsPrivacy> usPrivacy) {
        this.gpp = Objects.requireNonNull(gpp, "gpp");
        this.tc = Objects.requireNonNull(tc, "tc");
        this.usPrivacy = Objects.requireNonNull(usPrivacy, "usPrivacy");
        this.gppString = gpp.map(GppString::encode);
        this.tcString = tc.map(TcString::encode);
        this.usPrivacyString = usPrivacy.map(UsPrivacy::encode);
    }

    /** The GPP string ({@code DBAB…}), when a section applies to the visitor. */
    public Optional<String> gpp() {
        return gppString;
    }

    /** The TCF v2.2 TC string ({@code C…}), for a visitor in the TCF area who made a choice on a registered CMP. */
    public Optional<String> tcString() {
        return tcString;
    }

    /** The US Privacy string ({@code 1YNN}), for a California visitor. */
    public Optional<String> usPrivacy() {
        return usPrivacyString;
    }

    /** The GPP value. */
    public Optional<GppString> gppValue() {
        return gpp;
    }

    /** The TC string value. */
    public Optional<TcString> tcValue() {
        return tc;
    }

    /** The US Privacy value. */
    public Optional<UsPrivacy> usPrivacyValue() {
        return usPrivacy;
    }

    /** Whether no signal applies. */
    public boolean isEmpty() {
        return gpp.isEmpty() && tc.isEmpty() && usPrivacy.isEmpty();
    }

    /**
     * The ids of the GPP sections in force for this visitor ({@code applicableSections} of the GPP CMP API):
     * {@code usnat} (7) for a US visitor, {@code tcfeuv2} (2) in the TCF area, plus {@code uspv1} (6) where
     * the legacy US Privacy string also applies; {@code [-1]} when none applies.
     */
    public List<Integer> applicableSections() {
        if (gpp.isEmpty()) {
            return List.of(-1);
        }
        List<Integer> ids = new ArrayList<>(gpp.get().sectionIds());
        return List.copyOf(ids);
    }

    /**
     * The applicable section ids joined with {@code _}, as the GPP URL parameter {@code gpp_sid} carries them
     * (e.g. {@code 6_7}); empty without a GPP string.
     */
    public String gppSid() {
        if (gpp.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int id : applicableSections()) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(id);
        }
        return sb.toString();
    }

    /**
     * The sections of the GPP string parsed as the GPP CMP API's {@code getSection} gives them: per API
     * prefix, a list of sub-section objects whose members are the field names of the section's
     * specification ({@code SaleOptOut}, {@code Gpc}, {@code PurposeConsents}…). Dates are epoch
     * milliseconds, id sets are lists of ids.
     */
    public Map<String, List<Map<String, Object>>> parsedSections() {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        if (gpp.isEmpty()) {
            return out;
        }
        for (GppSection s : gpp.get().sections()) {
            if (s instanceof UsNat u) {
                out.put(s.name(), usNat(u));
            } else if (s instanceof UspV1Section p) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Version", 1);
                m.put("Notice", String.valueOf(p.value().notice().code()));
                m.put("OptOutSale", String.valueOf(p.value().optedOut().code()));
                m.put("LspaCovered", String.valueOf(p.value().lspa().code()));
                out.put(s.name(), List.of(m));
            } else if (s instanceof TcfEuV2Section t) {
                out.put(s.name(), tcf(t.value()));
            }
        }
        return out;
    }

    private static List<Map<String, Object>> usNat(UsNat u) {
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("Version", 1);
        core.put("SharingNotice", u.sharingNotice());
        core.put("SaleOptOutNotice", u.saleOptOutNotice());
        core.put("SharingOptOutNotice", u.sharingOptOutNotice());
        core.put("TargetedAdvertisingOptOutNotice", u.targetedAdvertisingOptOutNotice());
        core.put("SensitiveDataProcessingOptOutNotice", u.sensitiveDataProcessingOptOutNotice());
        core.put("SensitiveDataLimitUseNotice", u.sensitiveDataLimitUseNotice());
        core.put("SaleOptOut", u.saleOptOut());
        core.put("SharingOptOut", u.sharingOptOut());
        core.put("TargetedAdvertisingOptOut", u.targetedAdvertisingOptOut());
        core.put("SensitiveDataProcessing", u.sensitiveDataProcessing());
        core.put("KnownChildSensitiveDataConsents", u.knownChildSensitiveDataConsents());
        core.put("PersonalDataConsents", u.personalDataConsents());
        core.put("MspaCoveredTransaction", u.mspaCoveredTransaction());
        core.put("MspaOptOutOptionMode", u.mspaOptOutOptionMode());
        core.put("MspaServiceProviderMode", u.mspaServiceProviderMode());
        if (u.gpc().isEmpty()) {
            return List.of(core);
        }
        Map<String, Object> gpc = new LinkedHashMap<>();
        gpc.put("SubsectionType", 1);
        gpc.put("Gpc", u.gpc().get());
        return List.of(core, gpc);
    }

    private static List<Map<String, Object>> tcf(TcString t) {
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("Version", 2);
        core.put("Created", millis(t.created()));
        core.put("LastUpdated", millis(t.lastUpdated()));
        core.put("CmpId", t.cmpId());
        core.put("CmpVersion", t.cmpVersion());
        core.put("ConsentScreen", t.consentScreen());
        core.put("ConsentLanguage", t.consentLanguage());
        core.put("VendorListVersion", t.vendorListVersion());
        core.put("PolicyVersion", t.policyVersion());
        core.put("IsServiceSpecific", t.serviceSpecific());
        core.put("UseNonStandardStacks", t.useNonStandardTexts());
        core.put("SpecialFeatureOptins", t.specialFeatureOptIns().ids());
        core.put("PurposeConsents", t.purposesConsent().ids());
        core.put("PurposeLegitimateInterests", t.purposesLegitimateInterest().ids());
        core.put("PurposeOneTreatment", t.purposeOneTreatment());
        core.put("PublisherCountryCode", t.publisherCountryCode());
        core.put("VendorConsents", t.vendorConsents().vendors().ids());
        core.put("VendorLegitimateInterests", t.vendorLegitimateInterests().vendors().ids());
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(core);
        t.disclosedVendors().ifPresent(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("SegmentType", 1);
            m.put("DisclosedVendors", d.vendors().ids());
            out.add(m);
        });
        return List.copyOf(out);
    }

    private static long millis(Instant i) {
        return i.toEpochMilli();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IabStrings s && s.gppString.equals(gppString) && s.tcString.equals(tcString)
                && s.usPrivacyString.equals(usPrivacyString);
    }

    @Override
    public int hashCode() {
        return Objects.hash(gppString, tcString, usPrivacyString);
    }

    @Override
    public String toString() {
        return "IabStrings[gpp=" + gppString.orElse("-") + ", tc=" + tcString.orElse("-") + ", usp="
                + usPrivacyString.orElse("-") + "]";
    }
}
