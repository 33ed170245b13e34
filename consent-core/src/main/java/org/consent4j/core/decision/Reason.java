package org.consent4j.core.decision;

import java.util.Locale;

/**
 * Why a {@link Decision} came out as it did: a stable code, a sentence for people, and whose rule it
 * is ({@link #basis()}).
 */
public enum Reason {
    /** Strictly necessary: never needs consent (ePrivacy Directive Art. 5(3), second sentence). */
    NECESSARY("necessary: always allowed", RuleBasis.LAW),
    /** The visitor granted it, within the choice's lifetime and under a compatible catalog. */
    GRANTED("granted by the visitor", RuleBasis.VISITOR),
    /** The visitor refused or withdrew it. */
    DENIED("denied by the visitor", RuleBasis.VISITOR),
    /** Opt-in regime set by law and no choice yet: silence is not consent. */
    NO_CHOICE_OPT_IN("opt-in regime, no choice yet", RuleBasis.LAW),
    /**
     * Opt-in applied as the protective reading where the law is unclear or the location unknown, and no
     * choice yet.
     */
    NO_CHOICE_PROTECTIVE("protective opt-in (site policy where the law is unclear or the location unknown), no choice yet",
            RuleBasis.SITE_POLICY),
    /** The choice is older than the jurisdiction's choice age (regulator guidance or site policy), so it no longer counts. */
    GRANT_EXPIRED("choice expired", RuleBasis.SITE_POLICY),
    /** What the visitor agreed to changed materially since (consent must be specific and informed). */
    CATALOG_REVISED("catalog revised since choice", RuleBasis.LAW),
    /** Opt-out regime and the visitor has not opted out. */
    OPT_OUT_DEFAULT("opt-out regime, not opted out", RuleBasis.LAW),
    /** Global Privacy Control opts the visitor out of sale, sharing or targeted advertising here, as a law requires. */
    GPC_OPT_OUT("GPC opt-out of sale, sharing or targeted advertising, a legal duty here", RuleBasis.LAW),
    /** Global Privacy Control honoured as site policy where no law requires it (yet). */
    GPC_OPT_OUT_POLICY("GPC opt-out of sale, sharing or targeted advertising, honoured as site policy beyond the law",
            RuleBasis.SITE_POLICY),
    /** Notice regime and the visitor has not refused. */
    NOTICE_DEFAULT("notice regime, not refused", RuleBasis.LAW),
    /**
     * An explicit grant made while GPC was on, which wins over the signal because configuration allows
     * it and the law does (11 CCR §7025(c)(3), CPA Rule 5.09) or no law requires honouring GPC here.
     */
    GRANTED_OVER_GPC("granted explicitly while GPC was on; configuration lets the grant win", RuleBasis.VISITOR),
    /** It processes sensitive data (health, precise location, minors) that the law here lets run only on an explicit grant. */
    SENSITIVE_OPT_IN("sensitive data: the law here requires an explicit grant", RuleBasis.LAW),
    /** Allowed without consent under a statutory exemption the site turned on; the visitor is told and may object. */
    EXEMPT_WITH_NOTICE("allowed under a legal exemption the site turned on, with notice and a means to object", RuleBasis.LAW),
    /** The category, purpose or service is not in the catalog: denied. */
    UNKNOWN_TARGET("not in the catalog: denied", RuleBasis.SITE_POLICY);

    private final String sentence;
    private final String code;
    private final RuleBasis basis;

    Reason(String sentence, RuleBasis basis) {
        this.sentence = sentence;
        this.code = name().toLowerCase(Locale.ROOT).replace('_', '-');
        this.basis = basis;
    }

    /** A stable, lower-case, hyphenated code, e.g. {@code gpc-opt-out}. */
    public String code() {
        return code;
    }

    /** A short explanation for people. */
    public String sentence() {
        return sentence;
    }

    /** Whose rule it is: the law's, the site's policy, or the visitor's choice. */
    public RuleBasis basis() {
        return basis;
    }

    /** Whether this is a Global Privacy Control opt-out, by law or by site policy. */
    public boolean gpcOptOut() {
        return this == GPC_OPT_OUT || this == GPC_OPT_OUT_POLICY;
    }
}
