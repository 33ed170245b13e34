package org.consent4j.core.catalog;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How long a cookie lives: until the browser closes ({@code session}), or an ISO 8601 duration such
 * as {@code P2Y}, {@code P90D} or {@code PT30M}.
 *
 * <p>Years count as 365 days and months as 30 days when converted to a {@link Duration}; the
 * original text is kept for display.
 *
 * @param text     the declared lifetime, {@code session} or an ISO 8601 duration
 * @param duration the lifetime; {@link Duration#ZERO} for a session cookie
 */
public record CookieLifetime(String text, Duration duration) {

    private static final CookieLifetime SESSION = new CookieLifetime("session", Duration.ZERO);
    private static final Pattern DATE_PART = Pattern.compile("P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(T.*)?");

    /** Checks that the text is present and the duration not negative (zero is a session cookie). */
    public CookieLifetime {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cookie lifetime '" + text + "' is negative");
        }
    }

    /** A cookie that lives until the browser session ends. */
    public static CookieLifetime session() {
        return SESSION;
    }

    /** Whether this is a session cookie. */
    public boolean isSession() {
        return duration.isZero();
    }

    /**
     * Parses {@code session} or an ISO 8601 duration ({@code P2Y}, {@code P13M}, {@code P90D},
     * {@code PT30M}, {@code P1DT12H}).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms if it cannot be parsed
     */
    public static CookieLifetime parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("session")) {
            return SESSION;
        }
        Matcher m = DATE_PART.matcher(trimmed.toUpperCase(java.util.Locale.ROOT));
        if (!m.matches() || trimmed.length() < 3) {
            throw invalid(text, null);
        }
        try {
            Duration d = Duration.ZERO;
            d = d.plusDays(Math.multiplyExact(365L, number(m.group(1))));
            d = d.plusDays(Math.multiplyExact(30L, number(m.group(2))));
            d = d.plusDays(Math.multiplyExact(7L, number(m.group(3))));
            d = d.plusDays(number(m.group(4)));
            if (m.group(5) != null) {
                d = d.plus(Duration.parse("P" + m.group(5)));
            }
            if (d.isZero()) {
                throw invalid(text, null);
            }
            return new CookieLifetime(trimmed, d);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw invalid(text, e);
        }
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static IllegalArgumentException invalid(String text, @Nullable Exception cause) {
        return new IllegalArgumentException("cookie lifetime '" + text
                + "' is not 'session' or a positive ISO 8601 duration such as P2Y, P13M, P90D or PT30M", cause);
    }

    @Override
    public String toString() {
        return text;
    }
}
