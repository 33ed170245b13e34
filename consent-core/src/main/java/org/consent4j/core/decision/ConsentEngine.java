package org.consent4j.core.decision;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for one visitor, whether a category, purpose or service is allowed, and why.
 *
 * <p>The rules (DESIGN.md, "Decision rules"):
 * <ol>
 *   <li>{@code necessary} (any required category) is always allowed.</li>
 *   <li>{@link org.consent4j.core.jurisdiction.Regime#OPT_IN}: allowed only on an explicit,
 *       unexpired grant made under a compatible catalog revision.</li>
 *   <li>{@link org.consent4j.core.jurisdiction.Regime#OPT_OUT}: allowed unless denied, or Global
 *       Privacy Control is on where the jurisdiction honours it and the target touches sale, sharing
 *       or targeted advertising.</li>
 *   <li>{@link org.consent4j.core.jurisdiction.Regime#NOTICE}: allowed unless denied (or opted out
 *       by GPC where honoured).</li>
 *   <li>A grant never outlives the jurisdiction's maximum choice age; after it, the choice is unset.
 *       A denial never turns into an allow with age or a catalog revision. A choice dated more than five
 *       minutes after the moment of the decision counts as expired too.</li>
 *   <li>GPC wins over a grant, unless the grant was made while GPC was on and
 *       {@link Builder#grantMayOverrideGpc(boolean)} allows it (Colorado Privacy Act Rule 5.09 lets a
 *       controller ask for consent after an opt-out signal); the reason then says so.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe; share one per application.
 */
public final class ConsentEngine {

    private final Catalog catalog;
    private final JurisdictionTable jurisdictions;
    private final Clock clock;
    private final boolean grantMayOverrideGpc;
    private final Set<String> acceptedRevisions;
    private final Map<String, Target> categories;
    private final Map<String, Target> services;
    private final Map<String, Target> purposes;

    /**
     * What a decision needs to know about a category, service or purpose, worked out once per engine
     * so that deciding is one map lookup and allocates nothing.
     *
     * @param category  the id of the category whose choice applies
     * @param required  whether that category is required (necessary)
     * @param gpcScoped whether Global Privacy Control touches the target
     */
    record Target(String category, boolean required, boolean gpcScoped) {
    }

    private ConsentEngine(Builder b) {
        this.catalog = b.catalog;
        this.jurisdictions = b.jurisdictions;
        this.clock = b.clock;
        this.grantMayOverrideGpc = b.grantMayOverrideGpc;
        this.acceptedRevisions = Set.copyOf(b.acceptedRevisions);
        Map<String, Target> c = new HashMap<>();
        Map<String, Target> s = new HashMap<>();
        Map<String, Target> p = new HashMap<>();
        for (Category category : catalog.categories()) {
            c.put(category.id(), new Target(category.id(), category.required(), catalog.gpcScopedCategory(category.id())));
        }
        for (Service service : catalog.services()) {
            s.put(service.id(), new Target(service.category(), c.get(service.category()).required(),
                    catalog.gpcScopedService(service.id())));
        }
        for (Purpose purpose : catalog.purposes()) {
            p.put(purpose.id(), new Target(purpose.category(), c.get(purpose.category()).required(), purpose.coveredByGpc()));
        }
        this.categories = Map.copyOf(c);
        this.services = Map.copyOf(s);
        this.purposes = Map.copyOf(p);
    }

    @Nullable Target category(String id) {
        return categories.get(id);
    }

    @Nullable Target service(String id) {
        return services.get(id);
    }

    @Nullable Target purpose(String id) {
        return purposes.get(id);
    }

    /** A builder; catalog and jurisdictions are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The consent of a visitor at {@code location} (e.g. {@code US-CA}; empty when unknown). */
    public VisitorConsent evaluate(String location, Signals signals, Optional<ConsentState> state) {
        return evaluate(jurisdictions.resolve(location), signals, state);
    }

    /** The consent of a visitor under the rules of {@code jurisdiction}. */
    public VisitorConsent evaluate(Jurisdiction jurisdiction, Signals signals, Optional<ConsentState> state) {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(state, "state");
        return new VisitorConsent(this, jurisdiction, signals, state.orElse(null), clock.instant());
    }

    /** The catalog decisions are made against. */
    public Catalog catalog() {
        return catalog;
    }

    /** The jurisdiction table locations are resolved with. */
    public JurisdictionTable jurisdictions() {
        return jurisdictions;
    }

    /** The clock that tells "now" for expiry. */
    public Clock clock() {
        return clock;
    }

    /** Whether an explicit grant made while GPC was on may win over the signal. */
    public boolean grantMayOverrideGpc() {
        return grantMayOverrideGpc;
    }

    boolean compatibleRevision(String revision) {
        return revision.equals(catalog.revision()) || acceptedRevisions.contains(revision);
    }

    /** Configures a {@link ConsentEngine}. Not thread-safe. */
    public static final class Builder {
        private Catalog catalog;
        private JurisdictionTable jurisdictions;
        private Clock clock = Clock.systemUTC();
        private boolean grantMayOverrideGpc;
        private Set<String> acceptedRevisions = Set.of();

        private Builder() {
        }

        /** The catalog (required). */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** The jurisdiction rules (required). */
        public Builder jurisdictions(JurisdictionTable jurisdictions) {
            this.jurisdictions = Objects.requireNonNull(jurisdictions, "jurisdictions");
            return this;
        }

        /** The clock for expiry; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether a grant made while GPC was on wins over the signal. Off by default: GPC wins.
         * Turn it on only where the law lets a controller ask for consent after an opt-out signal.
         */
        public Builder grantMayOverrideGpc(boolean allowed) {
            this.grantMayOverrideGpc = allowed;
            return this;
        }

        /**
         * Earlier catalog revisions whose grants still count, for catalog edits that do not change
         * what visitors agreed to. Empty by default: any material change asks again.
         */
        public Builder acceptedRevisions(Set<String> revisions) {
            this.acceptedRevisions = Set.copyOf(revisions);
            return this;
        }

        /**
         * The engine.
         *
         * @throws IllegalStateException if the catalog or the jurisdictions were not set
         */
        public ConsentEngine build() {
            if (catalog == null) {
                throw new IllegalStateException("no catalog: call catalog(...) before build()");
            }
            if (jurisdictions == null) {
                throw new IllegalStateException("no jurisdictions: call jurisdictions(...) before build()");
            }
            return new ConsentEngine(this);
        }
    }
}
