package org.consent4j.records;

import java.io.IOException;
import java.nio.file.Path;

/** Child process of the lock tests: tries to open the log; exit 0 if it opened, 3 if it was refused. */
final class OpenProbe {

    private OpenProbe() {
    }

    public static void main(String[] args) {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(Path.of(args[0])).open()) {
            System.err.println("opened at seq " + sink.head().seq());
            System.exit(0);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }
}
