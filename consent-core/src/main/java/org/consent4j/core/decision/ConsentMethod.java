package org.consent4j.core.decision;

/** How a choice was made; written in consent records as proof. */
public enum ConsentMethod {
    /** "Accept all" in the banner. */
    ACCEPT_ALL,
    /** "Reject all" in the banner. */
    REJECT_ALL,
    /** Per-category switches in the banner's second layer. */
    CUSTOM,
    /** Withdrawal of earlier consent (GDPR Art. 7(3)). */
    WITHDRAWAL,
    /** An opt-out derived from a Global Privacy Control signal. */
    GPC_OPT_OUT,
    /** Set by the host application through the API. */
    API,
    /** Imported from another consent manager or system. */
    IMPORT
}
