package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the bundled catalog against the Open Cookie Database (Apache-2.0), read at test time from
 * {@code <repository root>/../shared/datasets/open-cookie-database/}; nothing of it is copied into the
 * product. Skips loudly when the dataset is absent, and fails instead when
 * {@code -Dconsent4j.requireExternal=true}.
 *
 * <p>Category mapping. The database's README defines "Functional" as technical / essential / strictly
 * necessary, so Functional, Necessary and Security map to our {@code necessary}; Personalization and
 * Preferences map to {@code functional}; Analytics to {@code analytics}; Marketing to {@code marketing}.
 * Our category is <em>compatible</em> when it is the mapped one or stricter, in the order necessary &lt;
 * functional &lt; analytics &lt; marketing (a stricter category only asks for more consent; a laxer one
 * could let a tracker through).
 *
 * <p>A database entry is <em>attributed</em> when {@link Catalog#serviceForCookie} finds a service for its
 * name; for its wildcard (prefix) entries, also when it finds one for the name followed by a sample suffix.
 */
final class OpenCookieDatabaseCoverageTest {

    /** Floors a little below the measured figures (81.1 % and 83.2 % with 305 services), so that a regression fails. */
    private static final double MIN_ALL_ATTRIBUTED = 0.79;
    private static final double MIN_SHIPPED_COMPATIBLE = 0.81;

    /**
     * Database names of bundled vendors the catalog leaves out on purpose: names so short or common
     * ({@code s}, {@code lang}, {@code token}, {@code ID}) that, matched by name alone, they would also
     * claim a site's own cookies (see "Attribution and its limits" in docs/catalog.md).
     */
    private static final Set<String> GENERIC_NAMES = Set.of(
            "A1", "A1S", "A3", "ACL", "APC", "BCP", "BFB", "C1", "CC", "Conversion", "FLC", "GUC", "ID", "MC0",
            "MC1", "MH", "MS0", "NAP", "OID", "OTH", "PID", "S1", "UID", "VID", "XID", "_UR", "_dp", "_guid", "_u",
            "ads_prefs", "aks", "aksb", "ar_debug", "auth_token", "bh", "cmp", "cookiePreferences", "csm", "ct0",
            "d", "dbln", "ddid", "dnt", "dst", "eu_cn", "external_referer", "fid", "gt", "ick", "js_ver", "kdt",
            "lang", "li_rm", "liap", "lissc", "locale", "lu", "m", "m_user", "mid", "oo", "pl", "presence", "rc",
            "remember_checked_on", "rtc", "rweb_optin", "rxx", "s", "sdsc", "sfau", "td", "tfw_exp", "token",
            "trkCode", "trkInfo", "ts", "ttd", "twid", "uh", "usida");

    /** Names the database files under a bundled vendor that are another vendor's (KISSmetrics' under Shopify). */
    private static final Set<String> OTHER_VENDORS = Set.of("ki_r", "ki_t");

    /** Database names of bundled vendors whose lifetime the database does not state as a duration. */
    private static final Set<String> NO_STATED_LIFETIME = Set.of(
            "GA_OPT_OUT", "ZD-buid", "ZD-launcherLabelRemoved", "ZD-settings", "ZD-store", "ZD-widgetOpen",
            "_fathom", "plausible_", "unifiedPixel", "welcome-");

    /** Database platform name to the bundled services that cover it (only platforms the catalog ships). */
    private static final Map<String, Set<String>> PLATFORMS = new TreeMap<>(Map.ofEntries(
            Map.entry("ABTasty", Set.of("ab-tasty")),
            Map.entry("ASP.net", Set.of("aspnet-session")),
            Map.entry("Active Campaign", Set.of("activecampaign")),
            Map.entry("Adobe Analytics", Set.of("adobe-analytics", "adobe-target")),
            Map.entry("Adobe Audience Manager", Set.of("adobe-audience-manager")),
            Map.entry("Akamai Botmanager", Set.of("akamai-bot-manager")),
            Map.entry("Amazon", Set.of("amazon-ads")),
            Map.entry("Amazon Web Services", Set.of("aws-load-balancer")),
            Map.entry("Amplitude", Set.of("amplitude")),
            Map.entry("Bing / Microsoft", Set.of("microsoft-advertising", "microsoft-clarity")),
            Map.entry("Microsoft", Set.of("microsoft-advertising", "microsoft-clarity")),
            Map.entry("Chartbeat", Set.of("chartbeat")),
            Map.entry("CloudFlare", Set.of("cloudflare", "cloudflare-turnstile", "cloudflare-web-analytics")),
            Map.entry("Cloudflare", Set.of("cloudflare", "cloudflare-turnstile", "cloudflare-web-analytics")),
            Map.entry("ComScore", Set.of("comscore")),
            Map.entry("comScore", Set.of("comscore")),
            Map.entry("ContentSquare", Set.of("contentsquare")),
            Map.entry("Cookiebot", Set.of("cookiebot")),
            Map.entry("Crazy Egg", Set.of("crazy-egg")),
            Map.entry("Crisp", Set.of("crisp")),
            Map.entry("Didomi", Set.of("didomi")),
            Map.entry("Disqus", Set.of("disqus")),
            Map.entry("Django", Set.of("django-session", "csrf-protection")),
            Map.entry("DoubleClick/Google Marketing", Set.of("google-doubleclick")),
            Map.entry("Drift", Set.of("drift")),
            Map.entry("Dynatrace", Set.of("dynatrace-rum")),
            Map.entry("Facebook", Set.of("meta-pixel")),
            Map.entry("Fathom Analytics", Set.of("fathom")),
            Map.entry("Google AdSense", Set.of("google-adsense")),
            Map.entry("Google Ads", Set.of("google-ads", "google-doubleclick")),
            Map.entry("Google Analytics", Set.of("google-analytics", "google-ads")),
            Map.entry("Google Maps", Set.of("google-maps")),
            Map.entry("Google Tag Manager", Set.of("google-tag-manager")),
            Map.entry("Google reCAPTCHA", Set.of("google-recaptcha")),
            Map.entry("Heap Analytics", Set.of("heap")),
            Map.entry("Hotjar", Set.of("hotjar")),
            Map.entry("HubSpot", Set.of("hubspot")),
            Map.entry("Hubspot", Set.of("hubspot")),
            Map.entry("Imperva", Set.of("imperva")),
            Map.entry("Instagram", Set.of("instagram-embed")),
            Map.entry("Intercom", Set.of("intercom")),
            Map.entry("J2EE", Set.of("java-servlet-session")),
            Map.entry("Klaviyo", Set.of("klaviyo")),
            Map.entry("Laravel", Set.of("laravel-session", "csrf-protection")),
            Map.entry("LinkedIn", Set.of("linkedin-insight")),
            Map.entry("LiveChat", Set.of("livechat")),
            Map.entry("Livechat", Set.of("livechat")),
            Map.entry("Mailchimp", Set.of("mailchimp")),
            Map.entry("Marketo", Set.of("marketo")),
            Map.entry("Matomo", Set.of("matomo")),
            Map.entry("Mixpanel", Set.of("mixpanel")),
            Map.entry("OneTrust", Set.of("onetrust")),
            Map.entry("Optimizely", Set.of("optimizely")),
            Map.entry("Outbrain", Set.of("outbrain")),
            Map.entry("PHP.net", Set.of("php-session")),
            Map.entry("PayPal", Set.of("paypal")),
            Map.entry("Pinterest", Set.of("pinterest-tag")),
            Map.entry("Piwik", Set.of("piwik-pro", "matomo")),
            Map.entry("Plausible Analytics", Set.of("plausible")),
            Map.entry("Quantcast", Set.of("quantcast")),
            Map.entry("Reddit", Set.of("reddit-pixel")),
            Map.entry("Rudderstack", Set.of("rudderstack")),
            Map.entry("ShareThis", Set.of("sharethis")),
            Map.entry("Shopify", Set.of("shopify", "shopify-analytics")),
            Map.entry("Snapchat", Set.of("snap-pixel")),
            Map.entry("Stripe", Set.of("stripe", "stripe-fraud-signals")),
            Map.entry("Taboola", Set.of("taboola")),
            Map.entry("Tawk.to", Set.of("tawk-to")),
            Map.entry("Tawk.to Chat", Set.of("tawk-to")),
            Map.entry("The Tradedesk", Set.of("the-trade-desk")),
            Map.entry("TikTok", Set.of("tiktok-pixel", "tiktok-embed")),
            Map.entry("Trustpilot", Set.of("trustpilot-widget")),
            Map.entry("Typeform", Set.of("typeform")),
            Map.entry("Vimeo", Set.of("vimeo")),
            Map.entry("Visual Website Optimizer", Set.of("vwo")),
            Map.entry("Wistia", Set.of("wistia")),
            Map.entry("WooCommerce", Set.of("woocommerce-cart")),
            Map.entry("WordPress", Set.of("wordpress-login", "wordpress-admin-settings")),
            Map.entry("Wordpress", Set.of("wordpress-login", "wordpress-admin-settings")),
            Map.entry("X", Set.of("x-twitter")),
            Map.entry("Xandr", Set.of("xandr")),
            Map.entry("Yahoo", Set.of("yahoo-advertising")),
            Map.entry("Yandex.Metrica", Set.of("yandex-metrica")),
            Map.entry("Youtube", Set.of("youtube")),
            Map.entry("Zendesk", Set.of("zendesk"))));

    private static final List<String> ORDER = List.of("necessary", "functional", "analytics", "marketing");

    private record Entry(String platform, String category, String name, boolean wildcard) {
    }

    private static List<Entry> entries;

    @BeforeAll
    static void readDatabase() throws IOException {
        Path file = datasetFile();
        if (!Files.isRegularFile(file)) {
            String message = "Open Cookie Database not found at " + file + ": catalog coverage NOT measured";
            if (Boolean.getBoolean("consent4j.requireExternal")) {
                fail(message + " (consent4j.requireExternal=true)");
            }
            System.err.println("*** SKIPPED: " + message);
            Assumptions.abort(message);
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Entry> list = new ArrayList<>();
        for (Map.Entry<String, JsonNode> platform : root.properties()) {
            for (JsonNode e : platform.getValue()) {
                list.add(new Entry(platform.getKey(), e.path("category").asText(), e.path("cookie").asText().trim(),
                        "1".equals(e.path("wildcardMatch").asText())));
            }
        }
        entries = list;
    }

    @Test
    void catalogAttributesAShareOfAllDatabaseCookiesAndOfShippedPlatformsCompatibly() {
        Catalog catalog = Catalogs.bundled();
        for (Set<String> ids : PLATFORMS.values()) {
            ids.forEach(id -> assertTrue(catalog.service(id).isPresent(), "mapping names unknown service " + id));
        }

        int attributed = 0;
        int shipped = 0;
        int shippedCompatible = 0;
        int shippedSameCategory = 0;
        int shippedOwnVendor = 0;
        List<String> laxer = new ArrayList<>();
        for (Entry e : entries) {
            Optional<Service> service = attribute(catalog, e);
            attributed += service.isPresent() ? 1 : 0;
            Set<String> own = PLATFORMS.get(e.platform());
            if (own == null) {
                continue;
            }
            shipped++;
            if (service.isEmpty()) {
                continue;
            }
            String mapped = mapCategory(e.category());
            String ours = service.get().category();
            if (ORDER.indexOf(ours) >= ORDER.indexOf(mapped)) {
                shippedCompatible++;
            } else {
                laxer.add(e.platform() + " " + e.name() + ": database " + e.category() + ", catalog " + ours
                        + " (" + service.get().id() + ")");
            }
            shippedSameCategory += ours.equals(mapped) ? 1 : 0;
            shippedOwnVendor += own.contains(service.get().id()) ? 1 : 0;
        }
        double all = (double) attributed / entries.size();
        double compatible = (double) shippedCompatible / shipped;
        System.out.printf(Locale.ROOT, "Open Cookie Database coverage by the bundled catalog (%d services):%n",
                catalog.services().size());
        System.out.printf(Locale.ROOT, "  (a) all entries attributed to a service: %d / %d = %.1f%%%n",
                attributed, entries.size(), 100 * all);
        System.out.printf(Locale.ROOT, "  (b) entries of the %d shipped platforms attributed with a compatible category: %d / %d = %.1f%%%n",
                PLATFORMS.size(), shippedCompatible, shipped, 100 * compatible);
        System.out.printf(Locale.ROOT, "      same category: %.1f%%, attributed to the platform's own service: %.1f%%%n",
                100.0 * shippedSameCategory / shipped, 100.0 * shippedOwnVendor / shipped);
        System.out.printf(Locale.ROOT, "      attributed with a laxer category than the database: %d%n", laxer.size());
        laxer.forEach(l -> System.out.println("        " + l));

        assertTrue(all >= MIN_ALL_ATTRIBUTED, String.format(Locale.ROOT, "(a) fell to %.3f, floor %.2f", all, MIN_ALL_ATTRIBUTED));
        assertTrue(compatible >= MIN_SHIPPED_COMPATIBLE,
                String.format(Locale.ROOT, "(b) fell to %.3f, floor %.2f", compatible, MIN_SHIPPED_COMPATIBLE));
    }

    @Test
    void everyDatabaseCookieOfABundledVendorIsRecognisedUnlessLeftOutOnPurpose() {
        Catalog catalog = Catalogs.bundled();
        List<String> missing = new ArrayList<>();
        int vendorEntries = 0;
        for (Entry e : entries) {
            if (!PLATFORMS.containsKey(e.platform()) || e.name().isEmpty()) {
                continue;
            }
            vendorEntries++;
            if (attribute(catalog, e).isEmpty() && !GENERIC_NAMES.contains(e.name())
                    && !NO_STATED_LIFETIME.contains(e.name()) && !OTHER_VENDORS.contains(e.name())) {
                missing.add(e.platform() + ": " + e.name());
            }
        }
        System.out.printf(Locale.ROOT, "Open Cookie Database entries of bundled vendors: %d, left out on purpose: %d%n",
                vendorEntries, GENERIC_NAMES.size() + NO_STATED_LIFETIME.size() + OTHER_VENDORS.size());
        assertTrue(missing.isEmpty(), "database cookies of bundled vendors the catalog does not recognise: " + missing);
    }

    private static Optional<Service> attribute(Catalog catalog, Entry e) {
        if (e.name().isEmpty()) {
            return Optional.empty();
        }
        Optional<Service> s = catalog.serviceForCookie(e.name());
        if (s.isEmpty() && e.wildcard()) {
            s = catalog.serviceForCookie(e.name() + "1a2b3c");
        }
        return s;
    }

    static String mapCategory(String databaseCategory) {
        return switch (databaseCategory.trim().toLowerCase(Locale.ROOT)) {
            case "functional", "necessary", "security" -> "necessary";
            case "personalization", "preferences" -> "functional";
            case "analytics" -> "analytics";
            case "marketing" -> "marketing";
            default -> throw new IllegalArgumentException("unknown database category " + databaseCategory);
        };
    }

    /**
     * The database file: {@code shared/datasets/open-cookie-database/open-cookie-database.json} in the
     * nearest directory above the repository root that has it (a checkout may sit deeper than its
     * datasets).
     */
    static Path datasetFile() {
        String relative = "shared/datasets/open-cookie-database/open-cookie-database.json";
        for (Path p = repositoryRoot().getParent(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        return repositoryRoot().resolve("../" + relative).normalize();
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("consent-core")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + dir);
    }
}
