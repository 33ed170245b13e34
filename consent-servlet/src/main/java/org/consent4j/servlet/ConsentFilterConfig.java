package org.consent4j.servlet;

import jakarta.servlet.http.Cookie;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentPolicy;
import org.consent4j.core.discovery.Discovery;
import org.consent4j.html.HtmlGate;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.servlet.banner.Banner;
import org.consent4j.servlet.banner.BannerConfig;
import org.consent4j.servlet.banner.BannerTexts;
import org.consent4j.servlet.banner.ConsentModeMapping;
import org.consent4j.servlet.csp.ContentSecurityPolicy;
import org.consent4j.servlet.csp.CspConfig;
import org.consent4j.servlet.csp.CspMode;
import org.consent4j.servlet.csp.CspNonce;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link ConsentFilter}: built in code with {@link #builder()}, or from text settings
 * (filter init-parameters, a JSON file) with {@link Builder#settings(Map)} and {@link Builder#settingsFile(Path)}.
 * Text settings and builder methods can be mixed; a later call replaces an earlier one.
 *
 * <p>Text setting names (the same in {@code web.xml} init-parameters and the JSON file; lists are
 * comma-separated strings or JSON arrays):
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code catalog}</td><td>bundled</td><td>the site's catalog files, applied on top of the bundled
 *       catalog ({@link org.consent4j.core.catalog.Catalogs#load})</td></tr>
 *   <tr><td>{@code jurisdictions}</td><td>bundled</td><td>a file of jurisdiction entries added to or replacing the
 *       bundled table ({@link org.consent4j.core.jurisdiction.Jurisdictions#load})</td></tr>
 *   <tr><td>{@code consent-policy}</td><td>defaults</td><td>a JSON file of the site's own rules: GPC beyond the
 *       law, grants over GPC, legal exemptions, sensitive services, accepted earlier revisions
 *       ({@link org.consent4j.core.decision.ConsentPolicy#load})</td></tr>
 *   <tr><td>{@code prefix}</td><td>{@code /consent}</td><td>path of the consent endpoints</td></tr>
 *   <tr><td>{@code cookie-name}</td><td>{@code consent4j}</td><td>name of the signed consent cookie</td></tr>
 *   <tr><td>{@code cookie-secure}</td><td>{@code true}</td><td>{@code false} only for plain-HTTP development</td></tr>
 *   <tr><td>{@code cookie-domain}</td><td>host-only</td><td>{@code Domain} of the consent cookie</td></tr>
 *   <tr><td>{@code expire-domains}</td><td>none</td><td>domains on which cookies of refused services are also expired</td></tr>
 *   <tr><td>{@code expire-parent-domains}</td><td>{@code true}</td><td>also expire refused cookies on every parent domain of
 *       the request's host (the browser refuses public suffixes itself)</td></tr>
 *   <tr><td>{@code keys}</td><td>generated</td><td>signing keys, {@code id:base64url,…}, the signing key first</td></tr>
 *   <tr><td>{@code keys-env}</td><td>none</td><td>name of an environment variable holding the keys</td></tr>
 *   <tr><td>{@code jurisdiction}</td><td>{@code none}</td><td>see {@link JurisdictionResolver#parse(String)}</td></tr>
 *   <tr><td>{@code unknown-cookies}</td><td>{@code block}</td><td>{@code block} or {@code allow}</td></tr>
 *   <tr><td>{@code necessary-cookies}</td><td>none</td><td>extra cookie names always allowed</td></tr>
 *   <tr><td>{@code inventory-size}</td><td>256</td><td>unknown cookie names kept</td></tr>
 *   <tr><td>{@code unknown-hosts}</td><td>{@code report}</td><td>{@code report} or {@code block}: third-party hosts
 *       the catalog does not know are reported to discovery, or also gated as a marketing service</td></tr>
 *   <tr><td>{@code first-party-hosts}</td><td>none</td><td>hosts (with their subdomains) that are the site's own
 *       besides the request's host: never unknown third parties</td></tr>
 *   <tr><td>{@code discovery-size}</td><td>512</td><td>distinct discovery sightings kept</td></tr>
 *   <tr><td>{@code inventory-token}</td><td>none (off)</td><td>bearer token that turns on the operators'
 *       discovery endpoint {@code {prefix}/inventory}</td></tr>
 *   <tr><td>{@code inventory-token-env}</td><td>none</td><td>name of an environment variable holding that token</td></tr>
 *   <tr><td>{@code cache}</td><td>{@code vary}</td><td>{@code vary} or {@code private}</td></tr>
 *   <tr><td>{@code max-body}</td><td>8192</td><td>largest accepted request body, in bytes</td></tr>
 *   <tr><td>{@code allowed-origins}</td><td>none</td><td>other origins allowed to post choices (e.g. the public
 *       {@code https://} origin behind a proxy)</td></tr>
 *   <tr><td>{@code gpc-last-update}</td><td>start-up date</td><td>{@code lastUpdate} of {@code /.well-known/gpc.json}</td></tr>
 *   <tr><td>{@code record-gpc-opt-outs}</td><td>{@code true}</td><td>record GPC opt-outs that change a stored grant</td></tr>
 *   <tr><td>{@code record-client-address}</td><td>{@code false}</td><td>keep the client address (truncated) in records</td></tr>
 *   <tr><td>{@code record-user-agent}</td><td>{@code false}</td><td>keep the user agent in records</td></tr>
 *   <tr><td>{@code banner}</td><td>{@code true}</td><td>serve the banner's assets and cookie declaration under the
 *       prefix and give HTML pages its loader</td></tr>
 *   <tr><td>{@code banner-inject}</td><td>{@code true}</td><td>insert the banner loader at the top of {@code <head>}
 *       of HTML responses ({@code false}: place {@code <script src="/consent/assets/consent.js" defer>} yourself)</td></tr>
 *   <tr><td>{@code banner-language}</td><td>{@code en}</td><td>the banner's language when {@code Accept-Language}
 *       names none it has</td></tr>
 *   <tr><td>{@code banner-placeholders}</td><td>{@code true}</td><td>cover blocked iframes, video and audio players
 *       with a click-to-load placeholder</td></tr>
 *   <tr><td>{@code privacy-policy-url}</td><td>none</td><td>linked from the banner and the cookie declaration</td></tr>
 *   <tr><td>{@code consent-mode}</td><td>{@code false}</td><td>Google Consent Mode v2 default and updates</td></tr>
 *   <tr><td>{@code consent-mode-wait-for-update}</td><td>500</td><td>milliseconds Google tags wait for the
 *       visitor's choice</td></tr>
 *   <tr><td>{@code csp-nonce-attribute}</td><td>none</td><td>request attribute holding the page's CSP nonce</td></tr>
 *   <tr><td>{@code html-gate}</td><td>{@code true}</td><td>stream {@code text/html} bodies through the
 *       {@linkplain org.consent4j.html.HtmlGate HTML gate}</td></tr>
 *   <tr><td>{@code csp}</td><td>{@code report-only}</td><td>the consent-derived Content-Security-Policy:
 *       {@code off}, {@code report-only} or {@code enforce} ({@link CspConfig})</td></tr>
 *   <tr><td>{@code csp-sources}</td><td>none</td><td>the site's own sources in CSP syntax, e.g.
 *       {@code img-src https://images.example-cdn.com; connect-src https://api.example.com}</td></tr>
 *   <tr><td>{@code csp-services}</td><td>all catalogued</td><td>ids of the services the site uses: only their
 *       hosts can be listed</td></tr>
 *   <tr><td>{@code csp-unsafe-inline-scripts}</td><td>{@code false}</td><td>allow every inline script instead of
 *       those carrying the request's nonce</td></tr>
 *   <tr><td>{@code csp-report}</td><td>{@code true}</td><td>serve {@code {prefix}/csp-report} and name it in the
 *       policy</td></tr>
 *   <tr><td>{@code iab}</td><td>{@code false}</td><td>IAB signals and page APIs ({@link IabConfig})</td></tr>
 *   <tr><td>{@code iab-cmp-id}, {@code iab-cmp-version}, {@code iab-vendor-list-version}</td><td>none, 1,
 *       none</td><td>the site's CMP registration with IAB Europe; without it no TC string</td></tr>
 *   <tr><td>{@code iab-publisher-country}</td><td>{@code AA}</td><td>the publisher's country</td></tr>
 *   <tr><td>{@code iab-tcf-purposes}</td><td>defaults</td><td>TCF purposes to categories, e.g.
 *       {@code 1:functional|analytics|marketing,8:analytics}</td></tr>
 *   <tr><td>{@code iab-vendors}</td><td>none</td><td>TCF vendors to services, e.g. {@code 755:google-doubleclick}</td></tr>
 *   <tr><td>{@code iab-incoming}</td><td>{@code true}</td><td>read incoming GPP strings ({@code gpp} parameter,
 *       header) as signals</td></tr>
 *   <tr><td>{@code iab-incoming-header}</td><td>{@code X-GPP}</td><td>header of an incoming GPP string; empty for none</td></tr>
 *   <tr><td>{@code iab-tcf-consent}</td><td>{@code false}</td><td>accept an incoming TC string of the site's own CMP
 *       id as the visitor's choice</td></tr>
 * </table>
 *
 * <p>Banner texts and the Consent Mode mapping are objects: give them with
 * {@link Builder#banner(BannerConfig)}, whose other properties the text settings above then override
 * one by one.
 *
 * <p>Immutable once built.
 */
public final class ConsentFilterConfig {

    /** The default endpoint prefix. */
    public static final String DEFAULT_PREFIX = "/consent";
    /** The default consent cookie name. */
    public static final String DEFAULT_COOKIE_NAME = "consent4j";
    /** The default largest request body. */
    public static final int DEFAULT_MAX_BODY = 8192;
    /** The default number of unknown cookie names kept. */
    public static final int DEFAULT_INVENTORY_SIZE = 256;

    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern HOST = Pattern.compile("\\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private final ConsentEngine engine;
    private final @Nullable KeySet keys;
    private final String cookieName;
    private final boolean secureCookie;
    private final String cookieDomain;
    private final List<String> expireDomains;
    private final boolean expireParentDomains;
    private final String prefix;
    private final JurisdictionResolver resolver;
    private final List<ConsentSource> sources;
    private final UnknownCookiePolicy unknownCookies;
    private final Set<String> necessaryCookies;
    private final int inventorySize;
    private final UnknownHostPolicy unknownHosts;
    private final Set<String> firstPartyHosts;
    private final int discoverySize;
    private final String inventoryToken;
    private final SiteTraffic traffic;
    private final ConsentRecordSink recordSink;
    private final double choiceRatePerSecond;
    private final int choiceRateBurst;
    private final CacheMode cacheMode;
    private final int maxBody;
    private final Set<String> allowedOrigins;
    private final @Nullable LocalDate gpcLastUpdate;
    private final boolean recordGpcOptOuts;
    private final boolean recordClientAddress;
    private final boolean recordUserAgent;
    private final BodyTransformer bodyTransformer;
    private final @Nullable Banner banner;
    private final Consumer<Cookie> cookieCustomizer;
    private final @Nullable ContentSecurityPolicy csp;
    private final IabConfig iab;
    private final @Nullable IabPage iabPage;

    private ConsentFilterConfig(Builder b, ConsentEngine engine, @Nullable Banner banner,
                                @Nullable ContentSecurityPolicy csp, Discovery discovery, @Nullable IabPage iabPage) {
        this.engine = engine;
        this.keys = b.keys;
        this.cookieName = b.cookieName;
        this.secureCookie = b.secureCookie;
        this.cookieDomain = b.cookieDomain;
        this.expireDomains = List.copyOf(b.expireDomains);
        this.expireParentDomains = b.expireParentDomains;
        this.prefix = b.prefix;
        this.resolver = b.resolver;
        this.sources = List.copyOf(b.sources);
        this.unknownCookies = b.unknownCookies;
        this.necessaryCookies = Set.copyOf(b.necessaryCookies);
        this.inventorySize = b.inventorySize;
        this.unknownHosts = b.unknownHosts;
        this.firstPartyHosts = Set.copyOf(b.firstPartyHosts);
        this.discoverySize = b.discoverySize;
        this.inventoryToken = b.inventoryToken;
        this.traffic = new SiteTraffic(discovery, unknownHosts, firstPartyHosts);
        this.recordSink = b.recordSink;
        this.choiceRatePerSecond = b.choiceRatePerSecond;
        this.choiceRateBurst = b.choiceRateBurst;
        this.cacheMode = b.cacheMode;
        this.maxBody = b.maxBody;
        this.allowedOrigins = Set.copyOf(b.allowedOrigins);
        this.gpcLastUpdate = b.gpcLastUpdate;
        this.recordGpcOptOuts = b.recordGpcOptOuts;
        this.recordClientAddress = b.recordClientAddress;
        this.recordUserAgent = b.recordUserAgent;
        this.banner = banner;
        this.csp = csp;
        this.iab = b.iab;
        this.iabPage = iabPage;
        HeadMarkup other = b.headMarkup;
        if (banner != null && banner.config().autoInject() && iabPage != null) {
            // The IAB page APIs' stub right after the banner's markup, before any tag of the page.
            HeadMarkup apis = new IabHeadMarkup(banner, iabPage);
            HeadMarkup rest = b.headMarkup;
            other = rest == HeadMarkup.NONE ? apis : (request, context) -> apis.markup(request, context)
                    + rest.markup(request, context);
        }
        HeadMarkup head = banner == null || !banner.config().autoInject() ? b.headMarkup
                : BannerHeadMarkup.before(new BannerHeadMarkup(banner, csp), other);
        this.bodyTransformer = b.bodyTransformer != BodyTransformer.NONE || !b.htmlGateEnabled
                ? b.bodyTransformer
                : new HtmlBodyTransformer(b.htmlGate != null ? b.htmlGate : HtmlGate.of(engine.catalog()), head,
                        csp == null ? GatedHtmlHeaders.NONE : new CspHeaders(csp), traffic,
                        banner != null && banner.config().autoInject());
        this.cookieCustomizer = b.cookieCustomizer;
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The engine that decides (catalog and jurisdictions): the one given, or the bundled default. */
    public ConsentEngine engine() {
        return engine;
    }

    /** The configured signing keys; empty means a key is generated at start-up (with a warning). */
    public Optional<KeySet> keys() {
        return Optional.ofNullable(keys);
    }

    /** The consent cookie's name. */
    public String cookieName() {
        return cookieName;
    }

    /** Whether the consent cookie is {@code Secure}. */
    public boolean secureCookie() {
        return secureCookie;
    }

    /** The consent cookie's {@code Domain}; empty for host-only. */
    public String cookieDomain() {
        return cookieDomain;
    }

    /** Domains on which cookies of refused services are also expired (besides host-only). */
    public List<String> expireDomains() {
        return expireDomains;
    }

    /**
     * Whether refused cookies are also expired on every parent domain of the request's host
     * ({@code example.com} for a request to {@code www.example.com}); {@code true} by default.
     */
    public boolean expireParentDomains() {
        return expireParentDomains;
    }

    /** The endpoint prefix, e.g. {@code /consent}. */
    public String prefix() {
        return prefix;
    }

    /** How the visitor's location is found. */
    public JurisdictionResolver jurisdictionResolver() {
        return resolver;
    }

    /** Further consent sources, asked after the signed cookie. */
    public List<ConsentSource> sources() {
        return sources;
    }

    /** What happens to cookies the catalog does not know. */
    public UnknownCookiePolicy unknownCookies() {
        return unknownCookies;
    }

    /** Cookie names always allowed besides the catalog's necessary services. */
    public Set<String> necessaryCookies() {
        return necessaryCookies;
    }

    /** How many unknown cookie names the inventory keeps. */
    public int inventorySize() {
        return inventorySize;
    }

    /** What the HTML gate does with third-party hosts the catalog does not know; report by default. */
    public UnknownHostPolicy unknownHosts() {
        return unknownHosts;
    }

    /** Hosts (each with its subdomains) that are the site's own besides the request's host. */
    public Set<String> firstPartyHosts() {
        return firstPartyHosts;
    }

    /** How many distinct sightings discovery keeps. */
    public int discoverySize() {
        return discoverySize;
    }

    /** Whether the operators' discovery endpoint {@code {prefix}/inventory} is on (a token is configured). */
    public boolean inventoryEndpoint() {
        return !inventoryToken.isEmpty();
    }

    /** The bearer token of the inventory endpoint; empty when it is off. */
    String inventoryToken() {
        return inventoryToken;
    }

    /** Discovery and the unknown-host policy of the filter built from this configuration. */
    SiteTraffic traffic() {
        return traffic;
    }

    /** Where consent records go. */
    public ConsentRecordSink recordSink() {
        return recordSink;
    }

    /** Choices (and subject access requests) allowed per client per second; 0 when unlimited. */
    public double choiceRatePerSecond() {
        return choiceRatePerSecond;
    }

    /** How many choices a client may make at once before the per-second rate applies. */
    public int choiceRateBurst() {
        return choiceRateBurst;
    }

    /** How consent-dependent responses are marked for caches. */
    public CacheMode cacheMode() {
        return cacheMode;
    }

    /** The largest request body the endpoints read, in bytes. */
    public int maxBody() {
        return maxBody;
    }

    /** Origins besides the request's own that may post choices, as {@code scheme://host:port}. */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** The {@code lastUpdate} of {@code /.well-known/gpc.json}; empty means the start-up date. */
    public Optional<LocalDate> gpcLastUpdate() {
        return Optional.ofNullable(gpcLastUpdate);
    }

    /** Whether a GPC opt-out that changes a stored grant is recorded and written to the cookie. */
    public boolean recordGpcOptOuts() {
        return recordGpcOptOuts;
    }

    /** Whether records keep the client address, truncated (IPv4 /24, IPv6 /48). */
    public boolean recordClientAddress() {
        return recordClientAddress;
    }

    /** Whether records keep the user agent. */
    public boolean recordUserAgent() {
        return recordUserAgent;
    }

    /** The banner's configuration; empty when the filter serves no banner. */
    public Optional<BannerConfig> banner() {
        return banner == null ? Optional.empty() : Optional.of(banner.config());
    }

    /** The banner built for this configuration, or null when it is off. */
    @Nullable Banner bannerInstance() {
        return banner;
    }

    BodyTransformer bodyTransformer() {
        return bodyTransformer;
    }

    /** The HTML gate the filter streams {@code text/html} bodies through; empty when it is turned off. */
    public Optional<HtmlGate> htmlGate() {
        return bodyTransformer instanceof HtmlBodyTransformer html ? Optional.of(html.gate()) : Optional.empty();
    }

    /** What is done to the consent cookie after the filter set its attributes; nothing by default. */
    public Consumer<Cookie> cookieCustomizer() {
        return cookieCustomizer;
    }

    /**
     * The consent-derived Content-Security-Policy's configuration; empty when it is off or the HTML gate,
     * which adds it to HTML responses, is off.
     */
    public Optional<CspConfig> csp() {
        return csp == null ? Optional.empty() : Optional.of(csp.config());
    }

    /** The policy built for this configuration, or null when it is off. */
    @Nullable ContentSecurityPolicy cspInstance() {
        return csp;
    }

    /** The IAB signals' configuration; {@link IabConfig#off()} by default. */
    public IabConfig iab() {
        return iab;
    }

    /** The IAB signals built for this configuration, or null when they are off. */
    @Nullable IabPage iabInstance() {
        return iabPage;
    }

    @Override
    public String toString() {
        return "ConsentFilterConfig[prefix=" + prefix + ", cookie=" + cookieName + ", secure=" + secureCookie
                + ", keys=" + (keys == null ? "generated" : keys) + ", jurisdiction=" + resolver
                + ", unknownCookies=" + unknownCookies + ", unknownHosts=" + unknownHosts
                + ", inventoryEndpoint=" + (inventoryToken.isEmpty() ? "off" : "on") + ", cache=" + cacheMode + ", sink=" + recordSink
                + ", banner=" + (banner == null ? "off" : banner.config()) + ", csp=" + (csp == null ? "off" : csp.config())
                + "]";
    }

    /** Configures a {@link ConsentFilterConfig}. Not thread-safe. */
    public static final class Builder {
        private @Nullable ConsentEngine engine;
        private List<Path> catalogFiles = List.of();
        private @Nullable Path jurisdictionsFile;
        private @Nullable Path consentPolicyFile;
        private @Nullable KeySet keys;
        private String cookieName = DEFAULT_COOKIE_NAME;
        private boolean secureCookie = true;
        private String cookieDomain = "";
        private List<String> expireDomains = List.of();
        private boolean expireParentDomains = true;
        private String prefix = DEFAULT_PREFIX;
        private JurisdictionResolver resolver = JurisdictionResolver.none();
        private final List<ConsentSource> sources = new ArrayList<>();
        private UnknownCookiePolicy unknownCookies = UnknownCookiePolicy.BLOCK;
        private Set<String> necessaryCookies = Set.of();
        private int inventorySize = DEFAULT_INVENTORY_SIZE;
        private UnknownHostPolicy unknownHosts = UnknownHostPolicy.REPORT;
        private Set<String> firstPartyHosts = Set.of();
        private int discoverySize = org.consent4j.core.discovery.Discovery.DEFAULT_CAPACITY;
        private String inventoryToken = "";
        private ConsentRecordSink recordSink = ConsentRecordSink.NONE;
        private double choiceRatePerSecond = 2;
        private int choiceRateBurst = 60;
        private CacheMode cacheMode = CacheMode.VARY;
        private int maxBody = DEFAULT_MAX_BODY;
        private Set<String> allowedOrigins = Set.of();
        private @Nullable LocalDate gpcLastUpdate;
        private boolean recordGpcOptOuts = true;
        private boolean recordClientAddress;
        private boolean recordUserAgent;
        private BodyTransformer bodyTransformer = BodyTransformer.NONE;
        // The banner's properties, kept one by one so that text settings can override a BannerConfig.
        private boolean banner = true;
        private String privacyPolicyUrl = "";
        private @Nullable String bannerLanguage;
        private @Nullable BannerTexts bannerTexts;
        private boolean consentMode;
        private @Nullable ConsentModeMapping consentModeMapping;
        private @Nullable Duration consentModeWait;
        private boolean bannerInject = true;
        private boolean bannerPlaceholders = true;
        private String cspNonceAttribute = "";
        private boolean htmlGateEnabled = true;
        private @Nullable HtmlGate htmlGate;
        private HeadMarkup headMarkup = HeadMarkup.NONE;
        private Consumer<Cookie> cookieCustomizer = cookie -> { };
        private CspConfig csp = CspConfig.defaults();
        private IabConfig iab = IabConfig.off();

        private Builder() {
        }

        /**
         * The IAB signals (GPP, TCF v2.2 TC string, US Privacy string and the page APIs
         * {@code __gpp}, {@code __tcfapi}, {@code __uspapi}); {@link IabConfig#off()} by default, as most
         * sites need none.
         */
        public Builder iab(IabConfig config) {
            this.iab = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The IAB configuration set so far, for the text settings to change one property at a time. */
        IabConfig iabConfig() {
            return iab;
        }

        /**
         * The engine (catalog, jurisdictions, clock) that decides. Without one, the filter builds its own
         * from the bundled catalog and jurisdiction table, with the site files given by
         * {@link #catalogFiles} and {@link #jurisdictionsFile} on top.
         */
        public Builder engine(ConsentEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * The site's catalog files, applied in order on top of the bundled catalog, for the engine the
         * filter builds when none is given.
         */
        public Builder catalogFiles(List<Path> files) {
            this.catalogFiles = List.copyOf(files);
            return this;
        }

        /**
         * A file of jurisdiction entries that add to or replace the bundled table's, for the engine the
         * filter builds when none is given.
         */
        public Builder jurisdictionsFile(Path file) {
            this.jurisdictionsFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * A consent-policy JSON file ({@link ConsentPolicy#load}) for the engine the filter builds when
         * none is given.
         */
        public Builder consentPolicyFile(Path file) {
            this.consentPolicyFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The signing keys, shared by every instance. Without them a random key is generated at
         * start-up, with a warning: choices then do not survive a restart or span instances.
         */
        public Builder keys(KeySet keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * The consent cookie's name; {@value #DEFAULT_COOKIE_NAME} by default.
         *
         * @throws IllegalArgumentException if not an RFC 6265 cookie name (an HTTP token)
         */
        public Builder cookieName(String name) {
            Objects.requireNonNull(name, "name");
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("cookie name '" + name + "' is not a valid cookie name (letters, digits and !#$%&'*+.^_`|~-)");
            }
            this.cookieName = name;
            return this;
        }

        /**
         * Whether the consent cookie is {@code Secure}: {@code true} by default; set {@code false} only
         * for development over plain HTTP (browsers other than on localhost drop Secure cookies there).
         */
        public Builder secureCookie(boolean secure) {
            this.secureCookie = secure;
            return this;
        }

        /**
         * The consent cookie's {@code Domain}, to share the choice across subdomains; host-only by
         * default.
         *
         * @throws IllegalArgumentException if not a host name
         */
        public Builder cookieDomain(String domain) {
            this.cookieDomain = host(domain, "cookie-domain");
            return this;
        }

        /**
         * Domains on which cookies of refused services are also expired, for cookies set with a
         * {@code Domain} attribute (e.g. {@code _ga} on {@code example.com}); host-only expiry always
         * happens.
         *
         * @throws IllegalArgumentException if one is not a host name
         */
        public Builder expireDomains(List<String> domains) {
            List<String> list = new ArrayList<>();
            for (String d : domains) {
                list.add(host(d, "expire-domains"));
            }
            this.expireDomains = List.copyOf(list);
            return this;
        }

        /**
         * Whether cookies of refused services are also expired on every parent domain of the
         * request's host, so a {@code _ga} set with {@code Domain=example.com} goes when a visitor of
         * {@code www.example.com} withdraws; {@code true} by default. No public-suffix list is needed:
         * browsers refuse a {@code Domain} that is a public suffix (RFC 6265 §5.3 step 5), so an
         * expiry for {@code co.uk} is ignored and costs one header.
         */
        public Builder expireParentDomains(boolean expire) {
            this.expireParentDomains = expire;
            return this;
        }

        /**
         * The path of the consent endpoints; {@value #DEFAULT_PREFIX} by default.
         *
         * @throws IllegalArgumentException if it does not start with '/', ends with '/', or has
         *                                  characters other than letters, digits, '.', '_', '~', '-'
         */
        public Builder prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("prefix '" + prefix
                        + "' must start with '/', not end with '/', and hold only letters, digits, '.', '_', '~', '-' between slashes");
            }
            this.prefix = prefix;
            return this;
        }

        /** How to find the visitor's location; {@link JurisdictionResolver#none()} (fallback for all) by default. */
        public Builder jurisdictionResolver(JurisdictionResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Adds a consent source asked after the signed cookie (and after sources added before), as
         * {@link #source(ConsentSource)} does.
         *
         * @deprecated use {@link #source(ConsentSource)}, named like the builders' other adders
         */
        @Deprecated
        public Builder addSource(ConsentSource source) {
            return source(source);
        }

        /** Adds a consent source asked after the signed cookie (and after sources added before). */
        public Builder source(ConsentSource source) {
            this.sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** What to do with cookies the catalog does not know; {@link UnknownCookiePolicy#BLOCK} by default. */
        public Builder unknownCookies(UnknownCookiePolicy policy) {
            this.unknownCookies = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Cookie names always allowed, besides those of the catalog's necessary services. */
        public Builder necessaryCookies(Set<String> names) {
            for (String n : names) {
                if (!TOKEN.matcher(n).matches()) {
                    throw new IllegalArgumentException("necessary cookie '" + n + "' is not a valid cookie name");
                }
            }
            this.necessaryCookies = Set.copyOf(names);
            return this;
        }

        /**
         * How many unknown cookie names the inventory keeps; {@value #DEFAULT_INVENTORY_SIZE} by default.
         *
         * @throws IllegalArgumentException if not between 1 and 100,000
         */
        public Builder inventorySize(int size) {
            if (size < 1 || size > 100_000) {
                throw new IllegalArgumentException("inventory-size must be between 1 and 100000, was " + size);
            }
            this.inventorySize = size;
            return this;
        }

        /**
         * What the HTML gate does with third-party hosts the catalog does not know:
         * {@link UnknownHostPolicy#REPORT} by default.
         */
        public Builder unknownHosts(UnknownHostPolicy policy) {
            this.unknownHosts = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Hosts that are the site's own besides the host each request names (a CDN, a static host); each
         * covers its subdomains. Never reported or blocked as unknown third parties.
         *
         * @throws IllegalArgumentException for a value that is not a host name
         */
        public Builder firstPartyHosts(Set<String> hosts) {
            Set<String> h = new LinkedHashSet<>();
            for (String x : hosts) {
                h.add(host(x, "first-party host"));
            }
            this.firstPartyHosts = Set.copyOf(h);
            return this;
        }

        /**
         * How many distinct sightings (unknown hosts and cookies, undeclared services) discovery keeps;
         * {@value org.consent4j.core.discovery.Discovery#DEFAULT_CAPACITY} by default.
         *
         * @throws IllegalArgumentException if not between 1 and 100,000
         */
        public Builder discoverySize(int size) {
            if (size < 1 || size > 100_000) {
                throw new IllegalArgumentException("discovery-size must be between 1 and 100000, was " + size);
            }
            this.discoverySize = size;
            return this;
        }

        /**
         * Turns on the operators' discovery endpoint, {@code GET {prefix}/inventory}, readable only with
         * {@code Authorization: Bearer <token>}. Off by default.
         *
         * @throws IllegalArgumentException for a token shorter than 24 characters or with characters
         *                                  outside the base64url alphabet and {@code .~+/=}
         */
        public Builder inventoryToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < 24 || !token.matches("[A-Za-z0-9._~+/=-]+")) {
                throw new IllegalArgumentException("the inventory token must be at least 24 characters of letters,"
                        + " digits and -._~+/= (generate one with: openssl rand -base64 32)");
            }
            this.inventoryToken = token;
            return this;
        }

        /**
         * Where consent records go; {@link ConsentRecordSink#NONE} by default. A sink that throws
         * {@link org.consent4j.records.RecordWriteException} makes the choice fail with 503.
         */
        public Builder recordSink(ConsentRecordSink sink) {
            this.recordSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * The per-client limit on {@code POST}/{@code DELETE} of choices and on subject access requests (by
         * client address): {@code burst} at once, then {@code perSecond}; over it, 429 with
         * {@code Retry-After}. Default 2 per second in bursts of 60: far above people clicking, far below
         * a script filling the disk. {@code perSecond} 0 turns the limit off.
         *
         * @throws IllegalArgumentException for a negative rate or a burst below 1
         */
        public Builder choiceRateLimit(double perSecond, int burst) {
            if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("choiceRateLimit perSecond must be >= 0 (0 turns it off), was " + perSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("choiceRateLimit burst must be >= 1, was " + burst);
            }
            this.choiceRatePerSecond = perSecond;
            this.choiceRateBurst = burst;
            return this;
        }

        /** How consent-dependent responses are marked for caches; {@link CacheMode#VARY} by default. */
        public Builder cacheMode(CacheMode mode) {
            this.cacheMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The largest request body the endpoints read; {@value #DEFAULT_MAX_BODY} bytes by default.
         *
         * @throws IllegalArgumentException if not between 256 and 1,048,576
         */
        public Builder maxBody(int bytes) {
            if (bytes < 256 || bytes > 1_048_576) {
                throw new IllegalArgumentException("max-body must be between 256 and 1048576 bytes, was " + bytes);
            }
            this.maxBody = bytes;
            return this;
        }

        /**
         * Origins besides the request's own allowed to post choices, e.g. {@code https://www.example.com}
         * when a proxy terminates TLS and the container sees plain HTTP.
         *
         * @throws IllegalArgumentException if one is not a {@code scheme://host[:port]} origin
         */
        public Builder allowedOrigins(Set<String> origins) {
            Set<String> set = new LinkedHashSet<>();
            for (String o : origins) {
                String n = CrossSite.normalize(o);
                if (n == null) {
                    throw new IllegalArgumentException("allowed origin '" + o + "' is not an origin such as https://www.example.com");
                }
                set.add(n);
            }
            this.allowedOrigins = Set.copyOf(set);
            return this;
        }

        /** The {@code lastUpdate} date served in {@code /.well-known/gpc.json}; the start-up date by default. */
        public Builder gpcLastUpdate(LocalDate date) {
            this.gpcLastUpdate = Objects.requireNonNull(date, "date");
            return this;
        }

        /**
         * Whether a visitor who arrives with GPC, where it is honoured, holding a stored grant that GPC
         * overrides gets one {@code GPC_OPT_OUT} record and a rewritten cookie; on by default.
         */
        public Builder recordGpcOptOuts(boolean record) {
            this.recordGpcOptOuts = record;
            return this;
        }

        /** Whether records keep the client address, truncated to /24 (IPv4) or /48 (IPv6); off by default. */
        public Builder recordClientAddress(boolean record) {
            this.recordClientAddress = record;
            return this;
        }

        /** Whether records keep the user agent; off by default. */
        public Builder recordUserAgent(boolean record) {
            this.recordUserAgent = record;
            return this;
        }

        /**
         * Turns the banner on with this configuration (it is on by default, with
         * {@link BannerConfig#defaults()}): the filter then serves {@code {prefix}/assets/*} and
         * {@code {prefix}/cookies} and gives HTML responses the banner loader.
         */
        public Builder banner(BannerConfig config) {
            Objects.requireNonNull(config, "config");
            this.banner = true;
            this.privacyPolicyUrl = config.privacyPolicyUrl();
            this.bannerLanguage = config.defaultLanguage();
            this.bannerTexts = config.texts();
            this.consentMode = config.consentMode();
            this.consentModeMapping = config.consentModeMapping();
            this.consentModeWait = config.consentModeWaitForUpdate();
            this.bannerInject = config.autoInject();
            this.bannerPlaceholders = config.placeholders();
            this.cspNonceAttribute = config.cspNonceAttribute();
            return this;
        }

        /**
         * Whether {@code text/html} bodies stream through the HTML gate, which makes the scripts,
         * iframes, images and links of services the visitor has not allowed inert (default true). A
         * gate built from the engine's catalog with default options is used unless
         * {@link #htmlGate(HtmlGate)} gives one.
         */
        public Builder htmlGate(boolean enabled) {
            this.htmlGateEnabled = enabled;
            return this;
        }

        /**
         * Whether the filter serves the banner (on by default). Off, paths under the prefix other than
         * the endpoint itself reach the application, and HTML responses get no loader: for sites with
         * their own consent interface built on the endpoints.
         */
        public Builder banner(boolean enabled) {
            this.banner = enabled;
            return this;
        }

        /**
         * The HTML gate to use (turns it on); it must be built from the engine's catalog.
         *
         * @throws IllegalArgumentException at {@link #build()} when its catalog is not the engine's
         */
        public Builder htmlGate(HtmlGate gate) {
            this.htmlGate = Objects.requireNonNull(gate, "gate");
            this.htmlGateEnabled = true;
            return this;
        }

        /** The markup the HTML gate puts at the top of {@code <head>} of each gated page (default none). */
        public Builder headMarkup(HeadMarkup markup) {
            this.headMarkup = Objects.requireNonNull(markup, "markup");
            return this;
        }

        /**
         * Adjusts the consent cookie after the filter set its attributes (name, value, {@code Path=/},
         * {@code Max-Age}, {@code Secure}, {@code HttpOnly}, {@code SameSite=Lax}, {@code Domain}), e.g. to
         * add {@code Partitioned} or {@code Priority}. Called for every consent cookie the filter
         * writes; must be thread-safe.
         */
        public Builder cookieCustomizer(Consumer<Cookie> customizer) {
            this.cookieCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * The consent-derived Content-Security-Policy ({@link CspConfig#defaults()}, report-only, unless
         * given): each visitor's HTML pages list only the hosts of the services that visitor allows. It
         * needs the HTML gate, which adds it to the pages it rewrites. Text settings {@code csp…} change
         * this configuration's properties one by one.
         */
        public Builder csp(CspConfig config) {
            this.csp = Objects.requireNonNull(config, "config");
            return this;
        }

        Builder bodyTransformer(BodyTransformer transformer) {
            this.bodyTransformer = Objects.requireNonNull(transformer, "transformer");
            return this;
        }

        /**
         * Applies text settings (see the class documentation for the names), each through the builder
         * method it stands for.
         *
         * @throws IllegalArgumentException naming the setting for an unknown name or a bad value
         */
        public Builder settings(Map<String, String> settings) {
            return settings(settings, System::getenv);
        }

        Builder settings(Map<String, String> settings, Function<String, @Nullable String> environment) {
            ConsentFilterSettings.apply(this, settings, environment);
            return this;
        }

        /**
         * Applies the settings of a JSON file: one object whose members are the text settings; values
         * are strings, booleans, numbers or arrays of strings. A name given twice is an error.
         *
         * @throws IllegalArgumentException naming the file, the JSON path and the problem
         */
        public Builder settingsFile(Path file) {
            return settings(ConsentFilterSettings.readJson(file), file.toString());
        }

        /**
         * Applies settings from JSON text, as {@link #settingsFile(Path)} does; {@code source} names the
         * text in errors.
         *
         * @throws IllegalArgumentException naming the source, the JSON path and the problem
         */
        public Builder settingsJson(String json, String source) {
            return settings(ConsentFilterSettings.readJson(json, source), source);
        }

        /**
         * Same as {@link #settingsFile(Path)}.
         *
         * @deprecated use {@link #settingsFile(Path)}, named like the other settings methods
         */
        @Deprecated
        public Builder json(Path file) {
            return settingsFile(file);
        }

        /**
         * Same as {@link #settingsJson(String, String)}.
         *
         * @deprecated use {@link #settingsJson(String, String)}, named like the other settings methods
         */
        @Deprecated
        public Builder json(String json, String source) {
            return settingsJson(json, source);
        }

        private Builder settings(Map<String, String> settings, String source) {
            try {
                return settings(settings);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
        }

        /** The consent-derived policy's configuration as set so far, for the text settings. */
        CspConfig cspConfig() {
            return csp;
        }

        // The banner's properties one by one, for the text settings; BannerConfig's own setters check
        // each value here, so the error names the setting rather than a later build().
        Builder bannerInject(boolean inject) {
            this.bannerInject = inject;
            return this;
        }

        Builder bannerPlaceholders(boolean enabled) {
            this.bannerPlaceholders = enabled;
            return this;
        }

        Builder bannerLanguage(String language) {
            BannerConfig.builder().defaultLanguage(language);
            this.bannerLanguage = language;
            return this;
        }

        Builder privacyPolicyUrl(String url) {
            BannerConfig.builder().privacyPolicyUrl(url);
            this.privacyPolicyUrl = url;
            return this;
        }

        Builder consentMode(boolean enabled) {
            this.consentMode = enabled;
            return this;
        }

        Builder consentModeWaitForUpdate(Duration wait) {
            BannerConfig.builder().consentModeWaitForUpdate(wait);
            this.consentModeWait = wait;
            return this;
        }

        Builder cspNonceAttribute(String attributeName) {
            BannerConfig.builder().cspNonceAttribute(attributeName);
            this.cspNonceAttribute = attributeName;
            return this;
        }

        private static String host(String domain, String what) {
            Objects.requireNonNull(domain, "domain");
            if (!HOST.matcher(domain).matches() || domain.length() > 253) {
                throw new IllegalArgumentException(what + " '" + domain + "' is not a host name such as example.com");
            }
            return domain.toLowerCase(Locale.ROOT);
        }

        /**
         * The configuration.
         *
         * @throws IllegalStateException    if both an engine and catalog or jurisdiction files were given
         * @throws org.consent4j.core.catalog.CatalogException if a catalog file is invalid (every problem listed)
         * @throws org.consent4j.core.jurisdiction.JurisdictionException if the jurisdictions file is invalid
         * @throws IllegalArgumentException if the banner settings do not fit together or with the catalog (a
         *                                  default language without texts, a Consent Mode mapping naming a
         *                                  category the catalog lacks), or the CSP settings do not (services
         *                                  the catalog lacks; {@code enforce} with the HTML gate off or with a
         *                                  policy that could grow too long)
         */
        public ConsentFilterConfig build() {
            ConsentEngine engine = this.engine;
            if (engine == null) {
                engine = ConsentEngine.builder()
                        .catalog(catalogFiles.isEmpty() ? Catalogs.bundled() : Catalogs.load(catalogFiles.toArray(Path[]::new)))
                        .jurisdictions(jurisdictionsFile == null ? Jurisdictions.bundled() : Jurisdictions.load(jurisdictionsFile))
                        .policy(consentPolicyFile == null ? ConsentPolicy.DEFAULT : ConsentPolicy.load(consentPolicyFile))
                        .build();
            } else if (!catalogFiles.isEmpty() || jurisdictionsFile != null || consentPolicyFile != null) {
                throw new IllegalStateException("both an engine and catalog or jurisdiction files were given: the files "
                        + "only build the filter's own engine; load them into the engine you pass instead");
            }
            if (htmlGate != null && !htmlGate.catalog().revision().equals(engine.catalog().revision())) {
                throw new IllegalArgumentException("the HTML gate's catalog (revision " + htmlGate.catalog().revision()
                        + ") is not the engine's (revision " + engine.catalog().revision()
                        + "): build it with HtmlGate.builder(engine.catalog())");
            }
            Discovery discovery = Discovery.of(engine.catalog(), discoverySize, engine.clock());
            ContentSecurityPolicy policy = null;
            if (csp.mode() != CspMode.OFF) {
                if (!htmlGateEnabled || bodyTransformer != BodyTransformer.NONE) {
                    if (csp.mode() == CspMode.ENFORCE) {
                        throw new IllegalArgumentException("csp=enforce needs the HTML gate, which adds the policy to "
                                + "the HTML pages it rewrites: turn html-gate on, or set csp=off");
                    }
                } else {
                    CspConfig cspConfig = csp;
                    if (cspConfig.nonceAttribute().isEmpty() && !cspNonceAttribute.isEmpty()) {
                        cspConfig = cspConfig.toBuilder().nonceAttribute(cspNonceAttribute).build();
                    }
                    // Reported violations also feed the site's discovery: unknown hosts, undeclared services.
                    cspConfig = cspConfig.toBuilder().listener(new DiscoveryReports(cspConfig.listener(), discovery))
                            .build();
                    // The policy lists the hosts of the services the site uses, not of every catalogued one.
                    policy = ContentSecurityPolicy.create(engine.catalog().inventory().catalog(), cspConfig, prefix,
                            engine.clock());
                }
            }
            // The banner, its declaration and boot state speak of the services the site uses only.
            return new ConsentFilterConfig(this, engine,
                    banner ? Banner.create(engine.catalog().inventory().catalog(), bannerConfig(policy), prefix) : null,
                    policy, discovery, IabPage.of(iab, engine.catalog()));
        }

        private BannerConfig bannerConfig(@Nullable ContentSecurityPolicy policy) {
            BannerConfig.Builder b = BannerConfig.builder().autoInject(bannerInject).consentMode(consentMode)
                    .placeholders(bannerPlaceholders);
            if (!privacyPolicyUrl.isEmpty()) {
                b.privacyPolicyUrl(privacyPolicyUrl);
            }
            if (bannerTexts != null) {
                b.texts(bannerTexts);
            }
            if (bannerLanguage != null) {
                b.defaultLanguage(bannerLanguage);
            }
            if (consentModeMapping != null) {
                b.consentModeMapping(consentModeMapping);
            }
            if (consentModeWait != null) {
                b.consentModeWaitForUpdate(consentModeWait);
            }
            if (policy != null && !policy.config().unsafeInlineScripts()) {
                // The consent policy's nonce, which is the application's own when it has one.
                b.cspNonceAttribute(CspNonce.ATTRIBUTE);
            } else if (!cspNonceAttribute.isEmpty()) {
                b.cspNonceAttribute(cspNonceAttribute);
            }
            return b.build();
        }
    }
}
