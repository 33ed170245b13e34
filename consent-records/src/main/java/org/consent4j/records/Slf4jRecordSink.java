package org.consent4j.records;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.consent4j.records.internal.EntryCodec;

/**
 * Writes each record as its JSON line (see {@link RecordJson}) at INFO to an SLF4J logger, by default
 * {@code org.consent4j.records}, for sites that ship logs to a central store.
 *
 * <p>As durable as the logging pipeline, which is usually not durable at all: {@code append} returns once
 * the logger has the line. The lines are chained for as long as this sink lives (a new process starts a
 * new chain at seq 1), so a contiguous run of them can be checked with {@code records verify}. A logger
 * that throws becomes a {@link RecordWriteException}. Thread-safe.
 */
public final class Slf4jRecordSink implements ConsentRecordSink {

    /** The default logger name. */
    public static final String LOGGER = "org.consent4j.records";

    private final Logger logger;
    private ChainHead head = ChainHead.EMPTY;

    private Slf4jRecordSink(Logger logger) {
        this.logger = logger;
    }

    /** Logs to {@value #LOGGER}. */
    public static Slf4jRecordSink create() {
        return create(LOGGER);
    }

    /** Logs to the named logger. */
    public static Slf4jRecordSink create(String loggerName) {
        return new Slf4jRecordSink(LoggerFactory.getLogger(Objects.requireNonNull(loggerName, "loggerName")));
    }

    @Override
    public void append(ConsentRecord record) {
        Objects.requireNonNull(record, "record");
        byte[] body = EntryCodec.body(record);
        synchronized (this) {
            EntryCodec.Sealed sealed = EntryCodec.seal(head.seq() + 1, head.hash(), body);
            String line = new String(sealed.line(), 0, sealed.line().length - 1, StandardCharsets.UTF_8);
            try {
                logger.info("{}", line);
            } catch (RuntimeException e) {
                throw new RecordWriteException("the logger " + logger.getName() + " failed to take consent record "
                        + record.id() + ": " + e, e);
            }
            head = new ChainHead(head.seq() + 1, sealed.hash());
        }
    }

    /** The last line logged, as a chain head. */
    public synchronized ChainHead head() {
        return head;
    }

    /** Logs the head, so a run of lines can be checked against it. */
    @Override
    public synchronized void close() {
        if (head.seq() > 0) {
            logger.info("consent record log closed at seq {} hash {}", head.seq(), head.hash());
        }
    }

    @Override
    public String toString() {
        return "Slf4jRecordSink[" + logger.getName() + "]";
    }
}
