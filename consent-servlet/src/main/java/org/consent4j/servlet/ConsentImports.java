package org.consent4j.servlet;

import java.util.Map;

/**
 * Consent sources that read the cookie of the consent manager a site used before consent4j, so that
 * visitors who already chose are not asked again. Register them with
 * {@link ConsentFilterConfig.Builder#source(ConsentSource)}; the signed consent4j cookie always wins.
 *
 * <p>An imported choice has method {@link org.consent4j.core.decision.ConsentMethod#IMPORT}, the
 * timestamp the other manager stored (so the regime's maximum age still applies), and no subject id.
 * Categories the other manager's cookie does not mention stay unset (so, in opt-in regimes, denied).
 * A cookie that is malformed, unreadable, oversized, undated or dated in the future is no choice.
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

    private ConsentImports() {
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
