package org.consent4j.records;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for the crash tests: runs a main class of the test classpath, collects what it prints,
 * and is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux).
 */
final class ChildJvm {

    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final Thread reader;

    ChildJvm(Class<?> main, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        this.process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        this.reader = new Thread(() -> copy(process.getInputStream(), stdout));
        reader.start();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Lines ended by '\n' so far; a partial last line (killed mid-print) was never a complete one. */
    List<String> completeLines() {
        String text;
        synchronized (stdout) {
            text = stdout.toString(StandardCharsets.US_ASCII);
        }
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    /** SIGKILL, then waits for the process and the reader. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not die");
        }
        reader.join(20_000);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the child died; what was read is what it printed
        }
    }
}
