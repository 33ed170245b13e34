package org.consent4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds Selenium for {@code audit --browser}. {@code consent4j.jar} does not contain it (it would
 * triple the jar for one option); the build copies it into {@code browser/} next to the jar. When the
 * browser audit is asked for and Selenium is not on the class path, the command line runs again in a
 * class loader that holds the jar and those files.
 */
final class BrowserClassPath {

    static final String SELENIUM_CLASS = "org.openqa.selenium.chrome.ChromeDriver";
    static final String DIRECTORY = "browser";

    private BrowserClassPath() {
    }

    /** Whether these arguments ask for the browser audit. */
    static boolean wanted(String[] args) {
        return args.length > 0 && args[0].equals("audit") && List.of(args).contains("--browser")
                && !List.of(args).contains("--help") && !List.of(args).contains("--version");
    }

    static boolean present() {
        try {
            Class.forName(SELENIUM_CLASS, false, BrowserClassPath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The jar this class came from, with the {@code browser/} directory beside it holding jars; empty otherwise. */
    static Optional<List<URL>> classPath() {
        try {
            Path self = Path.of(BrowserClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = self.resolveSibling(DIRECTORY);
            if (!Files.isRegularFile(self) || !Files.isDirectory(dir)) {
                return Optional.empty();
            }
            List<URL> urls = new ArrayList<>();
            urls.add(self.toUri().toURL());
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
            return urls.size() > 1 ? Optional.of(urls) : Optional.empty();
        } catch (URISyntaxException | IOException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs the command line in a class loader with Selenium, when the browser audit is asked for and
     * Selenium is beside the jar; empty when there is nothing to do (Selenium already present, or not
     * found: the audit then says what is missing).
     */
    static Optional<Integer> relaunch(String[] args, PrintStream out, PrintStream err) {
        if (!wanted(args) || present()) {
            return Optional.empty();
        }
        Optional<List<URL>> urls = classPath();
        if (urls.isEmpty()) {
            return Optional.empty();
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("consent4j-browser", urls.get().toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Method run = loader.loadClass(Main.class.getName()).getDeclaredMethod("run", String[].class,
                    PrintStream.class, PrintStream.class);
            run.setAccessible(true);
            return Optional.of((Integer) run.invoke(null, args, out, err));
        } catch (ReflectiveOperationException | IOException e) {
            err.println("audit: could not load the browser driver from " + DIRECTORY + "/ beside the jar: " + Main.describe(e));
            return Optional.of(Command.USAGE);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
