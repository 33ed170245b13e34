package org.consent4j.core.catalog;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * How a catalog entry names a cookie: exactly ({@code _fbp}), by prefix ({@code _ga_} for
 * {@code _ga_<container>}), or by a regular expression matched against the whole name.
 *
 * <p>Cookie names are case-sensitive (RFC 6265 §5.3). Immutable; equal when kind and value are equal.
 */
public final class CookieName {

    /** How {@link #value()} is compared with a cookie name. */
    public enum Kind {
        /** The whole name equals the value. */
        EXACT,
        /** The name starts with the value. */
        PREFIX,
        /** The whole name matches the value as a {@link java.util.regex.Pattern}. */
        PATTERN
    }

    private final Kind kind;
    private final String value;
    /** Compiled for {@link Kind#PATTERN} names only. */
    private final @Nullable Pattern pattern;

    private CookieName(Kind kind, String value) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.value = Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("cookie name is empty: give the exact name, a prefix or a pattern");
        }
        if (kind == Kind.PATTERN) {
            try {
                this.pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("cookie name pattern '" + value + "' is not a valid regular expression: "
                        + e.getDescription(), e);
            }
        } else {
            this.pattern = null;
        }
    }

    /** A cookie named exactly {@code name}. */
    public static CookieName exact(String name) {
        return new CookieName(Kind.EXACT, name);
    }

    /** Every cookie whose name starts with {@code prefix}. */
    public static CookieName prefix(String prefix) {
        return new CookieName(Kind.PREFIX, prefix);
    }

    /**
     * Every cookie whose whole name matches {@code regex}.
     *
     * @throws IllegalArgumentException if {@code regex} does not compile
     */
    public static CookieName pattern(String regex) {
        return new CookieName(Kind.PATTERN, regex);
    }

    /** The kind of comparison. */
    public Kind kind() {
        return kind;
    }

    /** The name, prefix or regular expression. */
    public String value() {
        return value;
    }

    /** Whether a cookie called {@code cookieName} is meant. */
    public boolean matches(String cookieName) {
        return switch (kind) {
            case EXACT -> value.equals(cookieName);
            case PREFIX -> cookieName.startsWith(value);
            case PATTERN -> Objects.requireNonNull(pattern, "pattern").matcher(cookieName).matches();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CookieName other && kind == other.kind && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EXACT -> value;
            case PREFIX -> value + "*";
            case PATTERN -> "/" + value + "/";
        };
    }
}
