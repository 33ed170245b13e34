package org.consent4j.records;

/**
 * Where consent records go: a log file, a database, a logger.
 *
 * <p>{@link #append} returns only once the record is as durable as the sink promises; a durable sink
 * throws {@link RecordWriteException} rather than lose a record, so the caller can refuse to
 * acknowledge the choice. Implementations are thread-safe.
 *
 * <p>Built in: {@link JsonLinesRecordSink} (the embedded default, durable on disk), {@code JdbcRecordSink}
 * (a database), {@link Slf4jRecordSink} (a logger) and {@link AsyncRecordSink} (a queue in front of
 * another). Wrap custom sinks with {@link #guarded}.
 */
public interface ConsentRecordSink extends AutoCloseable {

    /** A sink that keeps nothing; for sites that record elsewhere. */
    ConsentRecordSink NONE = new ConsentRecordSink() {
        @Override
        public void append(ConsentRecord record) {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "ConsentRecordSink.NONE";
        }
    };

    /**
     * Wraps a sink so that anything it throws reaches the caller as a {@link RecordWriteException}
     * (counted and logged), never as another exception that would turn a request into a 500. Wraps at
     * most once; {@link #NONE} is returned as is.
     */
    static ConsentRecordSink guarded(ConsentRecordSink sink) {
        if (sink == NONE || sink instanceof GuardedRecordSink) {
            return sink;
        }
        return new GuardedRecordSink(sink);
    }

    /**
     * Writes one record.
     *
     * @throws RecordWriteException if the record could not be made durable; it was not acknowledged
     */
    void append(ConsentRecord record);

    /**
     * Where this sink archives the texts shown to visitors (see {@link TextsArchive}); empty for sinks
     * that keep none.
     */
    default java.util.Optional<TextsArchive> textsArchive() {
        return java.util.Optional.empty();
    }

    /** Flushes and releases resources. */
    @Override
    void close();
}
