package org.consent4j.core.decision;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.SensitiveData;
import org.consent4j.core.jurisdiction.Exemption;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.Regime;
import org.jspecify.annotations.Nullable;

/**
 * The consent of one visitor, here and now: answers "may I do X?" for a category, purpose or service.
 *
 * <p>Made by {@link ConsentEngine#evaluate}. Immutable and thread-safe; deciding allocates nothing.
 */
public final class VisitorConsent {

    /** How far in the future a choice may be dated (clock skew between instances) and still count. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final ConsentEngine engine;
    private final Jurisdiction jurisdiction;
    private final Signals signals;
    private final @Nullable ConsentState state;
    private final Instant now;
    private final LocalDate today;
    /** Whether the whole choice is too old (or dated too far ahead) to count. */
    private final boolean expired;
    /** Whether the choice's whole-catalog revision is still accepted, so no per-target check is needed. */
    private final boolean catalogCurrent;
    /** Whether GPC opts the visitor out here now, and by whose rule. */
    private final boolean gpcOptOut;
    private final Reason gpcReason;
    /** Whether a grant made while GPC was on may win over it here. */
    private final boolean grantMayWin;
    /** The exemption the site turned on that is available here today, or null. */
    private final @Nullable Exemption exemption;

    VisitorConsent(ConsentEngine engine, Jurisdiction jurisdiction, Signals signals, @Nullable ConsentState state,
                   Instant now) {
        this.engine = engine;
        this.jurisdiction = jurisdiction;
        this.signals = signals;
        this.state = state;
        this.now = now;
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.expired = state != null && expired(state.decidedAt(), now, jurisdiction);
        this.catalogCurrent = state != null && engine.compatibleRevision(state.catalogRevision());
        ConsentPolicy policy = engine.policy();
        boolean duty = jurisdiction.gpcDutyOn(today);
        boolean honoured = duty || jurisdiction.gpcHonoured() && policy.honourGpcBeyondMandate();
        this.gpcOptOut = signals.gpc() && honoured;
        this.gpcReason = duty ? Reason.GPC_OPT_OUT : Reason.GPC_OPT_OUT_POLICY;
        this.grantMayWin = policy.grantOverGpc() && (jurisdiction.grantOverGpcAllowed() || !duty);
        Exemption found = null;
        for (Exemption e : jurisdiction.exemptions()) {
            if (!today.isBefore(e.from()) && policy.exemptionOn(jurisdiction.code(), e.id())) {
                found = e;
                break;
            }
        }
        this.exemption = found;
    }

    /**
     * Whether a choice made at {@code decidedAt} no longer counts at {@code now} under {@code rules}:
     * {@code now} is after {@link Jurisdiction#expiresAt(Instant) decidedAt plus the choice age} in
     * calendar arithmetic (UTC), or the choice is dated more than {@link #FUTURE_TOLERANCE} after
     * {@code now} (a clock running ahead must not stretch a grant). Never throws, whatever the instants.
     */
    static boolean expired(Instant decidedAt, Instant now, Jurisdiction rules) {
        // ahead = decidedAt - now, without overflowing whatever the instants
        Duration ahead = Duration.ofSeconds(decidedAt.getEpochSecond() - now.getEpochSecond(), decidedAt.getNano() - now.getNano());
        if (ahead.compareTo(FUTURE_TOLERANCE) > 0) {
            return true;
        }
        Instant expires;
        try {
            expires = rules.expiresAt(decidedAt);
        } catch (DateTimeException | ArithmeticException e) {
            return decidedAt.isBefore(now); // outside the calendar's range: only an ancient choice gets here
        }
        return now.isAfter(expires);
    }

    /** The rules that apply. */
    public Jurisdiction jurisdiction() {
        return jurisdiction;
    }

    /** The signals the visitor sent. */
    public Signals signals() {
        return signals;
    }

    /** The visitor's recorded choice, if any. */
    public Optional<ConsentState> state() {
        return Optional.ofNullable(state);
    }

    /** The moment decisions are made for. */
    public Instant now() {
        return now;
    }

    /** Whether Global Privacy Control opts this visitor out here now (by law or by site policy). */
    public boolean gpcOptOutApplies() {
        return gpcOptOut;
    }

    /** The legal exemption in use here (turned on by the site, available today), whose notice must be shown. */
    public Optional<Exemption> exemption() {
        return Optional.ofNullable(exemption);
    }

    /**
     * Whether the visitor should be asked: in an opt-in regime, when there is no choice, or it expired,
     * or a category changed since. Other regimes offer a link rather than a prompt.
     */
    public boolean needsPrompt() {
        if (jurisdiction.regime() != Regime.OPT_IN) {
            return false;
        }
        return state == null || expired || !staleCategories().isEmpty();
    }

    /**
     * The optional categories whose choice no longer counts because what they cover changed since
     * (all of them when the choice expired or carries no per-category revisions): what to ask again.
     */
    public List<String> staleCategories() {
        List<String> out = new ArrayList<>();
        for (Category c : engine.catalog().categories()) {
            if (!c.required() && (state == null || expired || staleFor(c.id(), null) != null)) {
                out.add(c.id());
            }
        }
        return List.copyOf(out);
    }

    /** The decision for a category; {@link Reason#UNKNOWN_TARGET} for an id the catalog does not know. */
    public Decision category(String categoryId) {
        ConsentEngine.Target t = engine.category(categoryId);
        if (t == null) {
            return Decision.deny(Reason.UNKNOWN_TARGET);
        }
        if (t.required()) {
            return Decision.allow(Reason.NECESSARY);
        }
        return decide(t, state == null ? null : state.categoryChoice(categoryId), staleFor(categoryId, null));
    }

    /**
     * The decision for a service: its own choice where the visitor made one, else its category's.
     * GPC applies when one of its purposes touches sale, sharing or targeted advertising.
     */
    public Decision service(String serviceId) {
        ConsentEngine.Target t = engine.service(serviceId);
        if (t == null) {
            return Decision.deny(Reason.UNKNOWN_TARGET);
        }
        if (t.required()) {
            return Decision.allow(Reason.NECESSARY);
        }
        Choice choice = null;
        Reason stale = null;
        if (state != null) {
            choice = state.serviceChoice(serviceId);
            if (choice == null) {
                choice = state.categoryChoice(t.category());
                stale = staleFor(t.category(), null);
            } else {
                stale = staleFor(t.category(), serviceId);
            }
        }
        return decide(t, choice, stale);
    }

    /** The decision for a purpose: its category's choice, with GPC applied through its rights. */
    public Decision purpose(String purposeId) {
        ConsentEngine.Target t = engine.purpose(purposeId);
        if (t == null) {
            return Decision.deny(Reason.UNKNOWN_TARGET);
        }
        if (t.required()) {
            return Decision.allow(Reason.NECESSARY);
        }
        return decide(t, state == null ? null : state.categoryChoice(t.category()), staleFor(t.category(), null));
    }

    /**
     * The decision for an id that names a category, else a service, else a purpose; an unknown id is
     * denied.
     */
    public Decision decide(String id) {
        if (engine.category(id) != null) {
            return category(id);
        }
        if (engine.service(id) != null) {
            return service(id);
        }
        return purpose(id);
    }

    /** Whether {@link #decide(String)} allows {@code id}. */
    public boolean allows(String id) {
        return decide(id).allowed();
    }

    /** Why the choice for this category (or this service's own choice) does not count, or null when it does. */
    private @Nullable Reason staleFor(String category, @Nullable String service) {
        if (state == null) {
            return null;
        }
        if (expired) {
            return Reason.GRANT_EXPIRED;
        }
        if (catalogCurrent) {
            return null;
        }
        boolean ok = service == null
                ? engine.compatibleCategoryRevision(category, state.categoryRevisions().get(category))
                : engine.compatibleServiceRevision(service, state.serviceRevisions().get(service));
        return ok ? null : Reason.CATALOG_REVISED;
    }

    private Decision decide(ConsentEngine.Target t, @Nullable Choice choice, @Nullable Reason stale) {
        if (choice == Choice.DENIED) {
            return Decision.deny(Reason.DENIED);
        }
        Reason unset = jurisdiction.regimeByLaw() ? Reason.NO_CHOICE_OPT_IN : Reason.NO_CHOICE_PROTECTIVE;
        boolean gpc = gpcOptOut && t.gpcScoped();
        if (choice == Choice.GRANTED) {
            if (stale == null) {
                if (!gpc) {
                    return Decision.allow(Reason.GRANTED);
                }
                if (grantMayWin && state != null && state.gpc()) {
                    return Decision.allow(Reason.GRANTED_OVER_GPC);
                }
                return Decision.deny(gpcReason);
            }
            unset = stale;
        }
        if (jurisdiction.regime() == Regime.OPT_IN) {
            Exemption e = exemption;
            if (e != null && e.category().equals(t.category()) && !t.gpcScoped() && t.sensitive().isEmpty()) {
                return Decision.allow(Reason.EXEMPT_WITH_NOTICE);
            }
            return Decision.deny(unset);
        }
        if (gpc) {
            return Decision.deny(gpcReason);
        }
        if (sensitiveHere(t.sensitive())) {
            return Decision.deny(choice == Choice.GRANTED ? unset : Reason.SENSITIVE_OPT_IN);
        }
        return jurisdiction.regime() == Regime.OPT_OUT ? Decision.allow(Reason.OPT_OUT_DEFAULT) : Decision.allow(Reason.NOTICE_DEFAULT);
    }

    private boolean sensitiveHere(Set<SensitiveData> kinds) {
        if (kinds.isEmpty()) {
            return false;
        }
        Set<SensitiveData> optIn = jurisdiction.sensitiveOptIn();
        if (optIn.isEmpty()) {
            return false;
        }
        for (SensitiveData k : kinds) {
            if (optIn.contains(k)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "VisitorConsent[jurisdiction=" + jurisdiction.code() + ", regime=" + jurisdiction.regime()
                + ", gpc=" + signals.gpc() + ", choice=" + (state == null ? "none" : state.method()) + "]";
    }
}
