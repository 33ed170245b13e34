package org.consent4j.core.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one catalog file holds after reading: the entries that are valid on their own, each with the
 * JSON Pointer it came from, and every problem found in the file.
 *
 * @param source             the file name
 * @param categories         valid categories
 * @param purposes           valid purposes
 * @param services           valid services
 * @param declaredCategories ids of every category the file declares, valid or not (so that a bad
 *                           entry does not also cause "unknown category" reports elsewhere)
 * @param declaredPurposes   ids of every purpose the file declares, valid or not
 * @param problems           what is wrong, in document order
 * @param parsed             whether the file could be read as a JSON object at all; when not, its
 *                           content is unknown and checks that need it are skipped
 * @param uses               the service ids listed under {@code "uses"}, or empty when the file has no such list
 */
record CatalogFile(String source, List<Located<Category>> categories, List<Located<Purpose>> purposes,
                   List<Located<Service>> services, Set<String> declaredCategories, Set<String> declaredPurposes,
                   List<CatalogProblem> problems, boolean parsed, Optional<List<Located<String>>> uses) {

    CatalogFile {
        categories = List.copyOf(categories);
        purposes = List.copyOf(purposes);
        services = List.copyOf(services);
        declaredCategories = Set.copyOf(declaredCategories);
        declaredPurposes = Set.copyOf(declaredPurposes);
        problems = List.copyOf(problems);
        uses = uses.map(List::copyOf);
    }

    /** A file that could not be read at all. */
    static CatalogFile unreadable(String source, CatalogProblem problem) {
        return new CatalogFile(source, List.of(), List.of(), List.of(), Set.of(), Set.of(), List.of(problem), false, Optional.empty());
    }

    /**
     * An entry and where it was declared.
     *
     * @param value   the entry
     * @param source  the file name
     * @param pointer the JSON Pointer of the entry's object in that file
     */
    record Located<T>(T value, String source, String pointer) {
    }
}
