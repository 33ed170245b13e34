package org.consent4j.destinations;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A system a server forwards events to, e.g. {@code segment → google-analytics},
 * {@code segmetrics-crm-webhook} or {@code meta-conversions-api}, and the consent condition it needs: the
 * catalog services it sends data to and the purposes it serves.
 *
 * <p>A delivery needs every declared service and every declared purpose to be allowed for the visitor. A
 * destination that declares neither is <em>unconditioned</em> and receives nothing: a destination nobody
 * configured must not receive everyone's data. Immutable.
 *
 * @param name     a unique, human-readable name; any non-blank text
 * @param services catalog ids of the services the data goes to, in declaration order
 * @param purposes catalog ids of the purposes the data is used for, in declaration order
 */
public record Destination(String name, List<String> services, List<String> purposes) {

    /** Checks the name (not blank, no surrounding spaces or control characters) and the other components. */
    public Destination {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || !name.strip().equals(name) || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("destination name '" + name
                    + "' is not valid: use non-blank text without leading or trailing spaces or control characters");
        }
        services = distinct("service", name, services);
        purposes = distinct("purpose", name, purposes);
    }

    /** A builder for a destination called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether it declares a consent condition; an unconditioned destination receives nothing. */
    public boolean conditioned() {
        return !services.isEmpty() || !purposes.isEmpty();
    }

    private static List<String> distinct(String kind, String name, List<String> ids) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String id : ids) {
            Objects.requireNonNull(id, kind);
            if (id.isBlank()) {
                throw new IllegalArgumentException("destination '" + name + "' names a blank " + kind + " id");
            }
            set.add(id);
        }
        return List.copyOf(set);
    }

    /** Builds a {@link Destination}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<String> services = new ArrayList<>();
        private final List<String> purposes = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Adds a catalog service the data goes to; its decision must allow. */
        public Builder service(String serviceId) {
            services.add(Objects.requireNonNull(serviceId, "serviceId"));
            return this;
        }

        /** Adds a catalog purpose the data is used for; its decision must allow. */
        public Builder purpose(String purposeId) {
            purposes.add(Objects.requireNonNull(purposeId, "purposeId"));
            return this;
        }

        /**
         * The destination.
         *
         * @throws IllegalArgumentException if the name or an id is blank
         */
        public Destination build() {
            return new Destination(name, services, purposes);
        }
    }
}
