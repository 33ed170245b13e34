package org.consent4j.records;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers enqueue entries and wait; one writer thread takes everything queued, hands it
 * to the {@link Handler} as one group (one fsync, one transaction), and releases the waiters. Tasks
 * that must not run concurrently with writes (rewriting the active file) run on the same thread,
 * between groups.
 */
final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final Object STOP = new Object();

    /** Writes groups. Runs on the writer thread only. */
    interface Handler {
        /**
         * Writes {@code group} in order and completes each item with {@link #succeed} or {@link #fail},
         * now or later (from another thread, once the write is durable). If it throws, items still
         * incomplete are failed with the exception. Waiters give up after their own timeout in any case.
         */
        void write(List<Pending> group) throws Exception;

        /** Called once on the writer thread after the last group, to release resources. */
        void shutdown();
    }

    /** One entry waiting for its write: a record or a marker, its pre-serialized body, and the outcome. */
    static final class Pending extends CompletableFuture<Entry> {
        final Object payload;
        final byte[] body;

        Pending(Object payload, byte[] body) {
            this.payload = payload;
            this.body = body;
        }
    }

    private final String name;
    private final Handler handler;
    private final BlockingQueue<Object> queue;
    private final int maxGroup;
    private final Thread thread;
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private volatile boolean closed;

    BatchWriter(String name, Handler handler, int capacity, int maxGroup) {
        this.name = name;
        this.handler = handler;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.maxGroup = maxGroup;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Enqueues and waits up to {@code timeout} for the write.
     *
     * @throws RecordWriteException if the write failed, the queue is full, the wait timed out, or the writer is closed
     */
    Entry submit(Object payload, byte[] body, Duration timeout) {
        Pending p = new Pending(payload, body);
        enqueue(p);
        return await(p, timeout);
    }

    private void enqueue(Pending p) {
        if (closed) {
            rejected.increment();
            throw new RecordWriteException(name + " is closed; the record was not written");
        }
        if (!queue.offer(p)) {
            rejected.increment();
            throw new RecordWriteException(String.format(Locale.ROOT,
                    "%s has %d records waiting already (the store is too slow or stalled); the record was not written",
                    name, queue.size()));
        }
    }

    /** Waits for the outcome and counts it (here, so the count is visible once the caller has its answer). */
    Entry await(Pending p, Duration timeout) {
        try {
            Entry e = p.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            written.increment();
            return e;
        } catch (TimeoutException e) {
            RecordWriteException ex = new RecordWriteException(String.format(Locale.ROOT,
                    "%s did not confirm the record within %d ms; it was not acknowledged", name, timeout.toMillis()));
            if (p.completeExceptionally(ex)) {
                failed.increment();
                throw ex;
            }
            return join(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            RecordWriteException ex = new RecordWriteException("interrupted while waiting for " + name
                    + " to write the record; it was not acknowledged");
            if (p.completeExceptionally(ex)) {
                failed.increment();
                throw ex;
            }
            return join(p);
        } catch (ExecutionException e) {
            failed.increment();
            throw rethrow(e.getCause());
        }
    }

    private Entry join(Pending p) {
        try {
            Entry e = p.get();
            written.increment();
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.increment();
            throw new RecordWriteException("interrupted while waiting for a record write", e);
        } catch (ExecutionException e) {
            failed.increment();
            throw rethrow(e.getCause());
        }
    }

    private static RecordWriteException rethrow(Throwable cause) {
        // A fresh exception, so the caller's stack trace shows where it waited; the writer's is the cause.
        return new RecordWriteException(cause.getMessage(), cause);
    }

    /** Completes an item as written (its waiter counts it). */
    void succeed(Pending p, Entry entry) {
        p.complete(entry);
    }

    /** Completes an item as failed (its waiter counts it). */
    void fail(Pending p, RecordWriteException e) {
        p.completeExceptionally(e);
    }

    /**
     * Runs {@code task} on the writer thread between groups and returns its result.
     *
     * @throws RecordWriteException if the writer is closed or the task failed
     */
    <T> T call(Callable<T> task) {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (RecordWriteException e) {
                throw e;
            } catch (Exception e) {
                throw new RecordWriteException(e.getMessage(), e);
            }
        }
        FutureTask<T> future = new FutureTask<>(task);
        if (closed) {
            throw new RecordWriteException(name + " is closed");
        }
        try {
            queue.put(future);
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordWriteException("interrupted while waiting for " + name, e);
        } catch (CancellationException e) {
            throw new RecordWriteException(name + " was closed before the task ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RecordWriteException rwe) {
                throw new RecordWriteException(rwe.getMessage(), rwe);
            }
            throw new RecordWriteException(String.valueOf(cause.getMessage()), cause);
        }
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    SinkMetrics metrics() {
        return new SinkMetrics(queue.size(), written.sum(), failed.sum(), rejected.sum());
    }

    /** Stops accepting, writes everything queued, shuts the handler down; waits up to {@code timeout}. */
    void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!queue.offer(STOP, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("{}: the queue stayed full while closing; records still queued are failed", name);
            }
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("{}: the writer did not finish within {} ms of close; waiting records are failed", name,
                    timeout.toMillis());
        }
        failLeftovers();
    }

    private void failLeftovers() {
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        for (Object o : left) {
            if (o instanceof Pending p) {
                fail(p, new RecordWriteException(name + " was closed before the record was written"));
            } else if (o instanceof FutureTask<?> t) {
                t.cancel(false);
            }
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        List<Pending> group = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Never interrupted on purpose (it would close the file channel); keep going.
                continue;
            }
            queue.drainTo(batch, maxGroup - 1);
            for (Object o : batch) {
                if (o instanceof Pending p) {
                    if (!p.isDone()) { // a waiter that gave up is not written
                        group.add(p);
                    }
                    continue;
                }
                flush(group);
                if (o == STOP) {
                    stop = true;
                } else if (o instanceof FutureTask<?> task) {
                    if (stop) {
                        task.cancel(false);
                    } else {
                        task.run();
                    }
                }
            }
            flush(group);
            batch.clear();
        }
        try {
            handler.shutdown();
        } catch (RuntimeException e) {
            LOG.error("{}: error while closing", name, e);
        }
        failLeftovers();
    }

    private void flush(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        RecordWriteException failure = null;
        try {
            handler.write(group);
        } catch (RecordWriteException e) {
            failure = e;
        } catch (Exception | Error e) {
            failure = new RecordWriteException(name + " could not write: " + e, e);
        }
        if (failure != null) {
            for (Pending p : group) {
                fail(p, failure);
            }
        }
        group.clear();
    }
}
