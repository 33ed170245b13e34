package org.consent4j.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A draft record of processing activities (GDPR Art. 30(1)) with the DPIA screening of the site's
 * services, made from the site's inventory and the catalog. It carries the catalog revision and a hash of
 * the inventory, so a site can tell when its record must be updated ({@link ProcessingChanges}).
 *
 * @param generatedAt     when it was made
 * @param catalogRevision the catalog's revision
 * @param inventoryHash   SHA-256 of the site's sorted service ids
 * @param controller      the controller, Art. 30(1)(a)
 * @param site            what the site said about itself
 * @param activities      one per purpose, in catalog order
 * @param services        the site's services, in the order declared
 * @param result          the screening's result for the site as a whole
 */
public record ProcessingRecord(Instant generatedAt, String catalogRevision, String inventoryHash,
                               Controller controller, SiteProfile site, List<ProcessingActivity> activities,
                               List<ServiceEntry> services, DpiaResult result) {

    /** Checks that every component is present and copies the collections. */
    public ProcessingRecord {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(catalogRevision, "catalogRevision");
        Objects.requireNonNull(inventoryHash, "inventoryHash");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(site, "site");
        activities = List.copyOf(activities);
        services = List.copyOf(services);
        Objects.requireNonNull(result, "result");
    }

    /** The entry of a service, if the site uses it. */
    public Optional<ServiceEntry> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
