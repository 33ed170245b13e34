package org.consent4j.servlet;

import java.util.ArrayList;
import java.util.List;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.records.RecordWriteException;

/** A sink that keeps records in memory and can be told to fail, like a full disk. Thread-safe. */
final class RecordingSink implements ConsentRecordSink {

    private final List<ConsentRecord> records = new ArrayList<>();
    private boolean failing;

    @Override
    public synchronized void append(ConsentRecord record) {
        if (failing) {
            throw new RecordWriteException("disk full (test)");
        }
        records.add(record);
    }

    synchronized void failing(boolean failing) {
        this.failing = failing;
    }

    synchronized List<ConsentRecord> records() {
        return List.copyOf(records);
    }

    synchronized void clear() {
        records.clear();
    }

    @Override
    public void close() {
    }
}
