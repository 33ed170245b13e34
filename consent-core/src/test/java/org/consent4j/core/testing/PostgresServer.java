package org.consent4j.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server for tests: the one named by {@code CONSENT4J_PG_URL} (with {@code CONSENT4J_PG_USER}
 * and {@code CONSENT4J_PG_PASSWORD}) if set, else a throwaway cluster started from the installed binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, {@code /usr/pgsql-<version>/bin}, or {@code initdb} on the
 * {@code PATH}) in a temporary directory, on 127.0.0.1 and a free port, run as the {@code postgres} user
 * when the tests run as root (initdb refuses root). {@link #close()} stops a server this class started,
 * by its own {@code pg_ctl stop}, and deletes its directory; an external server is left alone.
 *
 * <p>{@link #startOrSkip()} and {@link #startOwnedOrSkip()} skip the calling test with a loud message
 * when PostgreSQL is not installed, or fail it when the system property
 * {@code consent4j.requireExternal=true} (set by CI); see {@link External}. The other methods do not use
 * JUnit, so benchmarks can use this class too.
 */
public final class PostgresServer implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final Path binDir;
    private final Path baseDir;
    private final int port;
    private final boolean owned;
    private final boolean asPostgresUser;
    private final boolean fsync;
    private volatile boolean running;
    private final Thread shutdownHook;

    private PostgresServer(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.binDir = Path.of("");
        this.baseDir = Path.of("");
        this.port = -1;
        this.owned = false;
        this.asPostgresUser = false;
        this.fsync = true;
        this.shutdownHook = new Thread(() -> { });
    }

    private PostgresServer(Path binDir, Path baseDir, int port, boolean asPostgresUser, boolean fsync) {
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        this.user = "postgres";
        this.password = "";
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.port = port;
        this.owned = true;
        this.asPostgresUser = asPostgresUser;
        this.fsync = fsync;
        this.shutdownHook = new Thread(this::stopQuietly, "stop test PostgreSQL on port " + port);
    }

    // ------------------------------------------------------------------------------------ for JUnit tests

    /** The external server if configured, else a throwaway one; aborts or fails the test when there is none. */
    public static PostgresServer startOrSkip() {
        Optional<PostgresServer> external = external();
        if (external.isPresent()) {
            return external.get();
        }
        return startOwnedOrSkip();
    }

    /** Always a throwaway server of our own (one that {@link #stop()} and {@link #start()} may control). */
    public static PostgresServer startOwnedOrSkip() {
        Optional<Path> bin = findBinaries();
        if (bin.isEmpty()) {
            unavailable("PostgreSQL (initdb and pg_ctl in /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin or on the PATH: "
                    + "apt-get install postgresql), or a server named by CONSENT4J_PG_URL");
        }
        try {
            return startOwned(bin.get(), false);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is installed but a test server could not be started: " + e.getMessage(), e);
        }
    }

    private static void unavailable(String what) {
        External.assume(false, what);
    }

    // ------------------------------------------------------------------------------------ without JUnit

    /** The server named by {@code CONSENT4J_PG_URL}, if set. */
    public static Optional<PostgresServer> external() {
        String url = System.getenv("CONSENT4J_PG_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PostgresServer(url, envOr("CONSENT4J_PG_USER", "postgres"), envOr("CONSENT4J_PG_PASSWORD", "")));
    }

    /** The directory holding {@code initdb} and {@code pg_ctl}, newest version first, if installed. */
    public static Optional<Path> findBinaries() {
        List<Path> candidates = new ArrayList<>();
        for (Path version : listQuietly(Path.of("/usr/lib/postgresql"))) { // Debian, Ubuntu
            candidates.add(version.resolve("bin"));
        }
        for (Path dir : listQuietly(Path.of("/usr"))) { // PGDG packages on RHEL and friends
            if (dir.getFileName().toString().startsWith("pgsql-")) {
                candidates.add(dir.resolve("bin"));
            }
        }
        candidates.sort(Comparator.comparing((Path p) -> version(p)).reversed());
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(entry));
            }
        }
        return candidates.stream()
                .filter(p -> Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("pg_ctl")))
                .findFirst();
    }

    /**
     * Starts a throwaway cluster from {@code binDir}: initdb into a temporary directory, then pg_ctl start
     * on 127.0.0.1 and a free port. {@code fsync=false} makes tests fast; benchmarks keep fsync on.
     *
     * @throws IOException if initdb or pg_ctl fails (their output is in the message)
     */
    public static PostgresServer startOwned(Path binDir, boolean fsync) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base = Files.createTempDirectory("consent4j-pg-");
        if (root) {
            UserPrincipal postgres = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(base, postgres);
        }
        PostgresServer server = new PostgresServer(binDir, base, freePort(), root, fsync);
        try {
            server.run(60, binDir.resolve("initdb").toString(), "-D", base.resolve("data").toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
            server.start();
        } catch (IOException | RuntimeException e) {
            server.deleteBase();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        return server;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Whether this class started the server, so {@link #stop()} and {@link #start()} work. */
    public boolean owned() {
        return owned;
    }

    /** A new connection (auto-commit on). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Starts (or restarts after {@link #stop()}) the server we own, waiting until it accepts connections. */
    public synchronized void start() throws IOException {
        requireOwned();
        String options = String.format(Locale.ROOT, "-p %d -c listen_addresses=127.0.0.1 -k %s -c fsync=%s -c max_connections=50",
                port, baseDir, fsync ? "on" : "off");
        run(60, binDir.resolve("pg_ctl").toString(), "-D", baseDir.resolve("data").toString(),
                "-l", baseDir.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start");
        running = true;
    }

    /** Stops the server we own (fast shutdown: open connections are closed). */
    public synchronized void stop() throws IOException {
        requireOwned();
        if (!running) {
            return;
        }
        run(60, binDir.resolve("pg_ctl").toString(), "-D", baseDir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop");
        running = false;
    }

    /** The server's log, for failure messages. */
    public String serverLog() {
        try {
            return Files.readString(baseDir.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        deleteBase();
    }

    @Override
    public String toString() {
        return "PostgresServer[" + url + (owned ? ", throwaway" : ", external") + "]";
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL on port " + port + ": " + e.getMessage());
            killByPidFile();
        }
    }

    /** Last resort: end the postmaster we started, by the PID in its own pid file. */
    private void killByPidFile() {
        try {
            List<String> pidFile = Files.readAllLines(baseDir.resolve("data").resolve("postmaster.pid"));
            long pid = Long.parseLong(pidFile.get(0).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (IOException | RuntimeException e) {
            // nothing running, or nothing we can do
        }
    }

    private void requireOwned() {
        if (!owned) {
            throw new IllegalStateException("this PostgreSQL server (" + url + ") was not started by the tests; it cannot be stopped or started");
        }
    }

    private void run(int timeoutSeconds, String... command) throws IOException {
        List<String> argv = new ArrayList<>();
        if (asPostgresUser) {
            Optional<Path> runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
                    .map(Path::of).filter(Files::isExecutable).findFirst();
            if (runuser.isPresent()) {
                argv.addAll(List.of(runuser.get().toString(), "-u", "postgres", "--"));
                argv.addAll(List.of(command));
            } else {
                argv.addAll(List.of("su", "postgres", "-s", "/bin/sh", "-c", shellQuote(command)));
            }
        } else {
            argv.addAll(List.of(command));
        }
        Path output = Files.createTempFile("consent4j-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile())
                    .directory(baseDir.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue() + ":\n"
                        + Files.readString(output) + "\n" + serverLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String shellQuote(String... command) {
        StringBuilder out = new StringBuilder();
        for (String c : command) {
            out.append('\'').append(c.replace("'", "'\\''")).append("' ");
        }
        return out.toString();
    }

    private void deleteBase() {
        try {
            Files.walkFileTree(baseDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete the test PostgreSQL directory " + baseDir + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<Path> listQuietly(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static double version(Path bin) {
        String name = bin.getParent().getFileName().toString().replaceAll("[^0-9.]", "");
        try {
            return name.isEmpty() ? 0 : Double.parseDouble(name.replaceAll("^(\\d+(\\.\\d+)?).*", "$1"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
