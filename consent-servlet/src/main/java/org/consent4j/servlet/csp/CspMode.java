package org.consent4j.servlet.csp;

import java.util.Locale;

/**
 * Whether and how the consent-derived Content-Security-Policy is sent.
 *
 * @since 0.1.0
 */
public enum CspMode {

    /** No policy, no report endpoint. */
    OFF,
    /**
     * The policy is sent as {@code Content-Security-Policy-Report-Only}: the browser blocks nothing and
     * reports what the policy would have blocked. The default.
     */
    REPORT_ONLY,
    /** The policy is sent as {@code Content-Security-Policy}: the browser blocks and reports. */
    ENFORCE;

    /**
     * The mode named {@code off}, {@code report-only} or {@code enforce} (any case).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static CspMode parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "report-only" -> REPORT_ONLY;
            case "enforce" -> ENFORCE;
            default -> throw new IllegalArgumentException("'" + text + "' is not a CSP mode: use off, report-only or enforce");
        };
    }

    /** The name {@link #parse} reads: {@code off}, {@code report-only} or {@code enforce}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
