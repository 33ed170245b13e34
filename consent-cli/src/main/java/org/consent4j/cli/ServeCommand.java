package org.consent4j.cli;

import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.consent4j.examples.demo.DemoServer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code serve}: runs the demo site on 127.0.0.1 until interrupted (Ctrl-C), printing its URL and where
 * its consent records go (a per-user data directory unless {@code --records} says otherwise).
 */
@picocli.CommandLine.Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", sortOptions = false,
        description = "run the demo site (embedded Jetty) on 127.0.0.1:8080 until interrupted")
final class ServeCommand extends Command {

    static final int DEFAULT_PORT = 8080;
    static final String RECORDS_FILE = "consent-records.jsonl";

    @Option(names = "--port", paramLabel = "N", converter = PortConverter.class,
            description = "port on 127.0.0.1 (default 8080; 0 picks a free one)")
    int port = DEFAULT_PORT;

    @Option(names = "--records", paramLabel = "FILE", description = {"where consent records are appended, one JSON",
            "object per line, in segments named after FILE: consent-records.jsonl gives consent-records-000001.jsonl, ...",
            "(default: consent-records.jsonl in $XDG_DATA_HOME/consent4j, or ~/.local/share/consent4j)"})
    @Nullable Path records;

    @Option(names = "--without-filter", description = "the same site without consent4j: every tag runs, every cookie is set")
    boolean withoutFilter;

    private final Function<String, @Nullable String> environment;
    private final Path home;

    /** The command on this process's environment and home directory. */
    ServeCommand() {
        this(System::getenv, Path.of(System.getProperty("user.home")));
    }

    ServeCommand(Function<String, @Nullable String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    /**
     * The per-user data directory: {@code $XDG_DATA_HOME/consent4j} when that is an absolute path,
     * {@code %LOCALAPPDATA%\consent4j} on Windows, {@code ~/.local/share/consent4j} otherwise.
     */
    static Path dataDirectory(Function<String, @Nullable String> environment, Path home) {
        String xdg = environment.apply("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "consent4j");
        }
        String local = environment.apply("LOCALAPPDATA");
        if (local != null && !local.isBlank() && System.getProperty("os.name", "").startsWith("Windows")) {
            return Path.of(local, "consent4j");
        }
        return home.resolve(".local").resolve("share").resolve("consent4j");
    }

    @Override
    public Integer call() throws Exception {
        Path file = records;
        if (file == null) {
            Path dir = dataDirectory(environment, home);
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw fail(USAGE, "cannot create the data directory " + dir + " (" + Main.describe(e)
                        + "): give another place with --records FILE");
            }
            file = dir.resolve(RECORDS_FILE);
        }
        DemoServer.Running demo;
        try {
            demo = DemoServer.start(port, file, !withoutFilter);
        } catch (Exception e) {
            if (causedBy(e, BindException.class)) {
                throw fail(USAGE, "port " + port + " on 127.0.0.1 is taken (" + Main.describe(e) + "): stop what uses it,"
                        + " or pick another with --port N (--port 0 picks a free one)");
            }
            throw e;
        }
        Thread hook = new Thread(() -> {
            try {
                demo.stop();
            } catch (Exception e) {
                err.println("serve: stopping the demo failed: " + e);
            }
        }, "consent4j-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("consent4j demo: " + demo.uri());
        if (withoutFilter) {
            out.println("consent records: none (no consent filter)");
        } else {
            out.println("consent records: " + demo.recordsSegment().map(Path::toString)
                    .orElse(file.toAbsolutePath().toString()));
        }
        out.flush();
        boolean interrupted = false;
        try {
            demo.join();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            demo.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is shutting down and the hook stops the demo
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return OK;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A port number. */
    static final class PortConverter implements picocli.CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                int p = Integer.parseInt(text);
                if (p >= 0 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new picocli.CommandLine.TypeConversionException("--port '" + text
                    + "' is not a port number between 0 and 65535");
        }
    }
}
