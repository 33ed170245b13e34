package org.consent4j.core.jurisdiction;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A consent exemption a law offers for one category of processing, on conditions the site must meet:
 * for example the United Kingdom's exception for statistical cookies (PECR as amended by the Data (Use
 * and Access) Act 2025, s. 112, in force 2026-02-05), which needs clear information and a simple, free
 * means to object. Off unless the site turns it on in its consent policy; while on, a target of the
 * category whose purposes touch no sale, sharing or targeted advertising and that processes no
 * sensitive data is allowed until the visitor objects, and the site must show {@link #notice()}.
 *
 * @param id       stable id, e.g. {@code statistics}
 * @param from     the day the exemption is available
 * @param category the catalog category it covers, e.g. {@code analytics}
 * @param notice   what the site must tell the visitor, and the means to object it must offer
 * @param source   the statute or guidance that grants it
 */
public record Exemption(String id, LocalDate from, String category, String notice, String source) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** Checks the id's form and that every component is present. */
    public Exemption {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("exemption id '" + id + "' must be lower case letters, digits, '_' or '-'");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(notice, "notice");
        if (notice.isBlank()) {
            throw new IllegalArgumentException("exemption " + id + " needs the notice the law requires");
        }
        Objects.requireNonNull(source, "source");
    }
}
