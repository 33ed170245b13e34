package org.consent4j.core.decision;

/** What the visitor chose for a category or a service. Absence means no choice. */
public enum Choice {
    /** The visitor agreed. */
    GRANTED,
    /** The visitor refused or withdrew. */
    DENIED
}
