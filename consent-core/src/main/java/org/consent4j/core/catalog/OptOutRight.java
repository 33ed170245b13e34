package org.consent4j.core.catalog;

/**
 * The US state-law opt-out rights a purpose touches.
 *
 * <p>Global Privacy Control acts on {@link #SALE}, {@link #SHARING} and {@link #TARGETED_ADVERTISING}
 * (W3C GPC specification; Cal. Code Regs. tit. 11, § 7025; Colorado Privacy Act Rule 5.08); it does
 * not act on {@link #PROFILING}.
 */
public enum OptOutRight {
    /** Sale of personal information (e.g. Cal. Civ. Code § 1798.120). */
    SALE,
    /** Sharing for cross-context behavioural advertising (Cal. Civ. Code § 1798.140(ah)). */
    SHARING,
    /** Targeted advertising (e.g. Colorado C.R.S. § 6-1-1306(1)(a)(I)(A)). */
    TARGETED_ADVERTISING,
    /** Profiling in furtherance of decisions with legal or similarly significant effects. */
    PROFILING;

    /** Whether a Global Privacy Control signal opts the visitor out of this right. */
    public boolean coveredByGpc() {
        return this != PROFILING;
    }
}
