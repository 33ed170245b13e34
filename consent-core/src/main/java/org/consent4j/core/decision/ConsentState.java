package org.consent4j.core.decision;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.consent4j.core.catalog.Catalog;
import org.jspecify.annotations.Nullable;

/**
 * A visitor's recorded choice: per category, optionally per service, with when, under which catalog
 * revision, where, how, and whether Global Privacy Control was on at the time.
 *
 * <p>A category or service missing from the maps has no choice. "No choice at all" is an empty
 * {@code Optional<ConsentState>} at the API, never a special instance. Immutable.
 *
 * @param categories      category id to choice
 * @param services        service id to choice; overrides the service's category
 * @param decidedAt       when the choice was made
 * @param catalogRevision the {@link org.consent4j.core.catalog.Catalog#revision()} shown at the time
 * @param jurisdiction    the jurisdiction code the choice was made under
 * @param method          how it was made
 * @param gpc             whether Global Privacy Control was on when it was made
 * @param categoryRevisions category id to {@link org.consent4j.core.catalog.Catalog#categoryRevision} at the
 *                        time, for the categories chosen; empty in choices made before per-category revisions
 *                        (those carry only {@code catalogRevision})
 * @param serviceRevisions  service id to {@link org.consent4j.core.catalog.Catalog#serviceRevision} at the time,
 *                        for the services chosen one by one
 */
public record ConsentState(Map<String, Choice> categories, Map<String, Choice> services, Instant decidedAt,
                           String catalogRevision, String jurisdiction, ConsentMethod method, boolean gpc,
                           Map<String, String> categoryRevisions, Map<String, String> serviceRevisions) {

    /** Copies the maps and checks that every component is present. */
    public ConsentState {
        categories = Map.copyOf(categories);
        services = Map.copyOf(services);
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(catalogRevision, "catalogRevision");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(method, "method");
        categoryRevisions = Map.copyOf(categoryRevisions);
        serviceRevisions = Map.copyOf(serviceRevisions);
    }

    /** A choice without per-category revisions: it counts only while its whole-catalog revision does. */
    public ConsentState(Map<String, Choice> categories, Map<String, Choice> services, Instant decidedAt,
                        String catalogRevision, String jurisdiction, ConsentMethod method, boolean gpc) {
        this(categories, services, decidedAt, catalogRevision, jurisdiction, method, gpc, Map.of(), Map.of());
    }

    /**
     * This choice stamped with {@code catalog}'s revisions: its whole revision and the revision of every
     * category and service chosen, so that a later change re-asks only what changed.
     */
    public ConsentState withRevisionsOf(Catalog catalog) {
        Map<String, String> c = new TreeMap<>();
        categories.keySet().forEach(id -> {
            String r = catalog.categoryRevision(id);
            if (!r.isEmpty()) {
                c.put(id, r);
            }
        });
        Map<String, String> s = new TreeMap<>();
        services.keySet().forEach(id -> {
            String r = catalog.serviceRevision(id);
            if (!r.isEmpty()) {
                s.put(id, r);
            }
        });
        return new ConsentState(categories, services, decidedAt, catalog.revision(), jurisdiction, method, gpc, c, s);
    }

    /** The choice for a category, if one was made. */
    public Optional<Choice> category(String id) {
        return Optional.ofNullable(categories.get(id));
    }

    /** The choice for a service, if one was made for it specifically. */
    public Optional<Choice> service(String id) {
        return Optional.ofNullable(services.get(id));
    }

    @Nullable Choice categoryChoice(String id) {
        return categories.get(id);
    }

    @Nullable Choice serviceChoice(String id) {
        return services.get(id);
    }

    /** A builder for a choice made at {@code decidedAt} under {@code catalogRevision}. */
    public static Builder builder(Instant decidedAt, String catalogRevision) {
        return new Builder(decidedAt, catalogRevision, null);
    }

    /**
     * A builder for a choice made at {@code decidedAt} under {@code catalog}: the result carries the
     * catalog's revision and the revision of every category and service chosen.
     */
    public static Builder builder(Instant decidedAt, Catalog catalog) {
        return new Builder(decidedAt, catalog.revision(), catalog);
    }

    /** Builds a {@link ConsentState}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Choice> categories = new TreeMap<>();
        private final Map<String, Choice> services = new TreeMap<>();
        private final Instant decidedAt;
        private final String catalogRevision;
        private String jurisdiction = "";
        private ConsentMethod method = ConsentMethod.CUSTOM;
        private boolean gpc;
        private final @Nullable Catalog catalog;

        private Builder(Instant decidedAt, String catalogRevision, @Nullable Catalog catalog) {
            this.decidedAt = decidedAt;
            this.catalogRevision = catalogRevision;
            this.catalog = catalog;
        }

        /** The visitor's choice for a category. */
        public Builder category(String id, Choice choice) { categories.put(id, choice); return this; }
        /** Grants a category. */
        public Builder grant(String categoryId) { return category(categoryId, Choice.GRANTED); }
        /** Denies a category. */
        public Builder deny(String categoryId) { return category(categoryId, Choice.DENIED); }
        /** The visitor's choice for one service, overriding its category. */
        public Builder service(String id, Choice choice) { services.put(id, choice); return this; }
        /** The jurisdiction the choice was made under. */
        public Builder jurisdiction(String code) { this.jurisdiction = code; return this; }
        /** How the choice was made. */
        public Builder method(ConsentMethod method) { this.method = method; return this; }
        /** Whether Global Privacy Control was on when the choice was made. */
        public Builder gpc(boolean gpc) { this.gpc = gpc; return this; }

        /** The state. */
        public ConsentState build() {
            ConsentState state = new ConsentState(categories, services, decidedAt, catalogRevision, jurisdiction, method, gpc);
            return catalog == null ? state : state.withRevisionsOf(catalog);
        }
    }
}
