package org.consent4j.core.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consent4j.core.catalog.CatalogFile.Located;
import org.jspecify.annotations.Nullable;

/**
 * Merges catalog files, later ones overriding earlier ones by id, checks what needs every file (the
 * required {@code necessary} category, references to categories and purposes), and builds the
 * {@link Catalog}, or throws one {@link CatalogException} listing every problem of every file.
 *
 * <p>Overriding: an entry with the id of an earlier one replaces it whole. A service that declares a
 * cookie name (same kind and value) or a host that an earlier, not replaced service also declares
 * takes it over: the earlier service loses that cookie or host, so a lookup never depends on the
 * order of files and the cookie declaration lists it once.
 */
final class CatalogAssembler {

    private final Map<String, Located<Category>> categories = new LinkedHashMap<>();
    private final Map<String, Located<Purpose>> purposes = new LinkedHashMap<>();
    private final Map<String, Located<Service>> services = new LinkedHashMap<>();
    private final Set<String> declaredCategories = new HashSet<>();
    private final Set<String> declaredPurposes = new HashSet<>();
    private final List<CatalogProblem> problems = new ArrayList<>();
    private final Map<String, Integer> fileOrder = new HashMap<>();
    private boolean allParsed = true;
    /** The services declared in use, with where; null while no file declared any. */
    private @Nullable List<Located<String>> uses;
    /** Ids of the services defined by the site's files (not the knowledge-only ones). */
    private final Set<String> siteServices = new java.util.TreeSet<>();

    private CatalogAssembler() {
    }

    /**
     * The catalog made of {@code files}, in order.
     *
     * @throws CatalogException listing every problem found in any file
     */
    static Catalog assemble(List<CatalogFile> files) {
        return assemble(files, 0);
    }

    /**
     * Like {@link #assemble(List)}, where the first {@code knowledgeFiles} files (the bundled catalog)
     * only add knowledge: when the site declares the services it uses ({@code "uses"}), the services
     * its own files define are in use too, those of knowledge files only if listed.
     */
    static Catalog assemble(List<CatalogFile> files, int knowledgeFiles) {
        CatalogAssembler a = new CatalogAssembler();
        for (int i = 0; i < files.size(); i++) {
            CatalogFile f = files.get(i);
            a.fileOrder.putIfAbsent(f.source(), a.fileOrder.size());
            a.merge(f);
            if (i >= knowledgeFiles) {
                f.services().forEach(s -> a.siteServices.add(s.value().id()));
            }
            if (f.uses().isPresent()) {
                if (a.uses == null) {
                    a.uses = new ArrayList<>();
                }
                a.uses.addAll(f.uses().get());
            }
        }
        return a.build(files.isEmpty() ? "catalog" : files.get(files.size() - 1).source());
    }

    private void merge(CatalogFile file) {
        problems.addAll(file.problems());
        allParsed &= file.parsed();
        declaredCategories.addAll(file.declaredCategories());
        declaredPurposes.addAll(file.declaredPurposes());
        file.categories().forEach(c -> categories.put(c.value().id(), c));
        file.purposes().forEach(p -> purposes.put(p.value().id(), p));
        Set<CookieName> claimedCookies = new HashSet<>();
        Set<String> claimedHosts = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Located<Service> s : file.services()) {
            s.value().cookies().forEach(c -> claimedCookies.add(c.name()));
            claimedHosts.addAll(s.value().hosts());
            ids.add(s.value().id());
        }
        if (!claimedCookies.isEmpty() || !claimedHosts.isEmpty()) {
            services.replaceAll((id, s) -> ids.contains(id) ? s : withoutClaims(s, claimedCookies, claimedHosts));
        }
        file.services().forEach(s -> services.put(s.value().id(), s));
    }

    private static Located<Service> withoutClaims(Located<Service> located, Set<CookieName> cookies, Set<String> hosts) {
        Service s = located.value();
        boolean touched = s.cookies().stream().anyMatch(c -> cookies.contains(c.name()))
                || s.hosts().stream().anyMatch(hosts::contains);
        if (!touched) {
            return located;
        }
        List<CookieSpec> keptCookies = s.cookies().stream().filter(c -> !cookies.contains(c.name())).toList();
        List<String> keptHosts = s.hosts().stream().filter(h -> !hosts.contains(h)).toList();
        Service trimmed = new Service(s.id(), s.name(), s.provider(), s.category(), s.purposes(), keptCookies, keptHosts,
                s.transfer(), s.legalBasis(), s.risk(), s.regulations(), s.description(), s.consentText(),
                s.privacyPolicy(), s.source());
        return new Located<>(trimmed, located.source(), located.pointer());
    }

    private Catalog build(String lastSource) {
        Located<Category> necessary = categories.get(Category.NECESSARY);
        if (necessary == null && !declaredCategories.contains(Category.NECESSARY) && allParsed) {
            problems.add(new CatalogProblem(lastSource, "/categories", "the catalog has no category 'necessary'",
                    "add {\"id\": \"necessary\", \"order\": 0, \"required\": true, \"label\": {\"en\": \"Strictly necessary\"}}, "
                            + "or load your file on top of the bundled catalog"));
        }
        for (Located<Purpose> p : purposes.values()) {
            checkCategory(p.value().category(), p, "purpose '" + p.value().id() + "'");
        }
        for (Located<Service> s : services.values()) {
            Service service = s.value();
            checkCategory(service.category(), s, "service '" + service.id() + "'");
            for (int i = 0; i < service.purposes().size(); i++) {
                String purposeId = service.purposes().get(i);
                String at = CatalogReader.index(CatalogReader.child(s.pointer(), "purposes"), i);
                Located<Purpose> purpose = purposes.get(purposeId);
                if (purpose == null) {
                    if (!declaredPurposes.contains(purposeId)) {
                        problems.add(new CatalogProblem(s.source(), at, "service '" + service.id()
                                + "' names unknown purpose '" + purposeId + "'",
                                "use one of " + new java.util.TreeSet<>(purposes.keySet()) + ", or declare it under /purposes"));
                    }
                } else if (Category.NECESSARY.equals(service.category())
                        && !Category.NECESSARY.equals(purpose.value().category())) {
                    problems.add(new CatalogProblem(s.source(), at, "service '" + service.id()
                            + "' is strictly necessary but serves purpose '" + purposeId + "' of category '"
                            + purpose.value().category() + "'",
                            "a strictly necessary service may only serve necessary purposes: move the service to '"
                                    + purpose.value().category() + "' or drop the purpose"));
                }
            }
        }
        if (uses != null) {
            for (Located<String> u : uses) {
                if (!services.containsKey(u.value())) {
                    problems.add(new CatalogProblem(u.source(), u.pointer(), "the site declares it uses service '"
                            + u.value() + "', which the catalog does not have",
                            "correct the id, or define the service under /services (see the bundled ids in docs/catalog.md)"));
                }
            }
        }
        if (!problems.isEmpty()) {
            // group by file (stable: within a file, its own checks first, then its references)
            problems.sort(Comparator.comparingInt(p -> fileOrder.getOrDefault(p.source(), Integer.MAX_VALUE)));
            throw new CatalogException(problems);
        }
        Catalog.Builder builder = Catalog.builder();
        categories.values().forEach(c -> builder.category(c.value()));
        purposes.values().forEach(p -> builder.purpose(p.value()));
        services.values().forEach(s -> builder.service(s.value()));
        if (uses != null) {
            builder.uses(uses.stream().map(Located::value).toList());
            builder.uses(siteServices);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CatalogException(List.of(new CatalogProblem(lastSource, "", String.valueOf(e.getMessage()), "")), e);
        }
    }

    private void checkCategory(String categoryId, Located<?> entry, String what) {
        if (!categories.containsKey(categoryId) && !declaredCategories.contains(categoryId)) {
            problems.add(new CatalogProblem(entry.source(), CatalogReader.child(entry.pointer(), "category"),
                    what + " names unknown category '" + categoryId + "'",
                    "use one of " + categories.keySet() + ", or declare it under /categories"));
        }
    }
}
