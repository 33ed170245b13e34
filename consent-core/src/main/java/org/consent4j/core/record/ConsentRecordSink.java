package org.consent4j.core.record;

/**
 * Where consent records go: a log file, a database, a logger.
 *
 * <p>{@link #append} returns only once the record is as durable as the sink promises; a durable sink
 * throws {@link RecordWriteException} rather than lose a record, so the caller can refuse to
 * acknowledge the choice. Implementations are thread-safe.
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
     * Writes one record.
     *
     * @throws RecordWriteException if the record could not be made durable; it was not acknowledged
     */
    void append(ConsentRecord record);

    /** Flushes and releases resources. */
    @Override
    void close();
}
