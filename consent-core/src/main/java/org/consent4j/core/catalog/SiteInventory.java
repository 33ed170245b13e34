package org.consent4j.core.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The services a site uses, as it declared them: what its banner, cookie declaration, boot state,
 * {@code explain} and records speak of. The catalog it comes from stays the knowledge base that
 * recognises cookies and hosts of every service, used or not.
 *
 * <p>A site declares its services with a {@code "uses"} list in its catalog file or
 * {@link Catalog.Builder#uses}. Without a declaration the inventory holds every service of the
 * catalog ({@link #declared()} is false), as before declarations existed.
 *
 * <p>Immutable and thread-safe. Obtain one with {@link Catalog#inventory()}.
 */
public final class SiteInventory {

    private final Catalog knowledge;
    private final @Nullable Set<String> declared;
    private volatile @Nullable Catalog view;

    SiteInventory(Catalog knowledge, @Nullable Set<String> declared) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.declared = declared;
    }

    /** Whether the site declared the services it uses; false means the inventory is the whole catalog. */
    public boolean declared() {
        return declared != null;
    }

    /** Whether the site uses this service (always true for a catalogued service without a declaration). */
    public boolean uses(String serviceId) {
        return declared == null ? knowledge.service(serviceId).isPresent() : declared.contains(serviceId);
    }

    /** The services in use, by category order then id. */
    public List<Service> services() {
        return catalog().services();
    }

    /** The service with this id, if the site uses it. */
    public Optional<Service> service(String serviceId) {
        return uses(serviceId) ? knowledge.service(serviceId) : Optional.empty();
    }

    /**
     * A catalog of the categories, the purposes and only the services in use, with the same
     * {@link Catalog#revision() revision}: what to show visitors. Its lookups know only the services
     * in use; attribute cookies and hosts with {@link #knowledge()}.
     */
    public Catalog catalog() {
        if (declared == null) {
            return knowledge;
        }
        Catalog v = view;
        if (v == null) {
            Catalog.Builder b = Catalog.builder();
            knowledge.categories().forEach(b::category);
            knowledge.purposes().forEach(b::purpose);
            knowledge.services().stream().filter(s -> declared.contains(s.id())).forEach(b::service);
            v = b.uses(declared).build();
            view = v;
        }
        return v;
    }

    /** The whole catalog: every service that can be recognised, used or not. */
    public Catalog knowledge() {
        return knowledge;
    }

    @Override
    public String toString() {
        return declared == null ? "SiteInventory[every one of " + knowledge.services().size() + " services, undeclared]"
                : "SiteInventory[" + declared + "]";
    }
}
