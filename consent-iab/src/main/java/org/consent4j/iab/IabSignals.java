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
 * the {@code usnat} section (opt-outs of sale, sharing and targeted advertising, and GPC), plus the US
 * Privacy string in California; for a visitor in the EEA, the UK or Switzerland, a TCF v2.2 TC string,
 * when the site has configured its registered CMP id and vendor list version.
 *
 * <p>Opt-outs follow the catalog: a visitor has opted out of sale when any purpose that touches the sale
 * right is denied for them (by choice or by GPC), and likewise for sharing and targeted advertising. TCF
 * purposes follow the consent categories through {@link Builder#tcfPurpose(int, Set)}; the default
 * mapping is documented on {@link #DEFAULT_TCF_PURPOSES}. Immutable and thread-safe.
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

    private IabSignals(Builder b) {
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
        String code = visitor.jurisdiction().code().toUpperCase(Locale.ROOT);
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

    /** The GPP string for the visitor: {@code usnat} (and {@code uspv1} in California), or {@code tcfeuv2}. */
    public Optional<GppString> gpp(VisitorConsent visitor, String language) {
        List<GppSection> sections = new ArrayList<>();
        tcString(visitor, language).ifPresent(tc -> sections.add(new TcfEuV2Section(tc)));
        usPrivacy(visitor).ifPresent(usp -> sections.add(new UspV1Section(usp)));
        usNat(visitor).ifPresent(sections::add);
        return sections.isEmpty() ? Optional.empty() : Optional.of(GppString.of(sections.toArray(GppSection[]::new)));
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

        private Builder() {
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
