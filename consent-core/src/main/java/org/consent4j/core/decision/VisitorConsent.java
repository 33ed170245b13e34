package org.consent4j.core.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.consent4j.core.jurisdiction.Jurisdiction;
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
    /** Why an existing grant does not count, or null when it does (or there is none). */
    private final @Nullable Reason staleGrant;

    VisitorConsent(ConsentEngine engine, Jurisdiction jurisdiction, Signals signals, @Nullable ConsentState state,
                   Instant now) {
        this.engine = engine;
        this.jurisdiction = jurisdiction;
        this.signals = signals;
        this.state = state;
        this.now = now;
        if (state == null) {
            staleGrant = null;
        } else if (expired(state.decidedAt(), now, jurisdiction.maxChoiceAge())) {
            staleGrant = Reason.GRANT_EXPIRED;
        } else if (!engine.compatibleRevision(state.catalogRevision())) {
            staleGrant = Reason.CATALOG_REVISED;
        } else {
            staleGrant = null;
        }
    }

    /**
     * Whether a choice made at {@code decidedAt} no longer counts at {@code now}: it is older than
     * {@code maxAge}, or dated more than {@link #FUTURE_TOLERANCE} after {@code now} (a clock running
     * ahead must not stretch a grant beyond the maximum age). Never throws, whatever the instants.
     */
    static boolean expired(Instant decidedAt, Instant now, Duration maxAge) {
        // age = now - decidedAt as seconds and nanoseconds, without allocating or overflowing
        long seconds = now.getEpochSecond() - decidedAt.getEpochSecond();
        int nanos = now.getNano() - decidedAt.getNano();
        if (nanos < 0) {
            seconds--;
            nanos += 1_000_000_000;
        }
        boolean older = seconds > maxAge.getSeconds() || seconds == maxAge.getSeconds() && nanos > maxAge.getNano();
        return older || seconds < -FUTURE_TOLERANCE.getSeconds();
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

    /**
     * Whether the visitor should be asked: in an opt-in regime, when there is no choice, or it expired,
     * or the catalog changed since. Other regimes offer a link rather than a prompt.
     */
    public boolean needsPrompt() {
        return jurisdiction.regime() == org.consent4j.core.jurisdiction.Regime.OPT_IN
                && (state == null || staleGrant != null);
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
        return decide(state == null ? null : state.categoryChoice(categoryId), t.gpcScoped());
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
        if (state != null) {
            choice = state.serviceChoice(serviceId);
            if (choice == null) {
                choice = state.categoryChoice(t.category());
            }
        }
        return decide(choice, t.gpcScoped());
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
        return decide(state == null ? null : state.categoryChoice(t.category()), t.gpcScoped());
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

    private Decision decide(@Nullable Choice choice, boolean gpcScoped) {
        boolean gpcOptOut = gpcScoped && signals.gpc() && jurisdiction.gpcHonoured();
        if (choice == Choice.DENIED) {
            return Decision.deny(Reason.DENIED);
        }
        Reason unset = Reason.NO_CHOICE_OPT_IN;
        if (choice == Choice.GRANTED) {
            if (staleGrant == null) {
                if (!gpcOptOut) {
                    return Decision.allow(Reason.GRANTED);
                }
                if (engine.grantMayOverrideGpc() && state != null && state.gpc()) {
                    return Decision.allow(Reason.GRANTED_OVER_GPC);
                }
                return Decision.deny(Reason.GPC_OPT_OUT);
            }
            unset = staleGrant;
        }
        return switch (jurisdiction.regime()) {
            case OPT_IN -> Decision.deny(unset);
            case OPT_OUT -> gpcOptOut ? Decision.deny(Reason.GPC_OPT_OUT) : Decision.allow(Reason.OPT_OUT_DEFAULT);
            case NOTICE -> gpcOptOut ? Decision.deny(Reason.GPC_OPT_OUT) : Decision.allow(Reason.NOTICE_DEFAULT);
        };
    }

    @Override
    public String toString() {
        return "VisitorConsent[jurisdiction=" + jurisdiction.code() + ", regime=" + jurisdiction.regime()
                + ", gpc=" + signals.gpc() + ", choice=" + (state == null ? "none" : state.method()) + "]";
    }
}
