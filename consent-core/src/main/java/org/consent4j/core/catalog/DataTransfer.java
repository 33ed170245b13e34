package org.consent4j.core.catalog;

import java.util.Objects;

/**
 * Where a service sends data and under which safeguard (GDPR Chapter V).
 *
 * @param country   ISO 3166-1 alpha-2 code of the destination country, or empty when data stays local
 * @param safeguard the transfer mechanism, e.g. {@code "EU-US Data Privacy Framework"} or
 *                  {@code "Standard Contractual Clauses"}; empty when none is needed or known
 */
public record DataTransfer(String country, String safeguard) {

    private static final DataTransfer NONE = new DataTransfer("", "");

    /** Checks that the country and the safeguard are present. */
    public DataTransfer {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(safeguard, "safeguard");
    }

    /** No transfer (or none declared). */
    public static DataTransfer none() {
        return NONE;
    }
}
