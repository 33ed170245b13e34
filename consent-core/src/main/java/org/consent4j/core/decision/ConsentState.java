package org.consent4j.core.decision;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
 */
public record ConsentState(Map<String, Choice> categories, Map<String, Choice> services, Instant decidedAt,
                           String catalogRevision, String jurisdiction, ConsentMethod method, boolean gpc) {

    public ConsentState {
        categories = Map.copyOf(categories);
        services = Map.copyOf(services);
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(catalogRevision, "catalogRevision");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(method, "method");
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
        return new Builder(decidedAt, catalogRevision);
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

        private Builder(Instant decidedAt, String catalogRevision) {
            this.decidedAt = decidedAt;
            this.catalogRevision = catalogRevision;
        }

        public Builder category(String id, Choice choice) { categories.put(id, choice); return this; }
        public Builder grant(String categoryId) { return category(categoryId, Choice.GRANTED); }
        public Builder deny(String categoryId) { return category(categoryId, Choice.DENIED); }
        public Builder service(String id, Choice choice) { services.put(id, choice); return this; }
        public Builder jurisdiction(String code) { this.jurisdiction = code; return this; }
        public Builder method(ConsentMethod method) { this.method = method; return this; }
        public Builder gpc(boolean gpc) { this.gpc = gpc; return this; }

        public ConsentState build() {
            return new ConsentState(categories, services, decidedAt, catalogRevision, jurisdiction, method, gpc);
        }
    }
}
