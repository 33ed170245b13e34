package org.consent4j.testkit;

/** How the audit loads pages. */
public enum AuditDriver {
    /**
     * Plain HTTP: fast, no browser. Sees {@code Set-Cookie} and what the markup would load; cannot see
     * what scripts do (a tag manager injecting another tag, a cookie written by script).
     */
    HTTP,
    /**
     * Real headless Chromium behind a local recording proxy: sees every request the page actually
     * sends, including injected tags, and every cookie in the browser's jar. Third-party requests are
     * recorded and answered locally; nothing but the audited site is contacted.
     */
    BROWSER
}
