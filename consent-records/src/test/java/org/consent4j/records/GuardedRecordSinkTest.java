package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class GuardedRecordSinkTest {

    private static final ConsentRecord RECORD = TestLog.record("alice", Instant.parse("2026-03-01T09:00:00Z"), 1);

    @Test
    void anUnexpectedExceptionBecomesARecordWriteExceptionThatIsCounted() {
        GateSink buggy = GateSink.failing(1, new NullPointerException("a bug in a custom sink"));
        ConsentRecordSink guarded = ConsentRecordSink.guarded(buggy);

        RecordWriteException e = assertThrows(RecordWriteException.class, () -> guarded.append(RECORD));

        assertTrue(e.getCause() instanceof NullPointerException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("a bug in a custom sink"), e.getMessage());
        assertEquals(new SinkMetrics(0, 0, 1, 0), ((GuardedRecordSink) guarded).metrics());
        guarded.append(RECORD);
        assertEquals(new SinkMetrics(0, 1, 1, 0), ((GuardedRecordSink) guarded).metrics());
    }

    @Test
    void aRecordWriteExceptionPassesThroughAsItIs() {
        RecordWriteException failure = new RecordWriteException("disk full");
        ConsentRecordSink guarded = ConsentRecordSink.guarded(GateSink.failing(1, failure));

        assertSame(failure, assertThrows(RecordWriteException.class, () -> guarded.append(RECORD)));
    }

    @Test
    void guardingWrapsOnceAndLeavesNoneAsItIs() {
        ConsentRecordSink once = ConsentRecordSink.guarded(GateSink.failing(0, new RuntimeException()));

        assertSame(once, ConsentRecordSink.guarded(once));
        assertSame(ConsentRecordSink.NONE, ConsentRecordSink.guarded(ConsentRecordSink.NONE));
    }

    @Test
    void closeNeverThrows() {
        ConsentRecordSink throwing = new ConsentRecordSink() {
            @Override
            public void append(ConsentRecord record) {
            }

            @Override
            public void close() {
                throw new IllegalStateException("already closed");
            }
        };

        ConsentRecordSink.guarded(throwing).close();

        assertEquals("guarded(" + throwing + ")", ConsentRecordSink.guarded(throwing).toString());
    }
}
