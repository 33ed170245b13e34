package org.consent4j.iab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The US state sections of the GPP whose layout this library decodes, each with its section id, API
 * prefix, the jurisdiction it speaks for and its field layout (version 1).
 *
 * <p>Layouts follow the IAB Tech Lab's "GPP Extension: IAB Privacy's &lt;State&gt; Privacy Technical
 * Specification" documents in the {@code Sections/US-States} folder of the Global Privacy Platform
 * repository (section ids from {@code Sections/Section Information.md}), checked against the IAB Tech
 * Lab's reference encoder. Every section is: {@code Version} Int(6); the notice and opt-out fields listed
 * by {@link #leadingFields()}, each Int(2); {@code SensitiveDataProcessing} N-Bitfield(2, n);
 * {@code KnownChildSensitiveDataConsents} N-Bitfield(2, k) (an Int(2) where the spec has a single value,
 * which is the same bits); the fields listed by {@link #trailingFields()}; then {@code MspaCoveredTransaction},
 * {@code MspaOptOutOptionMode} and {@code MspaServiceProviderMode}, each Int(2). States with a GPC
 * sub-section carry it after a {@code .}.
 *
 * <p>Maryland (24), Indiana (25), Kentucky (26) and Rhode Island (27) have further segments whose layouts
 * are not included here: their sections are carried unchanged as {@link OtherSection}.
 */
public enum UsState {
    /** California, section 8 ({@code usca}), CCPA as amended by the CPRA. */
    CA(8, "usca", List.of("SaleOptOutNotice", "SharingOptOutNotice", "SensitiveDataLimitUseNotice", "SaleOptOut",
            "SharingOptOut"), 9, 2, List.of("PersonalDataConsents"), true),
    /** Virginia, section 9 ({@code usva}), VCDPA; no GPC sub-section. */
    VA(9, "usva", List.of("SharingNotice", "SaleOptOutNotice", "TargetedAdvertisingOptOutNotice", "SaleOptOut",
            "TargetedAdvertisingOptOut"), 8, 1, List.of(), false),
    /** Colorado, section 10 ({@code usco}), CPA. */
    CO(10, "usco", List.of("SharingNotice", "SaleOptOutNotice", "TargetedAdvertisingOptOutNotice", "SaleOptOut",
            "TargetedAdvertisingOptOut"), 7, 1, List.of(), true),
    /** Utah, section 11 ({@code usut}), UCPA; no GPC sub-section. */
    UT(11, "usut", List.of("SharingNotice", "SaleOptOutNotice", "TargetedAdvertisingOptOutNotice",
            "SensitiveDataProcessingOptOutNotice", "SaleOptOut", "TargetedAdvertisingOptOut"), 8, 1, List.of(), false),
    /** Connecticut, section 12 ({@code usct}), CTDPA. */
    CT(12, "usct", List.of("SharingNotice", "SaleOptOutNotice", "TargetedAdvertisingOptOutNotice", "SaleOptOut",
            "TargetedAdvertisingOptOut"), 8, 3, List.of(), true),
    /** Florida, section 13 ({@code usfl}), FDBR; no GPC sub-section. */
    FL(13, "usfl", processing(), 8, 3, List.of("AdditionalDataProcessingConsent"), false),
    /** Montana, section 14 ({@code usmt}), MCDPA. */
    MT(14, "usmt", List.of("SharingNotice", "SaleOptOutNotice", "TargetedAdvertisingOptOutNotice", "SaleOptOut",
            "TargetedAdvertisingOptOut"), 8, 3, List.of("AdditionalDataProcessingConsent"), true),
    /** Oregon, section 15 ({@code usor}), OCPA. */
    OR(15, "usor", processing(), 11, 3, List.of("AdditionalDataProcessingConsent"), true),
    /** Texas, section 16 ({@code ustx}), TDPSA. */
    TX(16, "ustx", processing(), 8, 1, List.of("AdditionalDataProcessingConsent"), true),
    /** Delaware, section 17 ({@code usde}), DPDPA. */
    DE(17, "usde", processing(), 9, 5, List.of("AdditionalDataProcessingConsent"), true),
    /** Iowa, section 18 ({@code usia}), ICDPA. */
    IA(18, "usia", List.of("ProcessingNotice", "SaleOptOutNotice", "TargetedAdvertisingOptOutNotice",
            "SensitiveDataOptOutNotice", "SaleOptOut", "TargetedAdvertisingOptOut"), 8, 1, List.of(), true),
    /** Nebraska, section 19 ({@code usne}), NDPA. */
    NE(19, "usne", processing(), 8, 1, List.of("AdditionalDataProcessingConsent"), true),
    /** New Hampshire, section 20 ({@code usnh}). */
    NH(20, "usnh", processing(), 8, 3, List.of("AdditionalDataProcessingConsent"), true),
    /** New Jersey, section 21 ({@code usnj}), P.L. 2023, c. 266. */
    NJ(21, "usnj", processing(), 10, 5, List.of("AdditionalDataProcessingConsent"), true),
    /** Tennessee, section 22 ({@code ustn}), TIPA. */
    TN(22, "ustn", processing(), 8, 1, List.of("AdditionalDataProcessingConsent"), true),
    /** Minnesota, section 23 ({@code usmn}), MCDPA (ch. 325O). */
    MN(23, "usmn", processing(), 8, 1, List.of("AdditionalDataProcessingConsent"), true);

    private final int id;
    private final String sectionName;
    private final List<String> leading;
    private final int sensitive;
    private final int child;
    private final List<String> trailing;
    private final boolean gpc;

    UsState(int id, String sectionName, List<String> leading, int sensitive, int child, List<String> trailing,
            boolean gpc) {
        this.id = id;
        this.sectionName = sectionName;
        this.leading = leading;
        this.sensitive = sensitive;
        this.child = child;
        List<String> t = new ArrayList<>(trailing);
        t.addAll(List.of("MspaCoveredTransaction", "MspaOptOutOptionMode", "MspaServiceProviderMode"));
        this.trailing = Collections.unmodifiableList(t);
        this.gpc = gpc;
    }

    private static List<String> processing() {
        return List.of("ProcessingNotice", "SaleOptOutNotice", "TargetedAdvertisingOptOutNotice", "SaleOptOut",
                "TargetedAdvertisingOptOut");
    }

    /** The section id in the GPP header. */
    public int id() {
        return id;
    }

    /** The section's API prefix, e.g. {@code usca}. */
    public String sectionName() {
        return sectionName;
    }

    /** The ISO 3166-2 code of the state, e.g. {@code US-CA}. */
    public String jurisdiction() {
        return "US-" + name();
    }

    /** The Int(2) fields before {@code SensitiveDataProcessing}, in string order. */
    public List<String> leadingFields() {
        return leading;
    }

    /** The Int(2) fields after {@code KnownChildSensitiveDataConsents}, in string order, MSPA fields last. */
    public List<String> trailingFields() {
        return trailing;
    }

    /** The number of {@code SensitiveDataProcessing} entries. */
    public int sensitiveDataCount() {
        return sensitive;
    }

    /** The number of {@code KnownChildSensitiveDataConsents} entries (1 where the spec has a single Int(2)). */
    public int knownChildCount() {
        return child;
    }

    /** Whether the section has the GPC sub-section. */
    public boolean hasGpc() {
        return gpc;
    }

    /**
     * Whether {@code MspaCoveredTransaction} may be {@code 0} (not applicable): the specifications of the
     * first state sections (California to Connecticut, ids 8–12) list that value; the later ones allow only
     * {@code 1} or {@code 2}.
     */
    public boolean mspaCoveredMayBeNotApplicable() {
        return id <= 12;
    }

    /** The state whose section has this id, if its layout is known here. */
    public static Optional<UsState> byId(int id) {
        for (UsState s : values()) {
            if (s.id == id) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The state section for a jurisdiction code such as {@code US-CA} (any case), if there is one. */
    public static Optional<UsState> forJurisdiction(String code) {
        String c = code.toUpperCase(Locale.ROOT);
        for (UsState s : values()) {
            if (s.jurisdiction().equals(c)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
