package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class Slf4jRecordSinkTest {

    @Test
    void eachRecordIsLoggedAsAChainedJsonLineThatVerifies() throws Exception {
        List<ConsentRecord> records = List.of(
                TestLog.record("alice", Instant.parse("2026-03-01T09:00:00Z"), 1),
                TestLog.record("bob", Instant.parse("2026-03-01T09:00:01Z"), 2),
                TestLog.record("alice", Instant.parse("2026-03-01T09:00:02Z"), 3));
        Slf4jRecordSink sink = Slf4jRecordSink.create();
        String logged;
        try (StderrCapture err = new StderrCapture()) {
            for (ConsentRecord r : records) {
                sink.append(r);
            }
            sink.close();
            logged = err.text();
        }

        List<String> lines = new ArrayList<>();
        for (String line : logged.split("\n")) {
            if (line.contains(Slf4jRecordSink.LOGGER) && line.contains("{\"v\":1")) {
                lines.add(line.substring(line.indexOf("{\"v\":1")));
            }
        }
        ChainReport report = TestLog.verify(lines);
        assertTrue(report.intact(), report.summary());
        assertEquals(records, lines.stream().map(l -> RecordJson.parse(l).record()).toList());
        assertEquals(sink.head(), report.head());
        assertTrue(logged.contains("closed at seq 3 hash " + sink.head().hash()), logged);
    }
}
