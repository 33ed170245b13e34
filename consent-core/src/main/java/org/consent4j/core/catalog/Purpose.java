package org.consent4j.core.catalog;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Why data is processed, e.g. {@code measurement} or {@code personalised-ads}.
 *
 * @param id          stable id
 * @param category    the id of the category a visitor chooses it under
 * @param legalBasis  the lawful basis relied on
 * @param rights      the US opt-out rights it touches; Global Privacy Control acts through these
 * @param label       short localised name
 * @param description localised explanation
 */
public record Purpose(String id, String category, LegalBasis legalBasis, Set<OptOutRight> rights,
                      LocalizedText label, LocalizedText description) {

    /** Checks the id and that every component is present. */
    public Purpose {
        Ids.require("purpose", id);
        Ids.require("category", category);
        Objects.requireNonNull(legalBasis, "legalBasis");
        rights = rights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rights));
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
    }

    /** Whether Global Privacy Control opts the visitor out of this purpose. */
    public boolean coveredByGpc() {
        for (OptOutRight right : rights) {
            if (right.coveredByGpc()) {
                return true;
            }
        }
        return false;
    }
}
