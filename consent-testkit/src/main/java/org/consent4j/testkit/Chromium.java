package org.consent4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Chromium browser and its ChromeDriver are. Nothing is ever downloaded: install them with
 * the system's packages (Debian: {@code apt-get install chromium chromium-driver}).
 *
 * @param binary the browser executable
 * @param driver the ChromeDriver executable of the same version
 */
public record Chromium(Path binary, Path driver) {

    /** The system property that overrides the browser path. */
    public static final String BINARY_PROPERTY = "consent4j.chromium";
    /** The system property that overrides the ChromeDriver path. */
    public static final String DRIVER_PROPERTY = "consent4j.chromedriver";

    /** Checks that the browser and the driver are given. */
    public Chromium {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(driver, "driver");
    }

    /**
     * The system's browser: the paths in the system properties {@value #BINARY_PROPERTY} and
     * {@value #DRIVER_PROPERTY}, else {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
     * (Debian's packages).
     */
    public static Chromium system() {
        return new Chromium(Path.of(System.getProperty(BINARY_PROPERTY, "/usr/bin/chromium")),
                Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver")));
    }

    /** What is missing, for a skip or an error message; empty when both are there. */
    public Optional<String> missing() {
        boolean b = Files.isExecutable(binary);
        boolean d = Files.isExecutable(driver);
        if (b && d) {
            return Optional.empty();
        }
        return Optional.of((b ? "" : "Chromium at " + binary) + (b || d ? "" : " and ") + (d ? "" : "ChromeDriver at " + driver)
                + " (install them with the system's packages, e.g. apt-get install chromium chromium-driver, or set -D"
                + BINARY_PROPERTY + " / -D" + DRIVER_PROPERTY + ")");
    }

    /** Whether both executables are there. */
    public boolean available() {
        return missing().isEmpty();
    }
}
