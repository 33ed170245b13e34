package org.consent4j.spring.boot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.consent4j.records.ChainHead;
import org.consent4j.records.ChainReport;
import org.consent4j.records.ChainedRecord;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.ConsentRecordLog;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.records.TextsArchive;

/**
 * The application's record sink as the filter sees it: every append is timed and reported to the observer
 * (metrics), then passed on unchanged, failures included, so the filter still refuses a choice it could not
 * record. Closing is left to the sink's own bean.
 */
class ObservedRecordSink implements ConsentRecordSink {

    /**
     * The sink to hand the filter: observed, and still a {@link ConsentRecordLog} when the sink is one, so
     * that subject access and the texts archive keep working behind the observation.
     */
    static ConsentRecordSink of(ConsentRecordSink sink, RecordObservation observation) {
        return sink instanceof ConsentRecordLog log ? new Log(sink, log, observation)
                : new ObservedRecordSink(sink, observation);
    }

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
    public Optional<TextsArchive> textsArchive() {
        return sink.textsArchive();
    }

    @Override
    public void close() {
        // The sink is a bean of its own; the container closes it.
    }

    @Override
    public String toString() {
        return sink.toString();
    }

    /** An observed sink that is also a readable record log. */
    static final class Log extends ObservedRecordSink implements ConsentRecordLog {
        private final ConsentRecordLog log;

        Log(ConsentRecordSink sink, ConsentRecordLog log, RecordObservation observation) {
            super(sink, observation);
            this.log = log;
        }

        @Override
        public ChainReport verify() {
            return log.verify();
        }

        @Override
        public List<ChainedRecord> export(String subjectId) {
            return log.export(subjectId);
        }

        @Override
        public int erase(String subjectId) {
            return log.erase(subjectId);
        }

        @Override
        public long purgeBefore(Instant cutoff) {
            return log.purgeBefore(cutoff);
        }

        @Override
        public ChainHead head() {
            return log.head();
        }
    }
}
