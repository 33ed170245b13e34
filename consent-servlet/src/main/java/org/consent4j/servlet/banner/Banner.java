package org.consent4j.servlet.banner;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.internal.html.HtmlEscaper;
import org.consent4j.servlet.banner.AssetHandler.Asset;
import org.consent4j.servlet.banner.AssetHandler.Cache;
import org.consent4j.servlet.csp.ContentSecurityPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The banner's server side for one catalog and configuration: serves the script, stylesheet and
 * texts under {@code {prefix}/assets/}, the cookie declaration at {@code {prefix}/cookies}, and builds
 * the markup the filter places at the top of {@code <head>}.
 *
 * <p>Everything that does not depend on the visitor is rendered once, at first use per context
 * path, and served with an ETag; versioned asset URLs are cacheable for a year. Thread-safe; create
 * one per filter.
 *
 * <p>Resources under {@code {prefix}/assets/}:
 * <ul>
 * <li>{@code consent.js}, {@code consent.css}: the banner;</li>
 * <li>{@code texts/<lang>.json}: texts and links for the banner in one language;
 *     {@code texts.json} picks the language from {@code Accept-Language};</li>
 * <li>{@code catalog/<lang>.json}: categories and services with their cookies, for the second layer;</li>
 * <li>{@code consent-mode.js}: the visitor's Consent Mode default as a script, for pages that place
 *     the loader themselves under a CSP that forbids inline scripts (Consent Mode on only);</li>
 * <li>{@code iab.js}: the IAB page APIs {@code __gpp}, {@code __tcfapi} and {@code __uspapi}, for sites
 *     with IAB signals on ({@link #iabMarkup}).</li>
 * </ul>
 */
public final class Banner {

    /** The servlet context attribute under which the consent filter puts its banner, when it has one. */
    public static final String ATTRIBUTE = "org.consent4j.servlet.banner.Banner";

    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern LANG_PARAM = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");

    private final Catalog catalog;
    private final BannerConfig config;
    private final String prefix;
    private final List<String> languages;
    private final Set<String> supported;
    private final Map<String, Texts> texts;
    private final Map<String, CatalogView> views;
    private final Asset script;
    private final Asset css;
    /** The IAB page APIs ({@code __gpp}, {@code __tcfapi}, {@code __uspapi}) and their inline stub. */
    private final Asset iabScript;
    private final String iabStub;
    /** The IAB data block per page data: the distinct decisions are few. */
    private final com.github.benmanes.caffeine.cache.Cache<String, String> iabBlocks =
            Caffeine.newBuilder().maximumSize(4096).build();
    private final Map<String, Rendered> byContext = new ConcurrentHashMap<>();
    /** Per language, the texts document a record's textsHash names: language, catalog revision, texts. */
    private final Map<String, ShownTexts> shown;

    /** What a visitor was shown in one language, as archived bytes, and their SHA-256. */
    private record ShownTexts(byte[] document, String hash) {
    }
    /** Head markup per context path, language and {@link BootState#key}: the distinct visitor states are few. */
    private final com.github.benmanes.caffeine.cache.Cache<String, HeadTemplate> heads =
            Caffeine.newBuilder().maximumSize(4096).build();
    /** The language per {@code Accept-Language} value: browsers send few distinct ones. */
    private final com.github.benmanes.caffeine.cache.Cache<String, String> languageByHeader =
            Caffeine.newBuilder().maximumSize(1024).build();

    /** What depends on the context path: URLs, texts and catalog documents and declaration pages per language. */
    private record Rendered(Urls urls, Map<String, Asset> texts, Map<String, Asset> catalogs, Map<String, Asset> declarations) {
    }

    private Banner(Catalog catalog, BannerConfig config, String prefix) {
        this.catalog = catalog;
        this.config = config;
        this.prefix = prefix;
        Set<String> langs = new LinkedHashSet<>(Texts.BUNDLED);
        langs.addAll(config.texts().languages());
        this.languages = List.copyOf(langs);
        this.supported = Set.copyOf(langs);
        Map<String, Texts> t = new LinkedHashMap<>();
        Map<String, CatalogView> v = new LinkedHashMap<>();
        for (String lang : languages) {
            Texts tx = Texts.of(lang, config.texts());
            t.put(lang, tx);
            v.put(lang, CatalogView.of(catalog, tx));
        }
        this.texts = Map.copyOf(t);
        this.views = Map.copyOf(v);
        Map<String, ShownTexts> sh = new LinkedHashMap<>();
        for (String lang : languages) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("lang", lang);
            doc.put("revision", catalog.revision());
            doc.put("texts", new java.util.TreeMap<>(forLanguage(t, lang).all()));
            byte[] bytes = Json.write(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sh.put(lang, new ShownTexts(bytes, org.consent4j.records.TextsArchive.hashOf(bytes)));
        }
        this.shown = Map.copyOf(sh);
        this.script = Asset.resource(AssetHandler.JS, "consent.js");
        this.css = Asset.resource(AssetHandler.CSS, "consent.css");
        this.iabScript = Asset.resource(AssetHandler.JS, "iab.js");
        this.iabStub = new String(Asset.resource(AssetHandler.JS, "iab-stub.js").body(),
                java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /**
     * The banner for a catalog and configuration, serving under {@code prefix} (e.g. {@code /consent},
     * relative to the context path).
     *
     * @throws IllegalArgumentException for a malformed prefix, or when Consent Mode is on and its
     *                                  mapping names a category the catalog does not have
     */
    public static Banner create(Catalog catalog, BannerConfig config, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "banner prefix '%s' must be a path such as '/consent': start with '/', no trailing '/', "
                            + "letters, digits, '.', '_', '~' or '-'", prefix));
        }
        if (config.consentMode()) {
            List<String> problems = new ArrayList<>();
            config.consentModeMapping().asMap().forEach((type, cats) -> cats.stream()
                    .filter(c -> catalog.category(c).isEmpty())
                    .forEach(c -> problems.add(type + " -> " + c)));
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the Consent Mode mapping names categories the catalog does not have: %s; catalog categories: %s; "
                                + "give a ConsentModeMapping that uses them",
                        problems, catalog.categories().stream().map(c -> c.id()).toList()));
            }
        }
        return new Banner(catalog, config, prefix);
    }

    /**
     * The texts document the banner names by {@code hash} when a visitor makes a choice: the language,
     * the catalog revision and every text shown, as JSON; empty for a hash this banner did not render.
     * Records carry the hash; the record sink's texts archive keeps the document.
     */
    public Optional<byte[]> shownTexts(String hash) {
        for (ShownTexts s : shown.values()) {
            if (s.hash().equals(hash)) {
                return Optional.of(s.document().clone());
            }
        }
        return Optional.empty();
    }

    /** The configuration. */
    public BannerConfig config() {
        return config;
    }

    /** The languages the banner speaks: the bundled ones and those the site added texts for. */
    public List<String> languages() {
        return languages;
    }

    /** Whether a path (relative to the context path) is one of the banner's: assets or the declaration. */
    public boolean handles(String path) {
        return path.equals(prefix + "/cookies") || path.startsWith(prefix + "/assets/");
    }

    /**
     * The cookie the language switcher sets when a visitor picks a language (the banner's script
     * writes it; the server only reads it). A user-interface preference the visitor explicitly asked
     * for, exempt from consent (Article 29 Working Party, Opinion 04/2012 on Cookie Consent Exemption,
     * WP194, §3.6 "UI customization cookies", which names the language preference); listed under the
     * {@code consent4j} service of the bundled catalog.
     */
    public static final String LANGUAGE_COOKIE = "consent4j_lang";

    /**
     * The banner language for this request: the language the visitor picked in the switcher (the
     * {@value #LANGUAGE_COOKIE} cookie) when the banner speaks it, else the best match of its
     * {@code Accept-Language}, else the configured default.
     */
    public String language(HttpServletRequest request) {
        String chosen = chosenLanguage(request);
        if (chosen != null) {
            return chosen;
        }
        String negotiated = negotiated(request);
        if (negotiated.equals("pt")) {
            // Portuguese in Brazil defaults to Brazilian Portuguese: the language depends on the location here.
            String location = org.consent4j.servlet.ConsentContext.find(request)
                    .map(org.consent4j.servlet.ConsentContext::location).orElse("");
            return Languages.regional(negotiated, location, request.getHeader("Accept-Language"), supported);
        }
        return negotiated;
    }

    private String negotiated(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isEmpty()) {
            return config.defaultLanguage();
        }
        if (header.length() > 256) {
            return Languages.negotiate(header, supported, config.defaultLanguage());
        }
        return languageByHeader.get(header, h -> Languages.negotiate(h, supported, config.defaultLanguage()));
    }

    /** What a language-dependent response varies on: the location's headers too when it picks the language. */
    private String vary(HttpServletRequest request, List<String> locationHeaders) {
        if (locationHeaders.isEmpty() || !supported.contains("pt-BR") || chosenLanguage(request) != null
                || !negotiated(request).equals("pt")) {
            return "Accept-Language, Cookie";
        }
        return "Accept-Language, Cookie, " + String.join(", ", locationHeaders);
    }

    private @Nullable String chosenLanguage(HttpServletRequest request) {
        String header = request.getHeader("Cookie");
        if (header == null || !header.contains(LANGUAGE_COOKIE)) {
            return null;
        }
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (jakarta.servlet.http.Cookie c : cookies) {
            if (c.getName().equals(LANGUAGE_COOKIE) && supported.contains(c.getValue())) {
                return c.getValue();
            }
        }
        return null;
    }

    /**
     * Answers a request for which {@link #handles(String)} is true: GET or HEAD of an asset or of the
     * declaration (other methods get 405, unknown assets 404, both with a JSON error).
     *
     * @param visitor the visitor's consent, needed only for {@code consent-mode.js}
     */
    public void serve(HttpServletRequest request, HttpServletResponse response, Optional<VisitorConsent> visitor)
            throws IOException {
        serve(request, response, visitor, List.of());
    }

    /**
     * Like {@link #serve(HttpServletRequest, HttpServletResponse, Optional)}, naming in {@code Vary}
     * the headers the visitor's location is read from whenever it picks the language (Portuguese
     * in Brazil), so a shared cache keeps the variants apart.
     *
     * @param locationHeaders the jurisdiction resolver's request headers; empty for none
     */
    public void serve(HttpServletRequest request, HttpServletResponse response, Optional<VisitorConsent> visitor,
                      List<String> locationHeaders) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!handles(path)) {
            AssetHandler.error(response, HttpServletResponse.SC_NOT_FOUND, "not a banner resource");
            return;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            AssetHandler.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "banner resources answer GET and HEAD only");
            return;
        }
        Rendered rendered = rendered(request.getContextPath());
        if (path.equals(prefix + "/cookies")) {
            String lang = request.getParameter("lang");
            if (lang == null || !LANG_PARAM.matcher(lang).matches() || !supported.contains(lang)) {
                lang = language(request);
            }
            AssetHandler.send(request, response, forLanguage(rendered.declarations, lang), Cache.REVALIDATE, vary(request, locationHeaders),
                    Map.of("Content-Language", lang));
            return;
        }
        String name = path.substring(prefix.length() + "/assets/".length());
        String version = request.getParameter("v");
        switch (name) {
            case "consent.js" -> send(request, response, script, version);
            case "consent.css" -> send(request, response, css, version);
            case "iab.js" -> send(request, response, iabScript, version);
            case "texts.json" -> {
                String lang = language(request);
                AssetHandler.send(request, response, forLanguage(rendered.texts, lang), Cache.REVALIDATE, vary(request, locationHeaders),
                        Map.of("Content-Language", lang));
            }
            case "consent-mode.js" -> {
                if (!config.consentMode() || visitor.isEmpty()) {
                    AssetHandler.error(response, HttpServletResponse.SC_NOT_FOUND, "Consent Mode is not enabled");
                    return;
                }
                String body = LoaderMarkup.consentModeScript(consentModeDefaults(visitor.get()),
                        visitor.get().needsPrompt() ? config.consentModeWaitForUpdate().toMillis() : 0);
                AssetHandler.send(request, response, Asset.of(AssetHandler.JS, body), Cache.PRIVATE, "", Map.of());
            }
            default -> {
                Asset document = null;
                if (name.endsWith(".json")) {
                    if (name.startsWith("texts/")) {
                        document = rendered.texts.get(name.substring("texts/".length(), name.length() - ".json".length()));
                    } else if (name.startsWith("catalog/")) {
                        document = rendered.catalogs.get(name.substring("catalog/".length(), name.length() - ".json".length()));
                    }
                }
                if (document == null) {
                    AssetHandler.error(response, HttpServletResponse.SC_NOT_FOUND,
                            "unknown banner asset; known: consent.js, consent.css, texts.json, texts/<lang>.json and "
                                    + "catalog/<lang>.json for " + languages + ", consent-mode.js, iab.js");
                    return;
                }
                send(request, response, document, version);
            }
        }
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, Asset asset, String version)
            throws IOException {
        Cache cache = asset.hash().equals(version) ? Cache.IMMUTABLE : Cache.REVALIDATE;
        AssetHandler.send(request, response, asset, cache, "", Map.of());
    }

    /**
     * The markup for the top of {@code <head>} of an HTML response: the Consent Mode default (when
     * on), the visitor's first-paint state for the banner, and the deferred script.
     *
     * <p>The state inlined is what the first paint needs: the regime, whether to prompt, GPC, the
     * category decisions and the service decisions that differ from their category's, marked
     * {@code "partial": true}; the script fetches the full state from GET {@code {prefix}} when the
     * second layer opens. So the markup depends only on the visitor's state, the language and the
     * context path, not on who the visitor is: it is rendered once per distinct state and cached, and
     * a request only adds its CSP nonce (the request attribute {@link BannerConfig#cspNonceAttribute()}).
     *
     * @param visitor the visitor's consent for this request
     */
    public String headMarkup(HttpServletRequest request, VisitorConsent visitor) {
        return headMarkup(request, visitor, null, null);
    }

    /**
     * The same markup as {@link #headMarkup(HttpServletRequest, VisitorConsent)}, with the mode and
     * key of the visitor's consent-derived policy in the state ({@code "csp": {"mode": "enforce",
     * "key": "…"}}): after a choice that changes an enforced policy, the script reloads the page.
     *
     * @param visitor the visitor's consent for this request
     * @param csp     the site's consent-derived policy
     */
    public String headMarkup(HttpServletRequest request, VisitorConsent visitor, ContentSecurityPolicy csp) {
        return headMarkup(request, visitor, csp.mode().text(), csp.key(visitor));
    }

    private String headMarkup(HttpServletRequest request, VisitorConsent visitor, @Nullable String cspMode,
                              @Nullable String cspKey) {
        String contextPath = request.getContextPath();
        String lang = language(request);
        String key = contextPath + '\n' + lang + '\n' + BootState.key(catalog, visitor)
                + (cspMode == null ? "" : '\n' + cspMode + '\n' + cspKey);
        HeadTemplate template = heads.get(key, k -> {
            String state = Json.write(BootState.json(catalog, visitor, cspMode, cspKey));
            return new HeadTemplate(render(contextPath, lang, visitor, state, ""),
                    render(contextPath, lang, visitor, state, HeadTemplate.SENTINEL));
        });
        return template.with(nonce(request));
    }

    /**
     * The markup for the top of {@code <head>} with a state of the caller's (rendered on every call,
     * not cached): the Consent Mode default (when on), the state for the banner, and the deferred
     * script.
     *
     * @param visitor   the visitor's consent for this request
     * @param stateJson the state the script starts with, e.g. the body GET {@code {prefix}} answers
     */
    public String headMarkup(HttpServletRequest request, VisitorConsent visitor, String stateJson) {
        return render(request.getContextPath(), language(request), visitor, stateJson, nonce(request));
    }

    private String nonce(HttpServletRequest request) {
        String attribute = config.cspNonceAttribute();
        if (!attribute.isEmpty() && request.getAttribute(attribute) instanceof String n) {
            return n;
        }
        return "";
    }

    private String render(String contextPath, String lang, VisitorConsent visitor, String stateJson, String nonce) {
        Rendered rendered = rendered(contextPath);
        boolean cm = config.consentMode();
        return LoaderMarkup.build(rendered.urls, lang, rendered.urls.texts(lang, forLanguage(rendered.texts, lang).hash()), stateJson,
                cm ? config.consentModeMapping().asMap() : null, cm ? consentModeDefaults(visitor) : Map.of(),
                cm && visitor.needsPrompt() ? config.consentModeWaitForUpdate().toMillis() : 0, nonce);
    }

    /**
     * The IAB page APIs' markup for the top of {@code <head>}, placed after {@link #headMarkup}: an inline
     * stub that defines {@code __gpp}, {@code __tcfapi} and {@code __uspapi} at once (it answers
     * {@code ping}, queues other calls and calls from frames, and adds the {@code __gppLocator},
     * {@code __tcfapiLocator} and {@code __uspapiLocator} frames), the visitor's signals as a JSON data
     * block, and the deferred, versioned {@code iab.js} that answers every call and fires the events
     * after a choice. The scripts carry the request's CSP nonce.
     *
     * @param dataJson the visitor's IAB signals as JSON, as GET {@code {prefix}} answers them under {@code "iab"}
     */
    public String iabMarkup(HttpServletRequest request, String dataJson) {
        String block = iabBlocks.get(dataJson, j -> "<script type=\"application/json\" id=\"consent4j-iab\">"
                + ScriptJson.escape(j) + "</script>");
        String nonce = nonce(request);
        String attr = HeadTemplate.validNonce(nonce) ? " nonce=\"" + nonce + "\"" : "";
        String url = rendered(request.getContextPath()).urls.base() + "/assets/iab.js?v=" + iabScript.hash();
        return "<script" + attr + ">" + iabStub + "</script>" + block + "<script src=\"" + Html.escapeUrlAscii(url)
                + "\" defer=\"\"" + attr + "></script>";
    }

    /**
     * The tag for pages that place the loader themselves: {@code <script src="…/assets/consent.js"
     * defer></script>}. The script then fetches the visitor's state from GET {@code {prefix}}.
     */
    public String scriptTag(HttpServletRequest request) {
        return "<script src=\"" + HtmlEscaper.escape(rendered(request.getContextPath()).urls.script()) + "\" defer></script>";
    }

    Map<String, String> consentModeDefaults(VisitorConsent visitor) {
        return config.consentModeMapping().values(category -> visitor.category(category).allowed());
    }

    /** Every per-language map holds each supported language, and requests are answered in one of them. */
    private static <V> V forLanguage(Map<String, V> byLanguage, String lang) {
        return Objects.requireNonNull(byLanguage.get(lang), lang);
    }

    private Rendered rendered(String contextPath) {
        return byContext.computeIfAbsent(contextPath, this::render);
    }

    private Rendered render(String contextPath) {
        String base = contextPath + prefix;
        String policy = config.privacyPolicyUrl();
        Urls urls = new Urls(base, base + "/assets/consent.js?v=" + script.hash(), base + "/assets/consent.css?v=" + css.hash(),
                base + "/cookies", policy);
        Map<String, Asset> textAssets = new LinkedHashMap<>();
        Map<String, Asset> catalogAssets = new LinkedHashMap<>();
        Map<String, Asset> declarations = new LinkedHashMap<>();
        List<Object> switcher = new ArrayList<>();
        for (String lang : languages) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", lang);
            entry.put("name", Languages.displayName(lang));
            switcher.add(entry);
        }
        for (String lang : languages) {
            Texts tx = forLanguage(texts, lang);
            CatalogView view = forLanguage(views, lang);
            // The catalog is large (every service, cookie and transfer) and only the second layer needs it:
            // the script fetches it when the settings open.
            Asset catalogAsset = Asset.of(AssetHandler.JSON, Json.write(view.toMap()));
            catalogAssets.put(lang, catalogAsset);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("lang", lang);
            doc.put("texts", tx.all());
            doc.put("textsHash", forLanguage(shown, lang).hash()); // sent back with a choice, for its record
            doc.put("links", Map.of("declaration", urls.declaration(), "privacyPolicy", urls.privacyPolicy()));
            doc.put("catalog", base + "/assets/catalog/" + lang + ".json?v=" + catalogAsset.hash());
            doc.put("placeholders", config.placeholders());
            if (languages.size() > 1) {
                doc.put("languages", switcher);
            }
            if (config.consentMode()) {
                doc.put("consentMode", config.consentModeMapping().asMap());
            }
            textAssets.put(lang, Asset.of(AssetHandler.JSON, Json.write(doc)));
            declarations.put(lang, Asset.of(AssetHandler.HTML,
                    CookieDeclarationPage.render(view, tx, catalog.revision(), urls, languages)));
        }
        return new Rendered(urls, Map.copyOf(textAssets), Map.copyOf(catalogAssets), Map.copyOf(declarations));
    }
}
