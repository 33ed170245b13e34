package org.consent4j.benchmarks.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.CookieLifetime;
import org.consent4j.core.catalog.CookieName;
import org.consent4j.core.catalog.CookieSpec;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.catalog.OptOutRight;
import org.consent4j.core.catalog.Party;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.Service;

/**
 * A deterministic catalog of many services whose cookie names and hosts look like real ones: names
 * such as {@code _kamozu12_id}, {@code KAMOZU12_TOKEN}, {@code __kamozu12c}; about one service in
 * nine declares a prefix (as in public cookie databases, where roughly 11% of entries are wildcards),
 * a handful declare a regular expression; hosts such as {@code kamozu12.com} and
 * {@code cdn.kamozu12.net}. Also holds query names and hosts: hits, prefix hits and misses.
 */
final class SyntheticCatalog {

    private static final String[] SYLLABLES = {"ka", "mo", "zu", "ri", "te", "lo", "na", "vi", "qu", "shi", "ba", "xe",
            "po", "du", "fi", "go", "ha", "je", "ly", "wu"};
    private static final String[] CATEGORIES = {Category.FUNCTIONAL, Category.ANALYTICS, Category.MARKETING};

    final Catalog catalog;
    final List<String> serviceIds = new ArrayList<>();
    final List<String> exactNames = new ArrayList<>();
    final List<String> prefixedNames = new ArrayList<>();
    final List<String> missingNames = new ArrayList<>();
    final List<String> hosts = new ArrayList<>();
    final List<String> subdomainHosts = new ArrayList<>();
    final List<String> missingHosts = new ArrayList<>();
    /** Host and path (separated by a space) under a catalog path prefix. */
    final List<String> pathHits = new ArrayList<>();
    /** Host and path (separated by a space) on a host with path prefixes, under none of them. */
    final List<String> pathMisses = new ArrayList<>();

    /**
     * Queries for an existing catalog (the bundled one): its exact cookie names, its prefixes followed
     * by a typical suffix, its hosts and a subdomain of each, and names and hosts it does not know.
     */
    SyntheticCatalog(Catalog existing) {
        catalog = existing;
        Random r = new Random(7);
        for (Service s : existing.services()) {
            serviceIds.add(s.id());
            for (CookieSpec c : s.cookies()) {
                switch (c.name().kind()) {
                    case EXACT -> exactNames.add(c.name().value());
                    case PREFIX -> prefixedNames.add(c.name().value() + "G-7ZK2Q8XW1L");
                    default -> { }
                }
            }
            for (String h : s.hosts()) {
                int slash = h.indexOf('/');
                if (slash >= 0) {
                    pathHits.add(h.substring(0, slash) + " " + h.substring(slash) + "/embed/v1/place?key=x");
                    pathMisses.add(h.substring(0, slash) + " /search?q=consent");
                    continue;
                }
                hosts.add(h);
                subdomainHosts.add("static.eu-west." + h);
            }
        }
        for (int i = 0; i < 1000; i++) {
            missingNames.add(r.nextBoolean() ? "_" + vendor(r) + "x_" + r.nextInt(100) : "wp-settings-time-" + r.nextInt(5000));
            missingHosts.add("img." + vendor(r) + "-unlisted.org");
        }
        missingNames.removeIf(n -> existing.serviceForCookie(n).isPresent());
    }

    SyntheticCatalog(int services, long seed) {
        Random r = new Random(seed);
        Catalog.Builder b = Catalog.builder()
                .category(new Category(Category.NECESSARY, 0, true, LocalizedText.of("Necessary"), LocalizedText.empty()))
                .category(new Category(Category.FUNCTIONAL, 1, false, LocalizedText.of("Functional"), LocalizedText.empty()))
                .category(new Category(Category.ANALYTICS, 2, false, LocalizedText.of("Analytics"), LocalizedText.empty()))
                .category(new Category(Category.MARKETING, 3, false, LocalizedText.of("Marketing"), LocalizedText.empty()))
                .purpose(purpose("preferences", Category.FUNCTIONAL, Set.of()))
                .purpose(purpose("measurement", Category.ANALYTICS, Set.of()))
                .purpose(purpose("personalised-ads", Category.MARKETING, Set.of(OptOutRight.SHARING, OptOutRight.TARGETED_ADVERTISING)))
                .purpose(purpose("attribution", Category.MARKETING, Set.of(OptOutRight.SALE)));
        CookieLifetime year = CookieLifetime.parse("P1Y");
        for (int i = 0; i < services; i++) {
            String vendor = vendor(r) + i;
            String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
            Service.Builder s = Service.builder("svc-" + vendor, category).name(vendor);
            s.purpose(switch (category) {
                case Category.FUNCTIONAL -> "preferences";
                case Category.ANALYTICS -> "measurement";
                default -> r.nextBoolean() ? "personalised-ads" : "attribution";
            });
            int cookies = 1 + r.nextInt(3);
            for (int k = 0; k < cookies; k++) {
                String name = switch ((k + i) % 5) {
                    case 0 -> "_" + vendor + "_id";
                    case 1 -> vendor + "_sess";
                    case 2 -> "__" + vendor + "c";
                    case 3 -> vendor.toUpperCase(Locale.ROOT) + "_TOKEN";
                    default -> "_" + vendor + "_uid";
                };
                s.cookie(new CookieSpec(CookieName.exact(name), Party.FIRST, "", year, ""));
                exactNames.add(name);
            }
            if (r.nextInt(9) == 0) {
                String prefix = "_" + vendor + "_";
                s.cookie(new CookieSpec(CookieName.prefix(prefix), Party.FIRST, "", year, ""));
                prefixedNames.add(prefix + "GS1.1." + (1_700_000_000 + r.nextInt(1_000_000)));
            }
            if (i % 1000 == 999) {
                s.cookie(new CookieSpec(CookieName.pattern(vendor + "_[0-9a-f]{8}"), Party.FIRST, "", year, ""));
            }
            s.host(vendor + ".com");
            hosts.add(vendor + ".com");
            if (r.nextBoolean()) {
                s.host("cdn." + vendor + ".net");
                hosts.add("cdn." + vendor + ".net");
            }
            if (i % 10 == 0) {
                // Products sharing a host by path, as Google's do on www.google.com: 500 hosts, ten paths each.
                String shared = "www.shared" + (i / 10 % 500) + ".com";
                s.host(shared + "/" + vendor);
                pathHits.add(shared + " /" + vendor + "/embed/v1/place?key=x");
                pathMisses.add(shared + " /search?q=" + vendor);
            }
            subdomainHosts.add("static.eu-west." + vendor + ".com");
            missingNames.add(r.nextBoolean() ? "_" + vendor(r) + "x_" + r.nextInt(100) : "wp-settings-time-" + r.nextInt(5000));
            missingHosts.add("img." + vendor(r) + "-unlisted.org");
            serviceIds.add("svc-" + vendor);
            b.service(s.build());
        }
        catalog = b.build();
    }

    private static Purpose purpose(String id, String category, Set<OptOutRight> rights) {
        return new Purpose(id, category, LegalBasis.CONSENT, rights, LocalizedText.of(id), LocalizedText.empty());
    }

    private static String vendor(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = 2 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return sb.toString();
    }

    /** {@code count} entries of {@code source}, shuffled deterministically, as an array to index with a mask. */
    static String[] sample(List<String> source, int count, long seed) {
        Random r = new Random(seed);
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            // a fresh String each, as a request parser would produce: no cached hash code
            out[i] = new String(source.get(r.nextInt(source.size())).toCharArray());
        }
        return out;
    }
}
