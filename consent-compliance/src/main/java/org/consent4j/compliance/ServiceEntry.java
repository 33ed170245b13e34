package org.consent4j.compliance;

import java.util.List;
import java.util.Objects;
import org.consent4j.core.catalog.DataTransfer;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.RiskLevel;

/**
 * One service of the site as the record of processing describes it.
 *
 * @param id             the catalog id
 * @param name           display name
 * @param recipient      the provider who receives the data
 * @param category       the consent category
 * @param purposes       purpose ids
 * @param legalBasis     the lawful basis
 * @param legalReference the articles relied on, e.g. "GDPR Art. 6(1)(a); ePrivacy Directive Art. 5(3)"
 * @param transfer       where data goes and under which safeguard
 * @param outsideEea     whether the transfer leaves the EEA (GDPR Chapter V applies)
 * @param risk           the catalog's risk level
 * @param cookies        the cookies it sets, each with its lifetime
 * @param retention      the longest cookie lifetime in words, or empty when it sets none
 * @param dataCategories personal data categories (ids)
 * @param screening      its DPIA screening
 * @param source         where the catalog's facts come from
 */
public record ServiceEntry(String id, String name, String recipient, String category, List<String> purposes,
                           LegalBasis legalBasis, String legalReference, DataTransfer transfer, boolean outsideEea,
                           RiskLevel risk, List<CookieEntry> cookies, String retention, List<String> dataCategories,
                           ServiceScreening screening, String source) {

    /** Checks that every component is present and copies the collections. */
    public ServiceEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(category, "category");
        purposes = List.copyOf(purposes);
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(legalReference, "legalReference");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(risk, "risk");
        cookies = List.copyOf(cookies);
        Objects.requireNonNull(retention, "retention");
        dataCategories = List.copyOf(dataCategories);
        Objects.requireNonNull(screening, "screening");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A cookie and how long it lasts.
     *
     * @param name     the name, or its prefix or pattern as the catalog writes it
     * @param lifetime ISO-8601 duration as in the catalog, or {@code session}
     */
    public record CookieEntry(String name, String lifetime) {
        /** Checks that the name and the lifetime are present. */
        public CookieEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lifetime, "lifetime");
        }
    }
}
