package org.consent4j.core.catalog;

/** The lawful basis of processing under GDPR Art. 6(1). */
public enum LegalBasis {
    /** Art. 6(1)(a): the visitor's consent. */
    CONSENT,
    /** Art. 6(1)(f): legitimate interest (never enough for cookie access under ePrivacy Art. 5(3)). */
    LEGITIMATE_INTEREST,
    /** Art. 6(1)(b): performance of a contract. */
    CONTRACT,
    /** Art. 6(1)(c): compliance with a legal obligation. */
    LEGAL_OBLIGATION
}
