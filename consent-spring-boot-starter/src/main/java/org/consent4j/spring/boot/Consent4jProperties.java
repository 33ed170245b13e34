package org.consent4j.spring.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.servlet.CacheMode;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.consent4j.servlet.UnknownCookiePolicy;
import org.consent4j.servlet.banner.BannerConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code consent4j.*} properties. Names bind relaxed: {@code consent4j.max-body},
 * {@code consent4j.maxBody} and the environment variable {@code CONSENT4J_MAXBODY} are one property, and
 * {@code CONSENT4J_KEYS} in the environment is {@code consent4j.keys}. Each setter checks its value with the same rules as
 * {@link ConsentFilterConfig.Builder}, so a bad value stops start-up with an error naming the property.
 *
 * <p>Only {@code consent4j.keys} is required.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = Consent4jProperties.PREFIX)
public class Consent4jProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "consent4j";

    /** Whether the consent filter and its beans are configured. */
    private boolean enabled = true;
    /** The signing keys of the consent cookie, {@code id:base64url-secret}, comma-separated, the signing key first (at least 32 random bytes each). Every instance needs the same keys. Usually set through the environment variable {@code CONSENT4J_KEYS}. */
    private @Nullable String keys;
    /** Development only: when no keys are set, generate a random key at start-up (with a warning) instead of refusing to start. Choices then do not survive a restart. */
    private boolean developmentKeys;
    /** Where the visitor's location comes from: {@code none}, {@code cloudfront}, {@code cloudflare}, {@code vercel}, {@code appengine}, {@code fixed:FR} or {@code headers:Country[,Region]}; several separated by {@code |} are tried in order. */
    private String jurisdiction = "none";
    /** The site's catalog files, applied on top of the bundled catalog. */
    private List<Path> catalog = new ArrayList<>();
    /** A file of jurisdiction entries added to or replacing the bundled table. */
    private @Nullable Path jurisdictions;
    /** The path of the consent endpoints. */
    private String prefix = ConsentFilterConfig.DEFAULT_PREFIX;
    /** The consent cookie's settings. */
    private final Cookie cookie = new Cookie();
    /** Domains on which cookies of refused services are also expired. */
    private List<String> expireDomains = new ArrayList<>();
    /** Whether cookies of refused services are also expired on every parent domain of the request's host. */
    private boolean expireParentDomains = true;
    /** What happens to cookies the catalog does not know: {@code block} (the default) or {@code allow}. */
    private UnknownCookiePolicy unknownCookies = UnknownCookiePolicy.BLOCK;
    /** Extra cookie names that are always allowed (the session cookie, for example). */
    private Set<String> necessaryCookies = new LinkedHashSet<>();
    /** How responses that depend on consent are marked for caches: {@code vary} (the default) or {@code private}. */
    private CacheMode cache = CacheMode.VARY;
    /** The largest request body the consent endpoints accept, in bytes. */
    private int maxBody = ConsentFilterConfig.DEFAULT_MAX_BODY;
    /** Other origins allowed to post choices, e.g. the public {@code https://} origin behind a proxy. */
    private Set<String> allowedOrigins = new LinkedHashSet<>();
    /** Whether {@code text/html} responses stream through the HTML gate. */
    private boolean htmlGate = true;
    /** The banner's settings. */
    private final Banner banner = new Banner();
    /** The consent records' settings. */
    private final Records records = new Records();
    /** The filter registration's settings. */
    private final Filter filter = new Filter();
    /** The IAB signals' settings (off by default). */
    private final Iab iab = new Iab();

    /**
     * Whether the consent filter and its beans are configured.
     *
     * @return whether consent4j is on
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Turns consent4j's auto-configuration on or off.
     *
     * @param enabled whether it is on
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The signing keys of the consent cookie, {@code id:base64url-secret}, comma-separated, the signing key
     * first (at least 32 random bytes each). Every instance needs the same keys. Usually set through the
     * environment variable {@code CONSENT4J_KEYS}.
     *
     * @return the keys' text, or null when not set
     */
    public @Nullable String getKeys() {
        return keys;
    }

    /**
     * Sets the signing keys.
     *
     * @param keys the keys' text
     * @throws IllegalArgumentException naming the malformed entry (never the secret)
     */
    public void setKeys(@Nullable String keys) {
        if (keys != null && !keys.isBlank()) {
            check("keys", () -> KeySet.parse(keys));
        }
        this.keys = keys;
    }

    /**
     * Development only: when no keys are set, generate a random key at start-up (with a warning) instead
     * of refusing to start. Choices then do not survive a restart.
     *
     * @return whether a key may be generated
     */
    public boolean isDevelopmentKeys() {
        return developmentKeys;
    }

    /**
     * Sets whether a key may be generated when none is set.
     *
     * @param developmentKeys true for development only
     */
    public void setDevelopmentKeys(boolean developmentKeys) {
        this.developmentKeys = developmentKeys;
    }

    /**
     * Where the visitor's location comes from: {@code none}, {@code cloudfront}, {@code cloudflare},
     * {@code vercel}, {@code appengine}, {@code fixed:FR} or {@code headers:Country[,Region]}; several
     * separated by {@code |} are tried in order.
     *
     * @return the resolver's setting
     */
    public String getJurisdiction() {
        return jurisdiction;
    }

    /**
     * Sets the resolver.
     *
     * @param jurisdiction the resolver's setting
     * @throws IllegalArgumentException naming the unknown spelling
     */
    public void setJurisdiction(String jurisdiction) {
        check("jurisdiction", () -> JurisdictionResolver.parse(jurisdiction));
        this.jurisdiction = jurisdiction;
    }

    /**
     * The site's catalog files, applied on top of the bundled catalog.
     *
     * @return the files
     */
    public List<Path> getCatalog() {
        return catalog;
    }

    /**
     * Sets the site's catalog files.
     *
     * @param catalog the files
     */
    public void setCatalog(List<Path> catalog) {
        this.catalog = catalog;
    }

    /**
     * A file of jurisdiction entries added to or replacing the bundled table.
     *
     * @return the file, or null for the bundled table
     */
    public @Nullable Path getJurisdictions() {
        return jurisdictions;
    }

    /**
     * Sets the jurisdictions file.
     *
     * @param jurisdictions the file
     */
    public void setJurisdictions(@Nullable Path jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    /**
     * The path of the consent endpoints.
     *
     * @return the prefix
     */
    public String getPrefix() {
        return prefix;
    }

    /**
     * Sets the path of the consent endpoints.
     *
     * @param prefix a path such as {@code /consent}
     * @throws IllegalArgumentException if it is not such a path
     */
    public void setPrefix(String prefix) {
        check("prefix", () -> ConsentFilterConfig.builder().prefix(prefix));
        this.prefix = prefix;
    }

    /**
     * The consent cookie's settings.
     *
     * @return the cookie settings
     */
    public Cookie getCookie() {
        return cookie;
    }

    /**
     * Domains on which cookies of refused services are also expired.
     *
     * @return the domains
     */
    public List<String> getExpireDomains() {
        return expireDomains;
    }

    /**
     * Sets the domains on which cookies of refused services are also expired.
     *
     * @param expireDomains host names such as {@code example.com}
     * @throws IllegalArgumentException naming a value that is not a host name
     */
    public void setExpireDomains(List<String> expireDomains) {
        check("expire-domains", () -> ConsentFilterConfig.builder().expireDomains(expireDomains));
        this.expireDomains = expireDomains;
    }

    /**
     * Whether cookies of refused services are also expired on every parent domain of the request's
     * host; {@code true} by default.
     *
     * @return whether parent domains are expired
     */
    public boolean isExpireParentDomains() {
        return expireParentDomains;
    }

    /**
     * Sets whether cookies of refused services are also expired on every parent domain of the
     * request's host.
     *
     * @param expireParentDomains {@code false} to expire host-only and on {@code expire-domains} only
     */
    public void setExpireParentDomains(boolean expireParentDomains) {
        this.expireParentDomains = expireParentDomains;
    }

    /**
     * What happens to cookies the catalog does not know: {@code block} (the default) or {@code allow}.
     *
     * @return the policy
     */
    public UnknownCookiePolicy getUnknownCookies() {
        return unknownCookies;
    }

    /**
     * Sets the policy for unknown cookies.
     *
     * @param unknownCookies the policy
     */
    public void setUnknownCookies(UnknownCookiePolicy unknownCookies) {
        this.unknownCookies = unknownCookies;
    }

    /**
     * Extra cookie names that are always allowed (the session cookie, for example).
     *
     * @return the names
     */
    public Set<String> getNecessaryCookies() {
        return necessaryCookies;
    }

    /**
     * Sets the extra cookie names that are always allowed.
     *
     * @param necessaryCookies the names
     * @throws IllegalArgumentException naming a value that is not a cookie name
     */
    public void setNecessaryCookies(Set<String> necessaryCookies) {
        check("necessary-cookies", () -> ConsentFilterConfig.builder().necessaryCookies(necessaryCookies));
        this.necessaryCookies = necessaryCookies;
    }

    /**
     * How responses that depend on consent are marked for caches: {@code vary} (the default) or
     * {@code private}.
     *
     * @return the cache mode
     */
    public CacheMode getCache() {
        return cache;
    }

    /**
     * Sets the cache mode.
     *
     * @param cache the mode
     */
    public void setCache(CacheMode cache) {
        this.cache = cache;
    }

    /**
     * The largest request body the consent endpoints accept, in bytes.
     *
     * @return the limit
     */
    public int getMaxBody() {
        return maxBody;
    }

    /**
     * Sets the largest accepted request body.
     *
     * @param maxBody bytes
     * @throws IllegalArgumentException if out of range
     */
    public void setMaxBody(int maxBody) {
        check("max-body", () -> ConsentFilterConfig.builder().maxBody(maxBody));
        this.maxBody = maxBody;
    }

    /**
     * Other origins allowed to post choices, e.g. the public {@code https://} origin behind a proxy.
     *
     * @return the origins
     */
    public Set<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    /**
     * Sets the other origins allowed to post choices.
     *
     * @param allowedOrigins origins such as {@code https://www.example.com}
     * @throws IllegalArgumentException naming a value that is not an origin
     */
    public void setAllowedOrigins(Set<String> allowedOrigins) {
        check("allowed-origins", () -> ConsentFilterConfig.builder().allowedOrigins(allowedOrigins));
        this.allowedOrigins = allowedOrigins;
    }

    /**
     * Whether {@code text/html} responses stream through the HTML gate.
     *
     * @return whether the HTML gate is on
     */
    public boolean isHtmlGate() {
        return htmlGate;
    }

    /**
     * Turns the HTML gate on or off.
     *
     * @param htmlGate whether it is on
     */
    public void setHtmlGate(boolean htmlGate) {
        this.htmlGate = htmlGate;
    }

    /**
     * The banner's settings.
     *
     * @return the banner settings
     */
    public Banner getBanner() {
        return banner;
    }

    /**
     * The consent records' settings.
     *
     * @return the record settings
     */
    public Records getRecords() {
        return records;
    }

    /**
     * The filter registration's settings.
     *
     * @return the filter settings
     */
    public Filter getFilter() {
        return filter;
    }

    /**
     * The IAB signals' settings ({@code consent4j.iab.*}); off by default.
     *
     * @return the IAB settings
     */
    public Iab getIab() {
        return iab;
    }

    /** Runs a check of the consent filter's own rules; its error then starts with the property's full name. */
    static void check(String property, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "." + property + ": " + e.getMessage(), e);
        }
    }

    /** The {@code consent4j.cookie.*} properties. */
    public static class Cookie {

        /** The name of the signed consent cookie. */
        private String name = ConsentFilterConfig.DEFAULT_COOKIE_NAME;
        /** Whether the consent cookie is {@code Secure}; {@code false} only for plain-HTTP development. */
        private boolean secure = true;
        /** The {@code Domain} of the consent cookie; host-only when not set. */
        private @Nullable String domain;

        /** Creates the defaults. */
        public Cookie() {
        }

        /**
         * The name of the signed consent cookie.
         *
         * @return the name
         */
        public String getName() {
            return name;
        }

        /**
         * Sets the name of the consent cookie.
         *
         * @param name a cookie name
         * @throws IllegalArgumentException if it is not a cookie name
         */
        public void setName(String name) {
            check("cookie.name", () -> ConsentFilterConfig.builder().cookieName(name));
            this.name = name;
        }

        /**
         * Whether the consent cookie is {@code Secure}; {@code false} only for plain-HTTP development.
         *
         * @return whether it is secure
         */
        public boolean isSecure() {
            return secure;
        }

        /**
         * Sets whether the consent cookie is {@code Secure}.
         *
         * @param secure false only for plain-HTTP development
         */
        public void setSecure(boolean secure) {
            this.secure = secure;
        }

        /**
         * The {@code Domain} of the consent cookie; host-only when not set.
         *
         * @return the domain, or null
         */
        public @Nullable String getDomain() {
            return domain;
        }

        /**
         * Sets the {@code Domain} of the consent cookie.
         *
         * @param domain a host name such as {@code example.com}
         * @throws IllegalArgumentException if it is not a host name
         */
        public void setDomain(@Nullable String domain) {
            if (domain != null && !domain.isBlank()) {
                check("cookie.domain", () -> ConsentFilterConfig.builder().cookieDomain(domain));
            }
            this.domain = domain;
        }
    }

    /** The {@code consent4j.banner.*} properties. */
    public static class Banner {

        /** Whether the filter serves the banner's assets and cookie declaration under the prefix. */
        private boolean enabled = true;
        /** Whether the banner loader is inserted at the top of {@code <head>} of HTML responses. */
        private boolean inject = true;
        /** The banner's language when {@code Accept-Language} names none it has; {@code en} when not set. */
        private @Nullable String language;
        /** The privacy policy linked from the banner and the cookie declaration. */
        private @Nullable String privacyPolicyUrl;
        /** Whether the banner sends Google Consent Mode v2 defaults and updates. */
        private boolean consentMode;
        /** Whether blocked iframes, video and audio players get a click-to-load placeholder. */
        private boolean placeholders = true;

        /** Creates the defaults. */
        public Banner() {
        }

        /**
         * Whether the filter serves the banner's assets and cookie declaration under the prefix.
         *
         * @return whether the banner is on
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Turns the banner on or off.
         *
         * @param enabled whether it is on
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Whether the banner loader is inserted at the top of {@code <head>} of HTML responses.
         *
         * @return whether it is inserted
         */
        public boolean isInject() {
            return inject;
        }

        /**
         * Sets whether the banner loader is inserted into HTML responses.
         *
         * @param inject whether it is inserted
         */
        public void setInject(boolean inject) {
            this.inject = inject;
        }

        /**
         * The banner's language when {@code Accept-Language} names none it has; {@code en} when not set.
         *
         * @return the language tag, or null
         */
        public @Nullable String getLanguage() {
            return language;
        }

        /**
         * Sets the banner's default language.
         *
         * @param language a language tag such as {@code fr}
         * @throws IllegalArgumentException if it is not a language tag
         */
        public void setLanguage(@Nullable String language) {
            if (language != null) {
                check("banner.language", () -> BannerConfig.builder().defaultLanguage(language));
            }
            this.language = language;
        }

        /**
         * The privacy policy linked from the banner and the cookie declaration.
         *
         * @return the URL, or null
         */
        public @Nullable String getPrivacyPolicyUrl() {
            return privacyPolicyUrl;
        }

        /**
         * Sets the privacy policy's URL.
         *
         * @param privacyPolicyUrl the URL
         * @throws IllegalArgumentException if it is not an http(s) or site-relative URL
         */
        public void setPrivacyPolicyUrl(@Nullable String privacyPolicyUrl) {
            if (privacyPolicyUrl != null) {
                check("banner.privacy-policy-url", () -> BannerConfig.builder().privacyPolicyUrl(privacyPolicyUrl));
            }
            this.privacyPolicyUrl = privacyPolicyUrl;
        }

        /**
         * Whether the banner sends Google Consent Mode v2 defaults and updates.
         *
         * @return whether Consent Mode is on
         */
        public boolean isConsentMode() {
            return consentMode;
        }

        /**
         * Turns Google Consent Mode v2 on or off.
         *
         * @param consentMode whether it is on
         */
        public void setConsentMode(boolean consentMode) {
            this.consentMode = consentMode;
        }

        /**
         * Whether blocked iframes, video and audio players get a click-to-load placeholder.
         *
         * @return whether placeholders are on (the default)
         */
        public boolean isPlaceholders() {
            return placeholders;
        }

        /**
         * Turns click-to-load placeholders on or off.
         *
         * @param placeholders whether they are on
         */
        public void setPlaceholders(boolean placeholders) {
            this.placeholders = placeholders;
        }
    }

    /** The {@code consent4j.records.*} properties. */
    public static class Records {

        /** The directory of the hash-chained JSON Lines record log. Without it (and without a {@code ConsentRecordSink} bean) records go to the SLF4J logger {@code org.consent4j.records} only. */
        private @Nullable Path directory;
        /** Whether records keep the client address (truncated). */
        private boolean clientAddress;
        /** Whether records keep the user agent. */
        private boolean userAgent;
        /** Whether GPC opt-outs that change a stored grant are recorded. */
        private boolean gpcOptOuts = true;

        /** Creates the defaults. */
        public Records() {
        }

        /**
         * The directory of the hash-chained JSON Lines record log. Without it (and without a
         * {@code ConsentRecordSink} bean) records go to the SLF4J logger {@code org.consent4j.records} only.
         *
         * @return the directory, or null
         */
        public @Nullable Path getDirectory() {
            return directory;
        }

        /**
         * Sets the directory of the record log.
         *
         * @param directory the directory; created if missing
         */
        public void setDirectory(@Nullable Path directory) {
            this.directory = directory;
        }

        /**
         * Whether records keep the client address (truncated).
         *
         * @return whether it is kept
         */
        public boolean isClientAddress() {
            return clientAddress;
        }

        /**
         * Sets whether records keep the client address.
         *
         * @param clientAddress whether it is kept
         */
        public void setClientAddress(boolean clientAddress) {
            this.clientAddress = clientAddress;
        }

        /**
         * Whether records keep the user agent.
         *
         * @return whether it is kept
         */
        public boolean isUserAgent() {
            return userAgent;
        }

        /**
         * Sets whether records keep the user agent.
         *
         * @param userAgent whether it is kept
         */
        public void setUserAgent(boolean userAgent) {
            this.userAgent = userAgent;
        }

        /**
         * Whether GPC opt-outs that change a stored grant are recorded.
         *
         * @return whether they are recorded
         */
        public boolean isGpcOptOuts() {
            return gpcOptOuts;
        }

        /**
         * Sets whether GPC opt-outs are recorded.
         *
         * @param gpcOptOuts whether they are recorded
         */
        public void setGpcOptOuts(boolean gpcOptOuts) {
            this.gpcOptOuts = gpcOptOuts;
        }
    }

    /** The {@code consent4j.filter.*} properties. */
    public static class Filter {

        /** Spring Security's filter chain runs at -100 by default; the consent filter runs just before it. */
        public static final int DEFAULT_ORDER = -110;

        /** The filter's order; the default runs it before Spring Security's chain, so cookies set there are gated too. */
        private int order = DEFAULT_ORDER;
        /** The URL patterns the filter is mapped to. */
        private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

        /** Creates the defaults. */
        public Filter() {
        }

        /**
         * The filter's order; the default runs it before Spring Security's chain, so cookies set there are
         * gated too.
         *
         * @return the order
         */
        public int getOrder() {
            return order;
        }

        /**
         * Sets the filter's order.
         *
         * @param order the order
         */
        public void setOrder(int order) {
            this.order = order;
        }

        /**
         * The URL patterns the filter is mapped to.
         *
         * @return the patterns
         */
        public List<String> getUrlPatterns() {
            return urlPatterns;
        }

        /**
         * Sets the URL patterns.
         *
         * @param urlPatterns servlet URL patterns such as {@code /*}
         * @throws IllegalArgumentException if empty
         */
        public void setUrlPatterns(List<String> urlPatterns) {
            if (urlPatterns.isEmpty()) {
                throw new IllegalArgumentException(PREFIX + ".filter.url-patterns: give at least one URL pattern, such as /*");
            }
            this.urlPatterns = urlPatterns;
        }
    }

    /**
     * The {@code consent4j.iab.*} properties: IAB GPP, TCF v2.2 and US Privacy signals and the page APIs
     * {@code __gpp}, {@code __tcfapi}, {@code __uspapi}. Off by default; see
     * {@link org.consent4j.servlet.IabConfig}.
     */
    public static class Iab {

        /** Whether the filter makes and serves IAB signals. */
        private boolean enabled;
        /** The CMP id registered with IAB Europe; 0 for none (then no TC string). */
        private int cmpId;
        /** The CMP version written in TC strings. */
        private int cmpVersion = 1;
        /** The Global Vendor List version; needed with a CMP id. */
        private int vendorListVersion;
        /** The publisher's country, two letters. */
        private String publisherCountry = "AA";
        /** Whether incoming GPP strings ({@code gpp} parameter, header) count as signals. */
        private boolean incoming = true;
        /** The header of an incoming GPP string; empty for none. */
        private String incomingHeader = org.consent4j.servlet.IabConfig.DEFAULT_INCOMING_HEADER;
        /** Whether an incoming TC string of the site's own CMP id is accepted as the visitor's choice. */
        private boolean tcfConsent;

        /** Creates the defaults. */
        public Iab() {
        }

        /** @return whether IAB signals are on */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether IAB signals are on */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the registered CMP id, 0 for none */
        public int getCmpId() {
            return cmpId;
        }

        /** @param cmpId the registered CMP id */
        public void setCmpId(int cmpId) {
            this.cmpId = cmpId;
        }

        /** @return the CMP version */
        public int getCmpVersion() {
            return cmpVersion;
        }

        /** @param cmpVersion the CMP version */
        public void setCmpVersion(int cmpVersion) {
            this.cmpVersion = cmpVersion;
        }

        /** @return the Global Vendor List version */
        public int getVendorListVersion() {
            return vendorListVersion;
        }

        /** @param vendorListVersion the Global Vendor List version */
        public void setVendorListVersion(int vendorListVersion) {
            this.vendorListVersion = vendorListVersion;
        }

        /** @return the publisher's country */
        public String getPublisherCountry() {
            return publisherCountry;
        }

        /** @param publisherCountry the publisher's country, two letters */
        public void setPublisherCountry(String publisherCountry) {
            this.publisherCountry = publisherCountry;
        }

        /** @return whether incoming GPP strings are read */
        public boolean isIncoming() {
            return incoming;
        }

        /** @param incoming whether incoming GPP strings are read */
        public void setIncoming(boolean incoming) {
            this.incoming = incoming;
        }

        /** @return the header of an incoming GPP string */
        public String getIncomingHeader() {
            return incomingHeader;
        }

        /** @param incomingHeader the header of an incoming GPP string; empty for none */
        public void setIncomingHeader(String incomingHeader) {
            this.incomingHeader = incomingHeader;
        }

        /** @return whether incoming TC strings of the site's CMP id are accepted as choices */
        public boolean isTcfConsent() {
            return tcfConsent;
        }

        /** @param tcfConsent whether incoming TC strings of the site's CMP id are accepted as choices */
        public void setTcfConsent(boolean tcfConsent) {
            this.tcfConsent = tcfConsent;
        }

        /** The filter's IAB configuration for these properties. */
        org.consent4j.servlet.IabConfig config() {
            if (!enabled) {
                return org.consent4j.servlet.IabConfig.off();
            }
            org.consent4j.servlet.IabConfig.Builder b = org.consent4j.servlet.IabConfig.builder();
            if (cmpId != 0) {
                check("iab.cmp-id", () -> b.cmp(cmpId, cmpVersion, vendorListVersion));
            }
            check("iab.publisher-country", () -> b.publisherCountry(publisherCountry));
            check("iab.incoming-header", () -> b.incomingHeader(incomingHeader));
            return b.readIncoming(incoming).tcfConsent(tcfConsent).build();
        }
    }
}
