package org.consent4j.records.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.RecordWriteException;
import org.consent4j.records.SinkMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the durable sinks share around their store: the append path (serialize, group commit, wait
 * within the write timeout), the counters, retention and other periodic work, the order of close, and
 * rate-limited error logging. Each sink supplies only the {@link BatchWriter.Handler} that writes a
 * group to its store, and its maintenance.
 */
public final class SinkCore {

    private static final Logger LOG = LoggerFactory.getLogger(SinkCore.class);
    /** Retention runs at open and then at most hourly (more often for a maximum age under an hour). */
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);

    private final String name;
    private final Duration writeTimeout;
    private final BatchWriter writer;
    private final SinkSchedule schedule;
    private long lastErrorLog;
    private long suppressedErrors;

    /**
     * @param name  the sink's name in messages, e.g. "consent record log /var/lib/site/consent-records"
     * @param group the most entries written as one group
     */
    public SinkCore(String name, BatchWriter.Handler handler, int maxQueued, int group, ThreadFactory threads,
            int idempotenceWindow, @Nullable ScheduledExecutorService scheduler, Duration writeTimeout) {
        this.name = name;
        this.writeTimeout = writeTimeout;
        this.writer = new BatchWriter(name, handler, maxQueued, group, threads, idempotenceWindow);
        this.schedule = new SinkSchedule(name, scheduler, threads);
    }

    /** The group commit, for what a sink does with it beyond appending records. */
    public BatchWriter writer() {
        return writer;
    }

    /** Starts the writer thread; call once the sink is fully built. */
    public void start() {
        writer.start();
    }

    /**
     * Appends a record and returns its entry once the store has it durably.
     *
     * @throws RecordWriteException if it could not be written within the write timeout
     */
    public Entry append(ConsentRecord record) {
        Objects.requireNonNull(record, "record");
        byte[] body;
        try {
            body = EntryCodec.body(record);
        } catch (RuntimeException e) {
            throw new RecordWriteException("cannot serialize consent record " + record.id() + ": " + e.getMessage(), e);
        }
        return writer.submit(record, body, writeTimeout);
    }

    /** Appends a marker (erasure, retention) through the group commit, waiting within the write timeout. */
    public Entry appendMarker(Object marker) {
        return writer.submit(marker, EntryCodec.body(marker), writeTimeout);
    }

    /** Queued, written, failed, rejected. */
    public SinkMetrics metrics() {
        return writer.metrics();
    }

    /** Appends answered from the idempotence window. */
    public long duplicates() {
        return writer.duplicates();
    }

    /**
     * Purges entries older than {@code maxAge} now and then periodically (hourly, or every
     * {@code maxAge} if shorter); a failed purge is logged and tried again next time.
     */
    public void retain(Duration maxAge, Clock clock, ToLongFunction<Instant> purgeBefore) {
        long every = Math.max(1, Math.min(RETENTION_EVERY.toSeconds(), maxAge.toSeconds()));
        schedule.every(Duration.ofSeconds(every), true, () -> {
            try {
                purgeBefore.applyAsLong(clock.instant().minus(maxAge));
            } catch (RuntimeException e) {
                LOG.error("{}: retention purge failed: {}", name, e.getMessage(), e);
            }
        });
    }

    /** Runs {@code task} every {@code period}, first after one period. */
    public void every(Duration period, Runnable task) {
        schedule.every(period, false, task);
    }

    /**
     * Closes in order: periodic work first (waiting up to {@code scheduleTimeout} for a running task),
     * then the writer, which writes every entry accepted before close or fails its caller (waiting up to
     * {@code writerTimeout}).
     */
    public void close(Duration scheduleTimeout, Duration writerTimeout) {
        schedule.close(scheduleTimeout);
        writer.close(writerTimeout);
    }

    /**
     * Logs a write failure at ERROR at most once every 10 s, counting the ones in between, so a dead
     * disk or database does not flood the log.
     */
    public synchronized void logFailure(String message, Throwable cause) {
        long now = System.nanoTime();
        if (lastErrorLog == 0 || now - lastErrorLog > TimeUnit.SECONDS.toNanos(10)) {
            LOG.error("{} ({} similar errors not logged)", message, suppressedErrors, cause);
            lastErrorLog = now;
            suppressedErrors = 0;
        } else {
            suppressedErrors++;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
