package org.consent4j.servlet;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the gate needs from a {@code Set-Cookie} header value: the cookie name(s) it could set and
 * whether it only deletes. Lenient, never throws; the value itself is never changed.
 *
 * <p>A value without a name ({@code "abc"}, {@code "=abc"}) has no names: the gate treats it as an
 * unknown cookie. Because some intermediaries and client libraries split a header on commas, a
 * {@code name=value} pair after a comma (other than an attribute) is also reported, so a cookie cannot
 * slip through folded into another.
 *
 * @param names    the cookie name, then any names folded in after commas; empty when unparseable
 * @param deletion whether the value expires the cookie ({@code Max-Age} of 0 or less, or, without
 *                 {@code Max-Age}, an {@code Expires} in the past)
 */
record SetCookieValue(List<String> names, boolean deletion) {

    private static final Set<String> ATTRIBUTES = Set.of("expires", "max-age", "domain", "path", "secure", "httponly",
            "samesite", "partitioned", "priority", "comment", "version");

    /** The cookie name, or empty when the value has none. */
    static String name(String value) {
        int semi = value.indexOf(';');
        int end = semi < 0 ? value.length() : semi;
        int eq = value.indexOf('=');
        if (eq < 0 || eq > end) {
            return "";
        }
        int s = 0;
        while (s < eq && value.charAt(s) == ' ') {
            s++;
        }
        int e = eq;
        while (e > s && value.charAt(e - 1) == ' ') {
            e--;
        }
        return s == 0 && e == eq ? value.substring(0, eq) : value.substring(s, e);
    }

    /** Whether the value expires its cookie ({@code Max-Age} ≤ 0, or a past {@code Expires} without it). */
    static boolean deletes(String value, Instant now) {
        int semi = value.indexOf(';');
        return semi >= 0 && deletion(value, semi + 1, now);
    }

    /** The names folded in after commas, besides the first; empty when there is no comma. */
    static List<String> folded(String value) {
        if (value.indexOf(',') < 0) {
            return List.of();
        }
        List<String> names = new ArrayList<>(2);
        addFolded(value, names);
        return names;
    }

    static SetCookieValue parse(String value, Instant now) {
        String name = name(value);
        if (name.isEmpty()) {
            return new SetCookieValue(List.of(), false);
        }
        List<String> folded = folded(value);
        List<String> names = new ArrayList<>(1 + folded.size());
        names.add(name);
        names.addAll(folded);
        return new SetCookieValue(List.copyOf(names), deletes(value, now));
    }

    private static void addFolded(String value, List<String> names) {
        int comma = value.indexOf(',');
        while (comma >= 0) {
            int end = comma + 1;
            while (end < value.length() && value.charAt(end) != ';' && value.charAt(end) != ',') {
                end++;
            }
            String part = value.substring(comma + 1, end);
            int eq = part.indexOf('=');
            if (eq > 0) {
                String candidate = part.substring(0, eq).trim();
                if (isToken(candidate) && !ATTRIBUTES.contains(candidate.toLowerCase(Locale.ROOT))) {
                    names.add(candidate);
                }
            }
            comma = value.indexOf(',', comma + 1);
        }
    }

    private static boolean deletion(String value, int from, Instant now) {
        String maxAge = null;
        String expires = null;
        int i = from;
        while (i < value.length()) {
            int end = value.indexOf(';', i);
            if (end < 0) {
                end = value.length();
            }
            int eq = value.indexOf('=', i);
            if (eq > 0 && eq < end) {
                int k = i;
                while (k < eq && value.charAt(k) == ' ') {
                    k++;
                }
                int keyEnd = eq;
                while (keyEnd > k && value.charAt(keyEnd - 1) == ' ') {
                    keyEnd--;
                }
                int keyLength = keyEnd - k;
                if (keyLength == 7 && value.regionMatches(true, k, "max-age", 0, 7)) {
                    maxAge = value.substring(eq + 1, end).trim();
                } else if (keyLength == 7 && value.regionMatches(true, k, "expires", 0, 7)) {
                    expires = value.substring(eq + 1, end).trim();
                }
            }
            i = end + 1;
        }
        if (maxAge != null && isDelta(maxAge)) {
            // RFC 6265 §5.2.2: a delta of 0 or less expires the cookie; a malformed one is ignored.
            return maxAge.charAt(0) == '-' || Long.parseLong(maxAge) == 0;
        }
        if (expires != null) {
            try {
                return ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(now);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    /** {@code -?[0-9]{1,18}}. */
    private static boolean isDelta(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        int digits = s.length() - start;
        if (digits < 1 || digits > 18) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
