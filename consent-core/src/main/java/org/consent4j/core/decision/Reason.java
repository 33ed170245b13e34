package org.consent4j.core.decision;

import java.util.Locale;

/** Why a {@link Decision} came out as it did: a stable code and a sentence for people. */
public enum Reason {
    /** Strictly necessary: never needs consent (ePrivacy Directive Art. 5(3), second sentence). */
    NECESSARY("necessary: always allowed"),
    /** The visitor granted it, within the choice's lifetime and under a compatible catalog. */
    GRANTED("granted by the visitor"),
    /** The visitor refused or withdrew it. */
    DENIED("denied by the visitor"),
    /** Opt-in regime and no choice yet: silence is not consent. */
    NO_CHOICE_OPT_IN("opt-in regime, no choice yet"),
    /** The grant is older than the jurisdiction's maximum age, so it no longer counts. */
    GRANT_EXPIRED("choice expired"),
    /** The grant was made under a catalog revision that is no longer accepted. */
    CATALOG_REVISED("catalog revised since choice"),
    /** Opt-out regime and the visitor has not opted out. */
    OPT_OUT_DEFAULT("opt-out regime, not opted out"),
    /** Global Privacy Control opts the visitor out of sale, sharing or targeted advertising here. */
    GPC_OPT_OUT("GPC opt-out of sale, sharing or targeted advertising"),
    /** Notice regime and the visitor has not refused. */
    NOTICE_DEFAULT("notice regime, not refused"),
    /** An explicit grant made while GPC was on, allowed by configuration to win over the signal. */
    GRANTED_OVER_GPC("granted explicitly while GPC was on; configuration lets the grant win"),
    /** The category, purpose or service is not in the catalog: denied. */
    UNKNOWN_TARGET("not in the catalog: denied");

    private final String sentence;
    private final String code;

    Reason(String sentence) {
        this.sentence = sentence;
        this.code = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A stable, lower-case, hyphenated code, e.g. {@code gpc-opt-out}. */
    public String code() {
        return code;
    }

    /** A short explanation for people. */
    public String sentence() {
        return sentence;
    }
}
