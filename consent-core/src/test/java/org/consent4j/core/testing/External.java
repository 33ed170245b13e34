package org.consent4j.core.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards tests that need something outside the JVM: a browser, a database, the shared data sets.
 *
 * <p>When it is missing, the test is skipped with a loud message; when the system property
 * {@code consent4j.requireExternal} is {@code true} (CI sets it), the test fails instead, so a CI
 * machine that lacks the dependency cannot pass by skipping.
 */
public final class External {

    /** The system property CI sets to turn skips into failures. */
    public static final String REQUIRE_PROPERTY = "consent4j.requireExternal";

    private External() {
    }

    /** Whether missing external dependencies fail tests instead of skipping them. */
    public static boolean required() {
        return Boolean.getBoolean(REQUIRE_PROPERTY);
    }

    /**
     * Skips (or, under {@value #REQUIRE_PROPERTY}, fails) the calling test unless {@code available}.
     *
     * @param what what is missing and how to get it, e.g. "Chromium (apt-get install chromium chromium-driver)"
     */
    public static void assume(boolean available, String what) {
        if (available) {
            return;
        }
        String message = "SKIPPED — needs " + what + ". Set -D" + REQUIRE_PROPERTY + "=true to make this a failure.";
        if (required()) {
            Assertions.fail("missing " + what + " and " + REQUIRE_PROPERTY + "=true");
        }
        System.err.println("!!!!!!!! " + message);
        Assumptions.abort(message);
    }
}
