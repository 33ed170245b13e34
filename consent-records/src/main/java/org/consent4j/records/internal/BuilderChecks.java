package org.consent4j.records.internal;

import org.consent4j.records.*;

import java.time.Duration;

/** Argument checks shared by the sinks' builders; the messages name the setting and the bad value. */
public final class BuilderChecks {

    private BuilderChecks() {
    }

    public static Duration positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
        return value;
    }
}
