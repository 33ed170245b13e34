package org.consent4j.testkit;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A {@code Set-Cookie} header as the audit needs it: the name, whether it deletes the cookie, and the
 * attributes (the value is never kept: evidence names the cookie, not its content).
 *
 * <p>Lenient, like a browser (RFC 6265 §5.2): a header without {@code =} is a cookie with an empty
 * name; unknown or unparsable attributes are ignored. A cookie deletes when {@code Max-Age} is zero
 * or negative, or, without {@code Max-Age}, when {@code Expires} is not after now (§5.3 step 3).
 */
record SetCookie(String name, boolean deletion, String attributes) {

    static SetCookie parse(String header, Instant now) {
        String[] parts = header.split(";", -1);
        String pair = parts[0];
        int eq = pair.indexOf('=');
        String name = eq < 0 ? "" : pair.substring(0, eq).trim();
        Long maxAge = null;
        Instant expires = null;
        StringBuilder attributes = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            if (attribute.isEmpty()) {
                continue;
            }
            int aeq = attribute.indexOf('=');
            String key = (aeq < 0 ? attribute : attribute.substring(0, aeq)).trim().toLowerCase(Locale.ROOT);
            String value = aeq < 0 ? "" : attribute.substring(aeq + 1).trim();
            if (key.equals("max-age")) {
                try {
                    maxAge = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    // RFC 6265 §5.2.2: a Max-Age that is not a number is ignored.
                }
            } else if (key.equals("expires")) {
                expires = parseDate(value);
            }
            if (attributes.length() > 0) {
                attributes.append("; ");
            }
            attributes.append(attribute);
        }
        boolean deletion = maxAge != null ? maxAge <= 0 : expires != null && !expires.isAfter(now);
        return new SetCookie(name, deletion, attributes.toString());
    }

    private static @Nullable Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // The legacy form with dashes: Thu, 01-Jan-1970 00:00:00 GMT
                return ZonedDateTime.parse(value.replace('-', ' '), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** The evidence: the name and the attributes, e.g. {@code _ga (Max-Age=63072000; Path=/)}. */
    String evidence() {
        String shown = name.isEmpty() ? "(nameless cookie)" : name;
        return attributes.isEmpty() ? shown : shown + " (" + attributes + ")";
    }
}
