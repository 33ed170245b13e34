package org.consent4j.core.catalog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A third party or first-party feature that sets cookies or loads from hosts: Google Analytics,
 * Meta Pixel, a YouTube embed, the site's own session.
 *
 * @param id           stable id, e.g. {@code google-analytics}
 * @param name         display name
 * @param provider     the company that provides it
 * @param category     the id of the category a visitor chooses it under
 * @param purposes     ids of the purposes it serves
 * @param cookies      the cookies it sets
 * @param hosts        the hosts it loads from or sends to; each also covers its subdomains, and may
 *                     carry a path prefix ({@code www.google.com/maps}) that limits it to that path
 * @param transfer     where data goes and under which safeguard
 * @param legalBasis   the lawful basis relied on
 * @param risk         the catalog's judgement of the privacy risk
 * @param regulations  the laws its use falls under (e.g. {@code GDPR}, {@code ePrivacy Directive})
 * @param description  what it does, localised
 * @param consentText  a sample sentence asking for consent, localised
 * @param privacyPolicy the provider's privacy policy URL, or empty
 * @param source       where the facts come from (vendor documentation URL)
 * @param sensitive    the kinds of sensitive data it processes on this site (health, precise location,
 *                     minors); where a jurisdiction requires opt-in for one of them, the service needs an
 *                     explicit grant there
 */
public record Service(String id, String name, String provider, String category, List<String> purposes,
                      List<CookieSpec> cookies, List<String> hosts, DataTransfer transfer, LegalBasis legalBasis,
                      RiskLevel risk, List<String> regulations, LocalizedText description, LocalizedText consentText,
                      String privacyPolicy, String source, Set<SensitiveData> sensitive) {

    /** Checks the id, copies the collections and checks that every component is present. */
    public Service {
        Ids.require("service", id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Ids.require("category", category);
        purposes = List.copyOf(purposes);
        purposes.forEach(p -> Ids.require("purpose", p));
        cookies = List.copyOf(cookies);
        hosts = hosts.stream().map(Hosts::normalize).toList();
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(risk, "risk");
        regulations = List.copyOf(regulations);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(consentText, "consentText");
        Objects.requireNonNull(privacyPolicy, "privacyPolicy");
        Objects.requireNonNull(source, "source");
        sensitive = sensitive.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sensitive));
    }

    /** A service that processes no sensitive data. */
    public Service(String id, String name, String provider, String category, List<String> purposes,
                   List<CookieSpec> cookies, List<String> hosts, DataTransfer transfer, LegalBasis legalBasis,
                   RiskLevel risk, List<String> regulations, LocalizedText description, LocalizedText consentText,
                   String privacyPolicy, String source) {
        this(id, name, provider, category, purposes, cookies, hosts, transfer, legalBasis, risk, regulations,
                description, consentText, privacyPolicy, source, Set.of());
    }

    /** A builder for a service with the given id and category; other fields default to empty. */
    public static Builder builder(String id, String category) {
        return new Builder(id, category);
    }

    /** Builds a {@link Service}; every field but id and category is optional. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String category;
        private String name = "";
        private String provider = "";
        private final List<String> purposes = new ArrayList<>();
        private final List<CookieSpec> cookies = new ArrayList<>();
        private final List<String> hosts = new ArrayList<>();
        private DataTransfer transfer = DataTransfer.none();
        private LegalBasis legalBasis = LegalBasis.CONSENT;
        private RiskLevel risk = RiskLevel.MEDIUM;
        private final List<String> regulations = new ArrayList<>();
        private LocalizedText description = LocalizedText.empty();
        private LocalizedText consentText = LocalizedText.empty();
        private String privacyPolicy = "";
        private String source = "";
        private final Set<SensitiveData> sensitive = EnumSet.noneOf(SensitiveData.class);

        private Builder(String id, String category) {
            this.id = id;
            this.category = category;
        }

        /** The display name. */
        public Builder name(String name) { this.name = name; return this; }
        /** The company that runs the service. */
        public Builder provider(String provider) { this.provider = provider; return this; }
        /** Adds a purpose the service serves, by id. */
        public Builder purpose(String purposeId) { purposes.add(purposeId); return this; }
        /** Adds a cookie the service sets. */
        public Builder cookie(CookieSpec cookie) { cookies.add(cookie); return this; }
        /** Adds a first-party cookie with an exact name and an ISO 8601 lifetime. */
        public Builder cookie(String exactName, String lifetime) {
            cookies.add(CookieSpec.firstParty(exactName, lifetime, ""));
            return this;
        }
        /** Adds a host the service loads from. */
        public Builder host(String host) { hosts.add(host); return this; }
        /** Where the service sends data outside the EEA, and under which safeguard. */
        public Builder transfer(DataTransfer transfer) { this.transfer = transfer; return this; }
        /** The legal basis of the processing. */
        public Builder legalBasis(LegalBasis legalBasis) { this.legalBasis = legalBasis; return this; }
        /** The risk level of the processing. */
        public Builder risk(RiskLevel risk) { this.risk = risk; return this; }
        /** Adds a regulation that applies to the service. */
        public Builder regulation(String regulation) { regulations.add(regulation); return this; }
        /** What the service does, per language. */
        public Builder description(LocalizedText description) { this.description = description; return this; }
        /** The text the visitor agrees to, per language. */
        public Builder consentText(LocalizedText consentText) { this.consentText = consentText; return this; }
        /** The provider's privacy policy URL. */
        public Builder privacyPolicy(String url) { this.privacyPolicy = url; return this; }
        /** Where the facts about the service come from. */
        public Builder source(String source) { this.source = source; return this; }
        /** Flags the service as processing this kind of sensitive data on this site. */
        public Builder sensitive(SensitiveData kind) { sensitive.add(kind); return this; }

        /** The service; throws {@link IllegalArgumentException} naming the bad field. */
        public Service build() {
            return new Service(id, name.isEmpty() ? id : name, provider, category, purposes, cookies, hosts, transfer,
                    legalBasis, risk, regulations, description, consentText, privacyPolicy, source, sensitive);
        }
    }

    /** Host normalisation shared by the catalog and its lookups. */
    static final class Hosts {
        private Hosts() {
        }

        /** Lower-cases the host name (not the path prefix, which is case-sensitive) and drops a trailing dot. */
        static String normalize(String host) {
            String t = host.trim();
            int slash = t.indexOf('/');
            String path = slash < 0 ? "" : t.substring(slash);
            String h = (slash < 0 ? t : t.substring(0, slash)).toLowerCase(Locale.ROOT);
            if (h.endsWith(".")) {
                h = h.substring(0, h.length() - 1);
            }
            if (!isHost(h)) {
                throw new IllegalArgumentException("host '" + host
                        + "' is not a host name: give a name such as 'segmetrics.com', optionally with a path prefix"
                        + " such as 'www.google.com/maps' (no scheme, port or wildcard)");
            }
            String bad = path.isEmpty() ? null : pathProblem(path);
            if (bad != null) {
                throw new IllegalArgumentException("host '" + host + "' has a path prefix that " + bad);
            }
            return h + path;
        }

        /**
         * What is wrong with a path prefix ({@code /maps}), or null: it must start with {@code /}, name
         * something after it, and hold only URL path characters (no query, fragment, space or backslash).
         */
        static @org.jspecify.annotations.Nullable String pathProblem(String path) {
            if (path.length() < 2 || path.charAt(0) != '/') {
                return "is empty: give at least one path segment after '/'";
            }
            if (path.length() > 512) {
                return "is longer than 512 characters";
            }
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                        || "/-._~%!$&'()*+,;=:@".indexOf(c) >= 0;
                if (!ok) {
                    return "holds '" + c + "', which a path prefix cannot (no query, fragment, space or backslash)";
                }
            }
            if (path.startsWith("//")) {
                return "starts with '//'";
            }
            return null;
        }

        static boolean isHost(String h) {
            if (h.isEmpty() || h.length() > 253) {
                return false;
            }
            for (String label : h.split("\\.", -1)) {
                if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                    return false;
                }
                for (int i = 0; i < label.length(); i++) {
                    char c = label.charAt(i);
                    if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
