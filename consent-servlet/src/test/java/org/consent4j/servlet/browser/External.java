package org.consent4j.servlet.browser;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something outside the JVM is missing: skip with a loud message, or fail when
 * the build says external dependencies are required ({@code -Dconsent4j.requireExternal=true}, as CI runs).
 */
final class External {

    private External() {
    }

    static boolean required() {
        return Boolean.getBoolean("consent4j.requireExternal");
    }

    /** Continues when {@code present}; otherwise skips loudly, or fails when external dependencies are required. */
    static void require(boolean present, String what, String howToFix) {
        if (present) {
            return;
        }
        String message = "MISSING " + what + ": " + howToFix;
        if (required()) {
            Assertions.fail(message + " (consent4j.requireExternal=true, so this is a failure, not a skip)");
        }
        System.err.println();
        System.err.println("!!!!! SKIPPED browser tests: " + message);
        System.err.println();
        Assumptions.abort(message);
    }
}
