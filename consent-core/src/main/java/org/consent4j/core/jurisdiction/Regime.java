package org.consent4j.core.jurisdiction;

/** How consent works where the visitor is. */
public enum Regime {
    /**
     * Nothing non-essential without a prior, explicit grant (GDPR Art. 4(11) and 6(1)(a), ePrivacy
     * Directive Art. 5(3) and national laws, UK PECR reg. 6, Quebec Law 25 s. 8.1).
     */
    OPT_IN,
    /** Allowed until the visitor opts out, or sends an opt-out signal where it is honoured (US state laws). */
    OPT_OUT,
    /** Allowed unless refused; the visitor is informed. */
    NOTICE
}
