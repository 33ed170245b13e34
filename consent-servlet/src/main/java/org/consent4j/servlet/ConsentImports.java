package org.consent4j.servlet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.iab.IabSignals;

/**
 * Consent sources that read the cookie of the consent manager a site used before consent4j, so that
 * visitors who already chose are not asked again. Register them with
 * {@link ConsentFilterConfig.Builder#source(ConsentSource)}; the signed consent4j cookie always wins.
 *
 * <p>An imported choice has method {@link org.consent4j.core.decision.ConsentMethod#IMPORT}, the
 * timestamp the other manager stored (so the regime's maximum age still applies), and no subject id.
 * Categories the other manager's cookie does not mention stay unset (so, in opt-in regimes, denied).
 * A cookie that is malformed, unreadable, oversized, undated or dated in the future is no choice.
 *
 * <p>Adapters: Cookiebot ({@code CookieConsent}), OneTrust ({@code OptanonConsent}), cookieconsent v3
 * ({@code cc_cookie}), Klaro ({@code klaro}), Didomi ({@code didomi_token}) and any IAB TCF CMP
 * ({@code euconsent-v2}). Each maps the other manager's categories, services or purposes to consent4j's
 * categories through a mapping with a documented default.
 */
public final class ConsentImports {

    /** Cookiebot's categories, mapped to consent4j's by default. */
    public static final Map<String, String> COOKIEBOT_CATEGORIES = Map.of("preferences", "functional",
            "statistics", "analytics", "marketing", "marketing");

    /**
     * OneTrust's default cookie groups, mapped to consent4j's: C0002 performance, C0003 functional, C0004
     * targeting, C0005 social media.
     */
    public static final Map<String, String> ONETRUST_GROUPS = Map.of("C0002", "analytics", "C0003", "functional",
            "C0004", "marketing", "C0005", "marketing");

    /** cookieconsent v3's categories as its documentation names them, mapped to consent4j's by default. */
    public static final Map<String, String> COOKIECONSENT_CATEGORIES = Map.of("functionality", "functional",
            "analytics", "analytics", "marketing", "marketing");

    /**
     * Didomi's purposes for the IAB TCF purposes, by consent4j category, the reverse of
     * {@link IabSignals#DEFAULT_TCF_PURPOSES}: {@code cookies} (TCF purpose 1) for every category;
     * analytics also needs {@code measure_content_performance}, {@code market_research} and
     * {@code improve_products} (8–10); marketing the advertising and profiling purposes (2–7); functional
     * {@code use_limited_data_to_select_content} (11).
     */
    public static final Map<String, Set<String>> DIDOMI_PURPOSES = Map.of(
            "analytics", Set.of("cookies", "measure_content_performance", "market_research", "improve_products"),
            "marketing", Set.of("cookies", "select_basic_ads", "create_ads_profile", "select_personalized_ads",
                    "create_content_profile", "select_personalized_content", "measure_ad_performance"),
            "functional", Set.of("cookies", "use_limited_data_to_select_content"));

    /**
     * TCF purposes by consent4j category, the reverse of {@link IabSignals#DEFAULT_TCF_PURPOSES}: a category
     * is imported as granted only when every purpose mapped to it has consent (analytics 1, 8, 9, 10;
     * marketing 1–7; functional 1, 11).
     */
    public static final Map<String, Set<Integer>> TCF_PURPOSES = reverse(IabSignals.DEFAULT_TCF_PURPOSES);

    private ConsentImports() {
    }

    private static Map<String, Set<Integer>> reverse(Map<Integer, Set<String>> purposes) {
        Map<String, java.util.TreeSet<Integer>> out = new LinkedHashMap<>();
        purposes.forEach((purpose, categories) -> categories.forEach(
                c -> out.computeIfAbsent(c, k -> new java.util.TreeSet<>()).add(purpose)));
        Map<String, Set<Integer>> copy = new LinkedHashMap<>();
        out.forEach((c, p) -> copy.put(c, Set.copyOf(p)));
        return Map.copyOf(copy);
    }

    /**
     * Reads cookieconsent v3's {@code cc_cookie} with the default category mapping
     * ({@link #COOKIECONSENT_CATEGORIES}). A cookie past its {@code expirationTime} is no choice.
     */
    public static ConsentSource cookieConsent(String catalogRevision) {
        return cookieConsent(catalogRevision, COOKIECONSENT_CATEGORIES);
    }

    /** Reads cookieconsent v3's {@code cc_cookie}, mapping its categories (theirs to ours) with {@code mapping}. */
    public static ConsentSource cookieConsent(String catalogRevision, Map<String, String> mapping) {
        return new CookieConsentSource(catalogRevision, mapping);
    }

    /**
     * Reads Klaro's {@code klaro} cookie, taking each Klaro service named like a non-necessary service of
     * {@code catalog} as a choice for that service's category (any refusal in a category wins).
     */
    public static ConsentSource klaro(Catalog catalog) {
        Map<String, String> mapping = new LinkedHashMap<>();
        catalog.services().stream().filter(s -> !s.category().equals("necessary"))
                .forEach(s -> mapping.put(s.id(), s.category()));
        return klaro(catalog.revision(), mapping);
    }

    /** Reads Klaro's {@code klaro} cookie, mapping Klaro service names to consent4j categories with {@code services}. */
    public static ConsentSource klaro(String catalogRevision, Map<String, String> services) {
        return new KlaroSource(catalogRevision, services);
    }

    /** Reads Didomi's {@code didomi_token} with the default purpose mapping ({@link #DIDOMI_PURPOSES}). */
    public static ConsentSource didomi(String catalogRevision) {
        return didomi(catalogRevision, DIDOMI_PURPOSES);
    }

    /**
     * Reads Didomi's {@code didomi_token}, with {@code purposes} giving, per consent4j category, the Didomi
     * purpose ids (IAB or the site's custom ones) that must all be enabled for it.
     */
    public static ConsentSource didomi(String catalogRevision, Map<String, Set<String>> purposes) {
        return new DidomiSource(catalogRevision, purposes);
    }

    /** Reads an IAB TCF {@code euconsent-v2} cookie with the default purpose mapping ({@link #TCF_PURPOSES}). */
    public static ConsentSource tcf(String catalogRevision) {
        return tcf(catalogRevision, TCF_PURPOSES);
    }

    /**
     * Reads an IAB TCF {@code euconsent-v2} cookie, with {@code purposes} giving, per consent4j category, the
     * TCF purposes that must all have consent for it.
     */
    public static ConsentSource tcf(String catalogRevision, Map<String, Set<Integer>> purposes) {
        return new TcfSource(catalogRevision, purposes);
    }

    /**
     * Reads Cookiebot's {@code CookieConsent} cookie with the default category mapping.
     *
     * @param catalogRevision the revision the imported choice counts as made under (usually the current
     *                        catalog's, as the site's services did not change with the move)
     */
    public static ConsentSource cookiebot(String catalogRevision) {
        return cookiebot(catalogRevision, COOKIEBOT_CATEGORIES);
    }

    /** Reads Cookiebot's {@code CookieConsent} cookie, mapping its categories with {@code mapping}. */
    public static ConsentSource cookiebot(String catalogRevision, Map<String, String> mapping) {
        return new CookiebotSource(catalogRevision, mapping);
    }

    /**
     * Reads OneTrust's {@code OptanonConsent} cookie with the default group mapping. A choice counts only
     * when {@code OptanonAlertBoxClosed} (set when the visitor answered the banner) holds its timestamp:
     * OneTrust also writes {@code OptanonConsent} with default groups before any choice.
     */
    public static ConsentSource oneTrust(String catalogRevision) {
        return oneTrust(catalogRevision, ONETRUST_GROUPS);
    }

    /** Reads OneTrust's cookies, mapping its groups with {@code mapping}. */
    public static ConsentSource oneTrust(String catalogRevision, Map<String, String> mapping) {
        return new OneTrustSource(catalogRevision, mapping);
    }
}
