package org.consent4j.compliance;

/** The outcome of a DPIA screening, most demanding first. */
public enum DpiaResult {
    /**
     * Two or more WP248 criteria are met and the site has confirmed at least one of them: WP248 says
     * a DPIA is required in most such cases (GDPR Art. 35(1)).
     */
    REQUIRED,
    /**
     * The catalog's facts indicate one or more criteria, a high risk or a transfer outside the EEA,
     * but the site has not confirmed them: carry out a DPIA, or write down why it is not needed.
     */
    RECOMMENDED,
    /** Nothing the catalog or the site knows indicates a DPIA. */
    NOT_INDICATED
}
