package org.consent4j.records;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ThreadFactory;
import org.consent4j.records.internal.BatchWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.BuilderChecks;

/**
 * Hands records to another sink on background threads, so {@link #append} returns as soon as the record
 * is queued.
 *
 * <p>This trades proof for latency: a choice is acknowledged before its record is durable, and records
 * still queued when the process dies are lost. Use it in front of sinks whose writes are slow and whose
 * loss is tolerable (a remote log shipper), not in front of {@link JsonLinesRecordSink} or
 * {@code JdbcRecordSink} where the acknowledgement must mean "on disk".
 *
 * <p>Nothing is dropped silently. The queue is bounded: when it is full, {@code append} waits up to the
 * offer timeout (back-pressure) and then throws {@link RecordWriteException}, counted as rejected. A
 * record whose writes keep failing is retried with back-off, then counted as failed and logged in full
 * (as its JSON form) at ERROR on the logger {@code org.consent4j.records.failed}, so it can be
 * re-imported. {@link #close()} stops accepting, writes everything queued (within the close timeout),
 * then closes the delegate. Thread-safe.
 */
public final class AsyncRecordSink implements ConsentRecordSink {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncRecordSink.class);
    private static final Logger FAILED = LoggerFactory.getLogger("org.consent4j.records.failed");

    private final ConsentRecordSink delegate;
    private final BlockingQueue<ConsentRecord> queue;
    private final Duration offerTimeout;
    private final int retries;
    private final Duration retryBackoff;
    private final Duration closeTimeout;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger appending = new AtomicInteger();
    private volatile boolean drained;
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private volatile boolean closed;

    private AsyncRecordSink(Builder b) {
        this.delegate = b.delegate;
        this.queue = new ArrayBlockingQueue<>(b.capacity);
        this.offerTimeout = b.offerTimeout;
        this.retries = b.retries;
        this.retryBackoff = b.retryBackoff;
        this.closeTimeout = b.closeTimeout;
        ThreadFactory threads = b.threads != null ? b.threads : BatchWriter.daemonThreads("consent4j-records-async");
        for (int i = 0; i < b.workers; i++) {
            workers.add(threads.newThread(this::work));
        }
    }

    private AsyncRecordSink start() {
        workers.forEach(Thread::start);
        return this;
    }

    /** A builder around {@code delegate}, which receives the records on background threads. */
    public static Builder builder(ConsentRecordSink delegate) {
        return new Builder(delegate);
    }

    /**
     * Queues the record; waits up to the offer timeout while the queue is full.
     *
     * @throws RecordWriteException if the sink is closed or the queue stayed full
     */
    @Override
    public void append(ConsentRecord record) {
        Objects.requireNonNull(record, "record");
        // Close waits for every append that entered before it saw closed (Dekker: both sides write, then read).
        appending.incrementAndGet();
        boolean queued;
        try {
            if (closed) {
                rejected.increment();
                throw new RecordWriteException("the asynchronous record sink is closed; the record was not queued");
            }
            queued = queue.offer(record, offerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rejected.increment();
            throw new RecordWriteException("interrupted while waiting for room in the record queue", e);
        } finally {
            appending.decrementAndGet();
        }
        if (!queued) {
            rejected.increment();
            throw new RecordWriteException(String.format(Locale.ROOT,
                    "the record queue stayed full (%d records) for %d ms: %s is slower than the choices coming in; "
                            + "the record was not queued", queue.size(), offerTimeout.toMillis(), delegate));
        }
    }

    /** Counters: queued (waiting or being written), written, failed, rejected. */
    public SinkMetrics metrics() {
        return new SinkMetrics(queue.size() + inFlight.get(), written.sum(), failed.sum(), rejected.sum());
    }

    /** Stops accepting, writes everything queued within the close timeout, then closes the delegate. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        // Appends already past their closed check finish queueing (at most the offer timeout) before the
        // workers may stop: an append that returned normally is always written.
        while (appending.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        drained = true;
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread t : workers) {
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        List<ConsentRecord> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            LOG.error("{} consent record(s) were still queued {} ms after close; they are logged as failed",
                    left.size(), closeTimeout.toMillis());
        }
        for (ConsentRecord r : left) {
            giveUp(r, new RecordWriteException("closed before the record was written"));
        }
        try {
            delegate.close();
        } catch (RuntimeException e) {
            LOG.error("error closing {}", delegate, e);
        }
    }

    private void work() {
        while (true) {
            ConsentRecord r;
            try {
                r = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) {
                if (drained && queue.isEmpty()) {
                    return; // nothing can be queued any more
                }
                continue;
            }
            inFlight.incrementAndGet();
            try {
                deliver(r);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private void deliver(ConsentRecord r) {
        long backoff = retryBackoff.toMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                delegate.append(r);
                written.increment();
                return;
            } catch (RuntimeException e) {
                if (attempt >= retries) {
                    giveUp(r, e);
                    return;
                }
                LOG.warn("writing consent record {} to {} failed (attempt {} of {}), retrying: {}", r.id(), delegate,
                        attempt + 1, retries + 1, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    giveUp(r, e);
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void giveUp(ConsentRecord r, RuntimeException cause) {
        failed.increment();
        String json = "{" + new String(EntryCodec.body(r), StandardCharsets.UTF_8) + "}";
        FAILED.error("consent record {} could not be written to {} ({}); the record follows so it can be re-imported: {}",
                r.id(), delegate, cause.getMessage(), json);
    }

    @Override
    public String toString() {
        return "AsyncRecordSink[" + delegate + "]";
    }

    /** Configures an {@link AsyncRecordSink}. Not thread-safe. */
    public static final class Builder {
        private final ConsentRecordSink delegate;
        private int capacity = 10_000;
        private Duration offerTimeout = Duration.ofSeconds(1);
        private int workers = 4;
        private int retries = 3;
        private Duration retryBackoff = Duration.ofMillis(200);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private java.util.concurrent.@org.jspecify.annotations.Nullable ThreadFactory threads;

        private Builder(ConsentRecordSink delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /** How many records may wait; default 10,000. */
        public Builder capacity(int capacity) {
            this.capacity = BuilderChecks.atLeastOne("capacity", capacity);
            return this;
        }

        /** How long {@code append} waits for room in a full queue before it throws; default 1 s. */
        public Builder offerTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("offerTimeout must not be negative, was " + timeout);
            }
            this.offerTimeout = timeout;
            return this;
        }

        /** Background threads writing to the delegate concurrently; default 4. */
        public Builder workers(int workers) {
            this.workers = BuilderChecks.atLeastOne("workers", workers);
            return this;
        }

        /** Retries of a failed write before the record is counted as failed and logged; default 3. */
        public Builder retries(int retries, Duration backoff) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be >= 0, was " + retries);
            }
            if (backoff.isNegative()) {
                throw new IllegalArgumentException("backoff must not be negative, was " + backoff);
            }
            this.retries = retries;
            this.retryBackoff = backoff;
            return this;
        }

        /** How long {@code close} waits for the queue to drain; default 30 s. */
        public Builder closeTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, was " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /** Makes the worker threads; default daemon threads named {@code consent4j-records-async-N}. */
        public Builder threadFactory(ThreadFactory threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /** The sink, with its writer thread started. */
        public AsyncRecordSink build() {
            return new AsyncRecordSink(this).start();
        }
    }
}
