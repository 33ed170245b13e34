package org.consent4j.spring.boot;

import java.util.Objects;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.ConsentRecordSink;

/**
 * The application's record sink as the filter sees it: every append is timed and reported to the observer
 * (metrics), then passed on unchanged, failures included, so the filter still refuses a choice it could not
 * record. Closing is left to the sink's own bean.
 */
final class ObservedRecordSink implements ConsentRecordSink {

    private final ConsentRecordSink sink;
    private final RecordObservation observation;

    ObservedRecordSink(ConsentRecordSink sink, RecordObservation observation) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.observation = Objects.requireNonNull(observation, "observation");
    }

    @Override
    public void append(ConsentRecord record) {
        RecordObserver observer = observation.observer();
        long start = System.nanoTime();
        try {
            sink.append(record);
        } catch (RuntimeException e) {
            observer.failed(record, System.nanoTime() - start, e);
            throw e;
        }
        observer.appended(record, System.nanoTime() - start);
    }

    @Override
    public void close() {
        // The sink is a bean of its own; the container closes it.
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
