package org.consent4j.core.catalog;

/** How much a service puts the visitor's privacy at risk, as the catalog judges it. */
public enum RiskLevel {
    /** First-party, no personal data leaves the site. */
    LOW,
    /** Third-party processing within the visitor's region, or pseudonymous measurement. */
    MEDIUM,
    /** Cross-site tracking, profiling, or transfer to a country without an adequacy decision. */
    HIGH
}
