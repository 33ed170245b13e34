package org.consent4j.iab;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.OptOutRight;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.decision.VisitorConsent;
import org.jspecify.annotations.Nullable;

/**
 * Turns the server's decision for a visitor into the IAB's signals: for a US visitor a GPP string with
 * the {@code usnat} section (opt-outs of sale, sharing and targeted advertising, and GPC), the section of
 * the visitor's state where the GPP defines one ({@link UsState}), plus the US Privacy string in California; for a visitor in the EEA, the UK or Switzerland, a TCF v2.2 TC string,
 * when the site has configured its registered CMP id and vendor list version.
 *
 * <p>Opt-outs follow the catalog: a visitor has opted out of sale when any purpose that touches the sale
 * right is denied for them (by choice or by GPC), and likewise for sharing and targeted advertising. TCF
 * purposes follow the consent categories through {@link Builder#tcfPurpose(int, Set)}; the default
 * mapping is documented on {@link #DEFAULT_TCF_PURPOSES}. Immutable and thread-safe.
 *
 * <p>Each state specification says to use the state's section where its law applies to the processing
 * (e.g. "Users should employ the California Privacy String only if they have determined the CPRA
 * applies", GPP {@code Sections/US-States/CA}); the MSPA lets a signatory signal through the national
 * section or the state sections. Readers support one or the other, so both are sent: {@code usnat} for
 * every US visitor and, for a visitor whose jurisdiction is a state with a section, that section with the
 * same opt-outs. {@link Builder#stateSections(boolean)} turns the state sections off.
 */
public final class IabSignals {

    /**
     * The default mapping of TCF purposes (TCF policy, Appendix A) to consent categories: a purpose is
     * consented when any of its categories is allowed. 1 store and/or access information on a device: any
     * non-necessary category; 2–7 advertising, ad and content profiles and ad measurement: marketing; 8–10
     * content measurement, audience statistics, product development: analytics; 11 limited data to select
     * content: functional.
     */
    public static final Map<Integer, Set<String>> DEFAULT_TCF_PURPOSES = defaults();

    /** The EEA states, the UK and Switzerland, where TCF strings are read (TCF policy, scope). */
    private static final Set<String> TCF_COUNTRIES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
            "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS",
            "LI", "NO", "GB", "CH");

    private final Catalog catalog;
    private final int cmpId;
    private final int cmpVersion;
    private final int vendorListVersion;
    private final String publisherCountryCode;
    private final Map<Integer, Set<String>> tcfPurposes;
    private final Map<Integer, String> vendors;
    private final boolean stateSections;

    private IabSignals(Builder b) {
        this.stateSections = b.stateSections;
        this.catalog = Objects.requireNonNull(b.catalog, "catalog: call catalog(...) before build()");
        this.cmpId = b.cmpId;
        this.cmpVersion = b.cmpVersion;
        this.vendorListVersion = b.vendorListVersion;
        this.publisherCountryCode = b.publisherCountryCode;
        this.tcfPurposes = Map.copyOf(b.tcfPurposes);
        this.vendors = Map.copyOf(b.vendors);
        vendors.forEach((id, service) -> {
            if (catalog.service(service).isEmpty()) {
                throw new IllegalArgumentException("TCF vendor " + id + " maps to service '" + service
                        + "', which is not in the catalog");
            }
        });
    }

    /** A builder; the catalog is required, the TCF settings only where TC strings are wanted. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the visitor's jurisdiction is a US one (the country {@code US} or a US state). */
    static boolean us(VisitorConsent visitor) {
        String code = visitor.jurisdiction().code().toUpperCase(Locale.ROOT);
        return code.equals("US") || code.startsWith("US-");
    }

    static boolean tcf(VisitorConsent visitor) {
        return tcfArea(visitor.jurisdiction().code());
    }

    /**
     * Whether a jurisdiction code ({@code FR}, {@code DE-BY}, {@code GB}…) is in the EEA, the UK or
     * Switzerland, where TC strings are made.
     */
    public static boolean tcfArea(String jurisdictionCode) {
        String code = jurisdictionCode.toUpperCase(Locale.ROOT);
        int dash = code.indexOf('-');
        return TCF_COUNTRIES.contains(dash < 0 ? code : code.substring(0, dash));
    }

    /** Whether any purpose touching this right is denied for the visitor. */
    private boolean optedOut(VisitorConsent visitor, OptOutRight right) {
        for (Purpose p : catalog.purposes()) {
            if (p.rights().contains(right) && !visitor.purpose(p.id()).allowed()) {
                return true;
            }
        }
        return false;
    }

    /** The {@code usnat} section for a US visitor; empty elsewhere. */
    public Optional<UsNat> usNat(VisitorConsent visitor) {
        if (!us(visitor)) {
            return Optional.empty();
        }
        return Optional.of(UsNat.of(optedOut(visitor, OptOutRight.SALE), optedOut(visitor, OptOutRight.SHARING),
                optedOut(visitor, OptOutRight.TARGETED_ADVERTISING), visitor.signals().gpc()));
    }

    /**
     * The section of the visitor's US state, when the GPP defines one for it ({@link UsState}) and state
     * sections are on; empty elsewhere (other states, the country {@code US}, outside the US).
     */
    public Optional<UsStateSection> usState(VisitorConsent visitor) {
        if (!stateSections) {
            return Optional.empty();
        }
        return UsState.forJurisdiction(visitor.jurisdiction().code()).map(state -> UsStateSection.of(state,
                optedOut(visitor, OptOutRight.SALE), optedOut(visitor, OptOutRight.SHARING),
                optedOut(visitor, OptOutRight.TARGETED_ADVERTISING), visitor.signals().gpc()));
    }

    /** The US Privacy string for a California visitor ({@code 1YYN} or {@code 1YNN}); empty elsewhere. */
    public Optional<UsPrivacy> usPrivacy(VisitorConsent visitor) {
        if (!visitor.jurisdiction().code().equalsIgnoreCase("US-CA")) {
            return Optional.empty();
        }
        return Optional.of(new UsPrivacy(UsPrivacy.Flag.YES,
                optedOut(visitor, OptOutRight.SALE) ? UsPrivacy.Flag.YES : UsPrivacy.Flag.NO, UsPrivacy.Flag.NO));
    }

    /**
     * The TC string for a visitor in the EEA, the UK or Switzerland who has made a choice, when a CMP id
     * and vendor list version are configured; empty otherwise (a TC string without a registered CMP id
     * is not valid).
     *
     * @param language the language of the texts the visitor saw, two letters
     */
    public Optional<TcString> tcString(VisitorConsent visitor, String language) {
        if (cmpId == 0 || vendorListVersion == 0 || !tcf(visitor) || visitor.state().isEmpty()) {
            return Optional.empty();
        }
        // The TCF asks for day-level timestamps, the same for Created and LastUpdated.
        Instant day = visitor.state().get().decidedAt().truncatedTo(ChronoUnit.DAYS);
        List<Integer> consented = new ArrayList<>();
        tcfPurposes.forEach((purpose, categories) -> {
            if (categories.stream().anyMatch(visitor::allows)) {
                consented.add(purpose);
            }
        });
        List<Integer> vendorConsents = new ArrayList<>();
        vendors.forEach((id, service) -> {
            if (visitor.service(service).allowed()) {
                vendorConsents.add(id);
            }
        });
        IdSet disclosed = IdSet.of(vendors.keySet().stream().mapToInt(Integer::intValue).toArray());
        return Optional.of(new TcString(day, day, cmpId, cmpVersion, 1,
                language.length() == 2 ? language : "EN", vendorListVersion, 4, true, false, IdSet.EMPTY,
                IdSet.of(consented.stream().mapToInt(Integer::intValue).toArray()), IdSet.EMPTY, false,
                publisherCountryCode, VendorSet.of(IdSet.of(vendorConsents.stream().mapToInt(Integer::intValue).toArray())),
                VendorSet.of(IdSet.EMPTY), List.of(), Optional.of(VendorSet.of(disclosed)), Optional.empty()));
    }

    /**
     * The GPP string for the visitor: {@code usnat} and the state's section (and {@code uspv1} in
     * California), or {@code tcfeuv2}.
     */
    public Optional<GppString> gpp(VisitorConsent visitor, String language) {
        List<GppSection> sections = new ArrayList<>();
        tcString(visitor, language).ifPresent(tc -> sections.add(new TcfEuV2Section(tc)));
        usPrivacy(visitor).ifPresent(usp -> sections.add(new UspV1Section(usp)));
        usNat(visitor).ifPresent(sections::add);
        usState(visitor).ifPresent(sections::add);
        return sections.isEmpty() ? Optional.empty() : Optional.of(GppString.of(sections.toArray(GppSection[]::new)));
    }

    /**
     * Every signal of the visitor at once, each encoded once: the GPP string ({@code tcfeuv2},
     * {@code uspv1}, {@code usnat} as they apply), the TC string and the US Privacy string.
     *
     * @param language the language of the texts the visitor saw, two letters
     */
    public IabStrings strings(VisitorConsent visitor, String language) {
        Optional<TcString> tc = tcString(visitor, language);
        Optional<UsPrivacy> usp = usPrivacy(visitor);
        Optional<UsNat> usnat = usNat(visitor);
        List<GppSection> sections = new ArrayList<>();
        tc.ifPresent(t -> sections.add(new TcfEuV2Section(t)));
        usp.ifPresent(u -> sections.add(new UspV1Section(u)));
        usnat.ifPresent(sections::add);
        Optional<GppString> gpp = sections.isEmpty() ? Optional.empty()
                : Optional.of(GppString.of(sections.toArray(GppSection[]::new)));
        return new IabStrings(gpp, tc, usp);
    }

    /**
     * The consent categories a TC string consents to under this mapping, read backwards: a category
     * is consented when every TCF purpose mapped to it is consented in the string (so {@code analytics}
     * under the default mapping needs purposes 1, 8, 9 and 10). A string that is not a valid TCF v2.2
     * string ({@link TcString#v22Problems()}) consents to nothing.
     */
    public Set<String> consentedCategories(TcString tc) {
        if (!tc.v22Problems().isEmpty()) {
            return Set.of();
        }
        Map<String, Boolean> all = new LinkedHashMap<>();
        tcfPurposes.forEach((purpose, categories) -> {
            for (String c : categories) {
                all.merge(c, tc.purposesConsent().contains(purpose), Boolean::logicalAnd);
            }
        });
        Set<String> out = new java.util.TreeSet<>();
        all.forEach((c, ok) -> {
            if (ok) {
                out.add(c);
            }
        });
        return Set.copyOf(out);
    }

    /** Whether a CMP id and vendor list version are configured, so TC strings can be made. */
    public boolean tcfConfigured() {
        return cmpId != 0 && vendorListVersion != 0;
    }

    /** The registered CMP id; 0 when none is configured. */
    public int cmpId() {
        return cmpId;
    }

    /** The CMP version. */
    public int cmpVersion() {
        return cmpVersion;
    }

    /** The Global Vendor List version; 0 when none is configured. */
    public int vendorListVersion() {
        return vendorListVersion;
    }

    /** The TCF purpose mapping in force: purpose id to the categories that consent to it. */
    public Map<Integer, Set<String>> tcfPurposes() {
        return tcfPurposes;
    }

    /** The TCF vendors: Global Vendor List id to catalog service id. */
    public Map<Integer, String> vendors() {
        return vendors;
    }

    /** Whether the visitor is in the area where TC strings are read: the EEA, the UK and Switzerland. */
    public static boolean inTcfArea(VisitorConsent visitor) {
        return tcf(visitor);
    }

    private static Map<Integer, Set<String>> defaults() {
        Map<Integer, Set<String>> m = new LinkedHashMap<>();
        m.put(1, Set.of("functional", "analytics", "marketing"));
        for (int p = 2; p <= 7; p++) {
            m.put(p, Set.of("marketing"));
        }
        for (int p = 8; p <= 10; p++) {
            m.put(p, Set.of("analytics"));
        }
        m.put(11, Set.of("functional"));
        return Map.copyOf(m);
    }

    /** Builds {@link IabSignals}. Not thread-safe; {@link #build()} leaves it reusable. */
    public static final class Builder {
        private @Nullable Catalog catalog;
        private int cmpId;
        private int cmpVersion = 1;
        private int vendorListVersion;
        private String publisherCountryCode = "AA";
        private final Map<Integer, Set<String>> tcfPurposes = new LinkedHashMap<>(DEFAULT_TCF_PURPOSES);
        private final Map<Integer, String> vendors = new LinkedHashMap<>();
        private boolean stateSections = true;

        private Builder() {
        }

        /**
         * Whether a US visitor's GPP string carries the section of their state next to {@code usnat}
         * (default {@code true}); off, only {@code usnat} is sent.
         */
        public Builder stateSections(boolean on) {
            this.stateSections = on;
            return this;
        }

        /** The catalog whose purposes carry the US opt-out rights. */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * The site's CMP registration with IAB Europe: id (1–4095), version, and the Global Vendor List
         * version its vendor choices refer to. Without these no TC string is made.
         */
        public Builder cmp(int id, int version, int vendorListVersion) {
            if (id < 1 || id > 4095 || version < 0 || version > 4095 || vendorListVersion < 1 || vendorListVersion > 4095) {
                throw new IllegalArgumentException("CMP id must be 1–4095, version 0–4095 and vendor list version"
                        + " 1–4095; got " + id + ", " + version + ", " + vendorListVersion);
            }
            this.cmpId = id;
            this.cmpVersion = version;
            this.vendorListVersion = vendorListVersion;
            return this;
        }

        /** The publisher's country, two letters ({@code AA} when unknown, as the TCF allows). */
        public Builder publisherCountry(String code) {
            if (!code.matches("[A-Za-z]{2}")) {
                throw new IllegalArgumentException("publisher country must be two letters, not '" + code + "'");
            }
            this.publisherCountryCode = code.toUpperCase(Locale.ROOT);
            return this;
        }

        /** Maps a TCF purpose (1–11) to the categories that consent to it, replacing the default. */
        public Builder tcfPurpose(int purpose, Set<String> categories) {
            if (purpose < 1 || purpose > 24) {
                throw new IllegalArgumentException("TCF purposes are 1–24, not " + purpose);
            }
            tcfPurposes.put(purpose, Set.copyOf(categories));
            return this;
        }

        /** A TCF vendor (its Global Vendor List id) and the catalog service it is. */
        public Builder vendor(int gvlId, String serviceId) {
            if (gvlId < 1 || gvlId > VendorSet.MAX_VENDOR_ID) {
                throw new IllegalArgumentException("vendor ids are 1–" + VendorSet.MAX_VENDOR_ID + ", not " + gvlId);
            }
            vendors.put(gvlId, Objects.requireNonNull(serviceId, "serviceId"));
            return this;
        }

        /**
         * The signals.
         *
         * @throws IllegalArgumentException when a vendor maps to a service that is not in the catalog
         */
        public IabSignals build() {
            return new IabSignals(this);
        }
    }
}
