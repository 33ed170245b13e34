package org.consent4j.records;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes any sink safe to call from a request: whatever it throws becomes a {@link RecordWriteException}
 * (which the filter answers with 503), counted and logged, never an unexpected exception and a 500.
 */
final class GuardedRecordSink implements ConsentRecordSink {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedRecordSink.class);

    private final ConsentRecordSink delegate;
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong lastLog = new AtomicLong();

    GuardedRecordSink(ConsentRecordSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void append(ConsentRecord record) {
        try {
            delegate.append(record);
            written.increment();
        } catch (RecordWriteException e) {
            failed.increment();
            log("consent record {} was not written by {}: {}", record, e, false);
            throw e;
        } catch (RuntimeException | LinkageError | AssertionError e) {
            failed.increment();
            log("consent record {} was not written: {} failed unexpectedly ({})", record, e, true);
            throw new RecordWriteException("the consent record sink " + delegate + " failed: " + e, e);
        }
    }

    private void log(String message, ConsentRecord record, Throwable e, boolean unexpected) {
        long now = System.nanoTime();
        long last = lastLog.get();
        boolean due = unexpected || last == 0 || now - last > TimeUnit.SECONDS.toNanos(10);
        if (due && lastLog.compareAndSet(last, now)) {
            if (unexpected) {
                LOG.error(message, record.id(), delegate, e.toString(), e);
            } else {
                LOG.warn(message, record.id(), delegate, e.getMessage());
            }
        }
    }

    SinkMetrics metrics() {
        return new SinkMetrics(0, written.sum(), failed.sum(), 0);
    }

    @Override
    public java.util.Optional<TextsArchive> textsArchive() {
        return delegate.textsArchive();
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } catch (RuntimeException e) {
            LOG.error("error closing consent record sink {}", delegate, e);
        }
    }

    @Override
    public String toString() {
        return "guarded(" + delegate + ")";
    }
}
