package org.consent4j.core.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.SensitiveData;
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
 *   <li>GPC wins over a grant, unless the grant was made while GPC was on and the
 *       {@linkplain ConsentPolicy#grantOverGpc() policy} allows it where the law does (California 11 CCR
 *       §7025(c)(3), Colorado CPA Rule 5.09) or GPC is honoured only as site policy; the reason then says so.</li>
 * </ol>
 *
 * <p>Rules are taken at the engine's {@link Clock}, in UTC: the jurisdiction entry in effect that day,
 * whether honouring GPC is a legal duty yet, and expiry in calendar arithmetic. Each {@link Reason}
 * says whose rule decided ({@link Reason#basis()}): GPC honoured where no law requires it is
 * {@link Reason#GPC_OPT_OUT_POLICY}, not {@link Reason#GPC_OPT_OUT}. A service flagged as handling
 * sensitive data (in the catalog or the {@link ConsentPolicy}) needs an explicit grant where the
 * jurisdiction requires opt-in for that kind of data.
 *
 * <p>Immutable and thread-safe; share one per application.
 */
public final class ConsentEngine {

    private final Catalog catalog;
    private final JurisdictionTable jurisdictions;
    private final Clock clock;
    private final ConsentPolicy policy;
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
     * @param sensitive the kinds of sensitive data it handles
     * @param service   the service id for a service, else null
     */
    record Target(String category, boolean required, boolean gpcScoped, Set<SensitiveData> sensitive,
                  @Nullable String service) {
    }

    /** The catalog only lets services and purposes name categories it declares. */
    private static Target categoryTarget(Map<String, Target> categories, String category) {
        return Objects.requireNonNull(categories.get(category), category);
    }

    private ConsentEngine(Builder b) {
        this.catalog = Objects.requireNonNull(b.catalog, "catalog");
        this.jurisdictions = Objects.requireNonNull(b.jurisdictions, "jurisdictions");
        this.clock = b.clock;
        this.policy = b.policy();
        Map<String, Target> c = new HashMap<>();
        Map<String, Target> s = new HashMap<>();
        Map<String, Target> p = new HashMap<>();
        Map<String, Set<SensitiveData>> categorySensitive = new HashMap<>();
        for (Service service : catalog.services()) {
            Set<SensitiveData> kinds = EnumSet.noneOf(SensitiveData.class);
            kinds.addAll(service.sensitive());
            kinds.addAll(policy.sensitive().getOrDefault(service.id(), Set.of()));
            if (!kinds.isEmpty()) {
                categorySensitive.computeIfAbsent(service.category(), k -> EnumSet.noneOf(SensitiveData.class)).addAll(kinds);
            }
        }
        for (Category category : catalog.categories()) {
            c.put(category.id(), new Target(category.id(), category.required(), catalog.gpcScopedCategory(category.id()),
                    Set.copyOf(categorySensitive.getOrDefault(category.id(), Set.of())), null));
        }
        for (Service service : catalog.services()) {
            Set<SensitiveData> kinds = EnumSet.noneOf(SensitiveData.class);
            kinds.addAll(service.sensitive());
            kinds.addAll(policy.sensitive().getOrDefault(service.id(), Set.of()));
            s.put(service.id(), new Target(service.category(), categoryTarget(c, service.category()).required(),
                    catalog.gpcScopedService(service.id()), Set.copyOf(kinds), service.id()));
        }
        for (Purpose purpose : catalog.purposes()) {
            Target category = categoryTarget(c, purpose.category());
            p.put(purpose.id(), new Target(purpose.category(), category.required(), purpose.coveredByGpc(),
                    category.sensitive(), null));
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

    /**
     * The consent of a visitor at {@code location} (e.g. {@code US-CA}; empty when unknown), under the
     * rules in effect on the clock's current UTC date.
     */
    public VisitorConsent evaluate(String location, Signals signals, Optional<ConsentState> state) {
        Instant now = clock.instant();
        return evaluate(jurisdictions.resolve(location, LocalDate.ofInstant(now, ZoneOffset.UTC)), signals, state, now);
    }

    /** The consent of a visitor under the rules of {@code jurisdiction}, now. */
    public VisitorConsent evaluate(Jurisdiction jurisdiction, Signals signals, Optional<ConsentState> state) {
        return evaluate(jurisdiction, signals, state, clock.instant());
    }

    private VisitorConsent evaluate(Jurisdiction jurisdiction, Signals signals, Optional<ConsentState> state, Instant now) {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(state, "state");
        return new VisitorConsent(this, jurisdiction, signals, state.orElse(null), now);
    }

    /** The UTC date of the clock's current instant: the day whose rules apply. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The site's policy. */
    public ConsentPolicy policy() {
        return policy;
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

    /** Whether an explicit grant made while GPC was on may win over the signal (where the law allows it). */
    public boolean grantMayOverrideGpc() {
        return policy.grantOverGpc();
    }

    boolean compatibleRevision(String revision) {
        return revision.equals(catalog.revision()) || policy.acceptedCatalogRevisions().contains(revision);
    }

    boolean compatibleCategoryRevision(String category, @Nullable String revision) {
        if (revision == null) {
            return false;
        }
        if (revision.equals(catalog.categoryRevision(category))) {
            return true;
        }
        Set<String> accepted = policy.acceptedCategoryRevisions().get(category);
        return accepted != null && accepted.contains(revision);
    }

    boolean compatibleServiceRevision(String service, @Nullable String revision) {
        if (revision == null) {
            return false;
        }
        if (revision.equals(catalog.serviceRevision(service))) {
            return true;
        }
        Set<String> accepted = policy.acceptedServiceRevisions().get(service);
        return accepted != null && accepted.contains(revision);
    }

    /** Configures a {@link ConsentEngine}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Catalog catalog;
        private @Nullable JurisdictionTable jurisdictions;
        private Clock clock = Clock.systemUTC();
        private ConsentPolicy policy = ConsentPolicy.DEFAULT;
        private @Nullable Boolean grantMayOverrideGpc;
        private @Nullable Boolean honourGpcBeyondMandate;
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
         * Whether a grant made while GPC was on wins over the signal, where the jurisdiction's law
         * allows it (California, Colorado) or GPC is honoured only as site policy. Off by default: GPC
         * wins. Overrides the policy's {@link ConsentPolicy#grantOverGpc()}.
         */
        public Builder grantMayOverrideGpc(boolean allowed) {
            this.grantMayOverrideGpc = allowed;
            return this;
        }

        /**
         * Whether GPC opts the visitor out where the jurisdiction's entry honours it but no law requires
         * it (yet); on by default. Overrides the policy's {@link ConsentPolicy#honourGpcBeyondMandate()}.
         */
        public Builder honourGpcBeyondMandate(boolean honour) {
            this.honourGpcBeyondMandate = honour;
            return this;
        }

        /** The site's policy (JSON-configurable, see {@link ConsentPolicy#parse}); {@link ConsentPolicy#DEFAULT} by default. */
        public Builder policy(ConsentPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        ConsentPolicy policy() {
            ConsentPolicy p = policy;
            Set<String> catalogRevisions = new java.util.HashSet<>(p.acceptedCatalogRevisions());
            catalogRevisions.addAll(acceptedRevisions);
            return new ConsentPolicy(honourGpcBeyondMandate == null ? p.honourGpcBeyondMandate() : honourGpcBeyondMandate,
                    grantMayOverrideGpc == null ? p.grantOverGpc() : grantMayOverrideGpc, p.exemptions(), p.sensitive(),
                    catalogRevisions, p.acceptedCategoryRevisions(), p.acceptedServiceRevisions());
        }

        /**
         * Earlier whole-catalog revisions whose grants still count, for catalog edits that do not change
         * what visitors agreed to; added to the policy's. Empty by default: a material change asks again
         * for what changed (per-category revisions in the choice), or for everything when the choice has
         * only the whole-catalog revision.
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
