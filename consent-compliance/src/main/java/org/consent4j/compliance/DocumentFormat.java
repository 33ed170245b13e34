package org.consent4j.compliance;

import java.util.Locale;

/** The formats a record of processing can be written in. */
public enum DocumentFormat {
    /** Markdown, for a repository or a wiki. */
    MARKDOWN,
    /** A standalone, accessible HTML page, styled like the cookie declaration. */
    HTML,
    /** JSON that validates against {@code processing-record.schema.json} in this jar. */
    JSON;

    /**
     * The format with the given name, ignoring case ({@code md} also means Markdown).
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static DocumentFormat of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "markdown", "md" -> MARKDOWN;
            case "html" -> HTML;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("unknown format '" + name + "': use markdown, html or json");
        };
    }
}
