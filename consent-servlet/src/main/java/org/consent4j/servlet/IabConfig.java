package org.consent4j.servlet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.iab.IabSignals;

/**
 * The IAB signals of a {@link ConsentFilter}: the GPP, TCF v2.2 and US Privacy strings derived from each
 * visitor's decision, offered to server code ({@link ConsentContext#iabSignals()}), in the state
 * {@code GET {prefix}} answers, and to the page's ad tags through the IAB's page APIs ({@code __gpp},
 * {@code __tcfapi}, {@code __uspapi}); and the incoming GPP and TC strings an app may pass.
 *
 * <p><b>Off by default</b> ({@link #off()}): most sites run no IAB ad tech and need none of it. TC strings
 * also need the site's CMP registration with IAB Europe ({@link Builder#cmp}); without it only the
 * US signals are made. Immutable.
 *
 * @param enabled            whether the filter makes and serves IAB signals
 * @param cmpId              the registered CMP id, 0 when none (then no TC string)
 * @param cmpVersion         the CMP version written in TC strings
 * @param vendorListVersion  the Global Vendor List version, 0 when none
 * @param publisherCountry   the publisher's country, two letters ({@code AA} when unknown)
 * @param tcfPurposes        overrides of the TCF purpose mapping (purpose id to categories)
 * @param vendors            TCF vendors: Global Vendor List id to catalog service id
 * @param readIncoming       whether an incoming GPP string ({@code gpp} query parameter or
 *                           {@link #incomingHeader()}) counts as a signal: its opt-outs and {@code Gpc}
 *                           field act like {@code Sec-GPC: 1}
 * @param incomingHeader     the request header an app may send a GPP string in; empty for none
 * @param tcfConsent         whether an incoming TC string ({@code gdpr_consent} query parameter or the GPP
 *                           string's {@code tcfeuv2} section) is accepted as the visitor's choice of the
 *                           categories its purposes map to, when no consent4j choice is stored; off by
 *                           default, see docs/iab.md for why
 */
public record IabConfig(boolean enabled, int cmpId, int cmpVersion, int vendorListVersion, String publisherCountry,
                        Map<Integer, Set<String>> tcfPurposes, Map<Integer, String> vendors, boolean readIncoming,
                        String incomingHeader, boolean tcfConsent) {

    /** The default header for an incoming GPP string. */
    public static final String DEFAULT_INCOMING_HEADER = "X-GPP";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]*");
    private static final IabConfig OFF = new IabConfig(false, 0, 1, 0, "AA", Map.of(), Map.of(), true,
            DEFAULT_INCOMING_HEADER, false);

    public IabConfig {
        Objects.requireNonNull(publisherCountry, "publisherCountry");
        tcfPurposes = Map.copyOf(tcfPurposes);
        vendors = Map.copyOf(vendors);
        Objects.requireNonNull(incomingHeader, "incomingHeader");
        if (!TOKEN.matcher(incomingHeader).matches()) {
            throw new IllegalArgumentException("incoming GPP header '" + incomingHeader + "' is not a header name");
        }
    }

    /** IAB signals off: the default. */
    public static IabConfig off() {
        return OFF;
    }

    /** A builder with IAB signals on and every other default. */
    public static Builder builder() {
        return new Builder(OFF).enabled(true);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The signals for a catalog.
     *
     * @throws IllegalArgumentException when a vendor maps to a service the catalog does not have
     */
    IabSignals signals(Catalog catalog) {
        IabSignals.Builder b = IabSignals.builder().catalog(catalog).publisherCountry(publisherCountry);
        if (cmpId != 0) {
            b.cmp(cmpId, cmpVersion, vendorListVersion);
        }
        tcfPurposes.forEach(b::tcfPurpose);
        vendors.forEach(b::vendor);
        for (Map.Entry<Integer, Set<String>> e : tcfPurposes.entrySet()) {
            for (String c : e.getValue()) {
                if (catalog.category(c).isEmpty()) {
                    throw new IllegalArgumentException("TCF purpose " + e.getKey() + " maps to category '" + c
                            + "', which the catalog does not have; catalog categories: "
                            + catalog.categories().stream().map(x -> x.id()).toList());
                }
            }
        }
        return b.build();
    }

    /** Configures an {@link IabConfig}. Not thread-safe. */
    public static final class Builder {
        private boolean enabled;
        private int cmpId;
        private int cmpVersion;
        private int vendorListVersion;
        private String publisherCountry;
        private final Map<Integer, Set<String>> tcfPurposes;
        private final Map<Integer, String> vendors;
        private boolean readIncoming;
        private String incomingHeader;
        private boolean tcfConsent;

        private Builder(IabConfig c) {
            this.enabled = c.enabled;
            this.cmpId = c.cmpId;
            this.cmpVersion = c.cmpVersion;
            this.vendorListVersion = c.vendorListVersion;
            this.publisherCountry = c.publisherCountry;
            this.tcfPurposes = new LinkedHashMap<>(c.tcfPurposes);
            this.vendors = new LinkedHashMap<>(c.vendors);
            this.readIncoming = c.readIncoming;
            this.incomingHeader = c.incomingHeader;
            this.tcfConsent = c.tcfConsent;
        }

        /** Whether the filter makes and serves IAB signals; on for {@link IabConfig#builder()}. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * The site's CMP registration with IAB Europe: id (1–4095), CMP version (0–4095) and the Global
         * Vendor List version (1–4095) its vendor choices refer to. Without it no TC string is made.
         *
         * @throws IllegalArgumentException for a value out of range
         */
        public Builder cmp(int id, int version, int vendorListVersion) {
            IabSignals.builder().cmp(id, version, vendorListVersion);
            this.cmpId = id;
            this.cmpVersion = version;
            this.vendorListVersion = vendorListVersion;
            return this;
        }

        /**
         * The publisher's country, two letters; {@code AA} (unknown) by default.
         *
         * @throws IllegalArgumentException if not two letters
         */
        public Builder publisherCountry(String code) {
            IabSignals.builder().publisherCountry(code);
            this.publisherCountry = code.toUpperCase(java.util.Locale.ROOT);
            return this;
        }

        /**
         * Maps a TCF purpose to the categories that consent to it, replacing the default
         * ({@link IabSignals#DEFAULT_TCF_PURPOSES}).
         *
         * @throws IllegalArgumentException for a purpose outside 1–24
         */
        public Builder tcfPurpose(int purpose, Set<String> categories) {
            IabSignals.builder().tcfPurpose(purpose, categories);
            tcfPurposes.put(purpose, Set.copyOf(categories));
            return this;
        }

        /**
         * A TCF vendor (its Global Vendor List id) and the catalog service it is.
         *
         * @throws IllegalArgumentException for an id outside 1–65535
         */
        public Builder vendor(int gvlId, String serviceId) {
            IabSignals.builder().vendor(gvlId, serviceId);
            vendors.put(gvlId, serviceId);
            return this;
        }

        /** Whether incoming GPP strings count as signals; on by default. */
        public Builder readIncoming(boolean read) {
            this.readIncoming = read;
            return this;
        }

        /**
         * The request header an app may send its GPP string in ({@value #DEFAULT_INCOMING_HEADER} by
         * default); empty for the {@code gpp} query parameter only.
         *
         * @throws IllegalArgumentException if not a header name
         */
        public Builder incomingHeader(String name) {
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("incoming GPP header '" + name + "' is not a header name");
            }
            this.incomingHeader = name;
            return this;
        }

        /**
         * Whether an incoming TC string is accepted as the visitor's choice of the categories its purposes
         * map to (recorded once as an import). Off by default: under the GDPR a TC string records choices
         * about TCF purposes and vendors, not consent to this site's categories; turn it on only when the
         * TC strings you receive come from your own CMP registration.
         */
        public Builder tcfConsent(boolean accept) {
            this.tcfConsent = accept;
            return this;
        }

        /** The configuration. */
        public IabConfig build() {
            return new IabConfig(enabled, cmpId, cmpVersion, vendorListVersion, publisherCountry, tcfPurposes, vendors,
                    readIncoming, incomingHeader, tcfConsent);
        }
    }
}
