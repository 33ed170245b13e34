package org.consent4j.core.decision;

/**
 * Allow or deny, and why.
 *
 * <p>Instances are shared: {@link #of(boolean, Reason)} returns one of a fixed set, so deciding
 * allocates nothing. Compare with {@link #equals(Object)} or by fields.
 *
 * @param allowed whether the thing may be done
 * @param reason  why
 */
public record Decision(boolean allowed, Reason reason) {

    private static final Decision[] ALLOW = new Decision[Reason.values().length];
    private static final Decision[] DENY = new Decision[Reason.values().length];

    static {
        for (Reason r : Reason.values()) {
            ALLOW[r.ordinal()] = new Decision(true, r);
            DENY[r.ordinal()] = new Decision(false, r);
        }
    }

    /** Checks that the reason is present. */
    public Decision {
        java.util.Objects.requireNonNull(reason, "reason");
    }

    /** The shared instance. */
    public static Decision of(boolean allowed, Reason reason) {
        return allowed ? ALLOW[reason.ordinal()] : DENY[reason.ordinal()];
    }

    static Decision allow(Reason reason) {
        return ALLOW[reason.ordinal()];
    }

    static Decision deny(Reason reason) {
        return DENY[reason.ordinal()];
    }

    /** {@code allow} or {@code deny}. */
    public String verdict() {
        return allowed ? "allow" : "deny";
    }

    /** E.g. {@code deny (opt-in regime, no choice yet)}. */
    @Override
    public String toString() {
        return verdict() + " (" + reason.sentence() + ")";
    }
}
