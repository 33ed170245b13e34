package org.consent4j.compliance;

import java.util.List;
import java.util.Objects;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.LocalizedText;

/**
 * One processing activity of the record (GDPR Art. 30(1)(b)–(f)): a purpose, with the services that
 * serve it on this site.
 *
 * @param purposeId      the catalog's purpose id
 * @param label          the purpose's label, localised
 * @param category       the consent category it belongs to
 * @param legalBasis     the purpose's lawful basis
 * @param legalReference the articles relied on
 * @param dataCategories categories of personal data (ids), Art. 30(1)(c)
 * @param dataSubjects   categories of data subjects (ids), Art. 30(1)(c)
 * @param recipients     recipients (the providers), Art. 30(1)(d)
 * @param services       the ids of the site's services serving this purpose
 */
public record ProcessingActivity(String purposeId, LocalizedText label, String category, LegalBasis legalBasis,
                                 String legalReference, List<String> dataCategories, List<String> dataSubjects,
                                 List<String> recipients, List<String> services) {

    /** Checks that every component is present and copies the collections. */
    public ProcessingActivity {
        Objects.requireNonNull(purposeId, "purposeId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(legalReference, "legalReference");
        dataCategories = List.copyOf(dataCategories);
        dataSubjects = List.copyOf(dataSubjects);
        recipients = List.copyOf(recipients);
        services = List.copyOf(services);
    }
}
