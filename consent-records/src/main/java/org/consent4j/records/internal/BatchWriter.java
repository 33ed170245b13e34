package org.consent4j.records.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.RecordWriteException;
import org.consent4j.records.SinkMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit, shared by the sinks: callers enqueue entries and wait; one writer thread takes
 * everything queued, hands it to the {@link Handler} as one group (one fsync, one transaction), and
 * releases the waiters. Tasks that must not run concurrently with writes (rewriting the active file) run
 * on the same thread, between groups.
 *
 * <p>Exactly what was acknowledged: a waiter that gives up before the writer took its entry leaves
 * nothing behind (the writer skips it). A waiter that gives up after (the write outlived its timeout) is
 * told "not written", and when the write later completes the sink learns it from {@link #succeed}
 * returning false and voids the entry in the chain.
 *
 * <p>At-least-once delivery made idempotent: a consent record whose id was acknowledged recently (a
 * bounded window) or is being written is not written again; its caller gets the first write's outcome.
 */
public final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final Object STOP = new Object();

    /** Writes groups. Runs on the writer thread only. */
    public interface Handler {
        /**
         * Writes {@code group} in order and completes each item with {@link #succeed} or {@link #fail},
         * now or later (from another thread, once the write is durable). If it throws, items still
         * incomplete are failed with the exception. Waiters give up after their own timeout in any case.
         */
        void write(List<Pending> group) throws Exception;

        /** Called once on the writer thread after the last group, to release resources. */
        void shutdown();

        /**
         * Called on the waiter's thread when it gave up (timeout, interrupt) after the writer had taken
         * its entry, before the waiter is answered: a sink whose writes can outlive the answer makes sure
         * here that, if the entry is or will be in the log, so is its void. The default does nothing (a
         * sink that voids late writes when they complete).
         */
        default void refused(Pending p) {
        }
    }

    /** One entry waiting for its write: a record or a marker, its pre-serialized body, and the outcome. */
    public static final class Pending extends CompletableFuture<Entry> {
        public final Object payload;
        public final byte[] body;
        /** Set by the writer before it decides to write the entry; read by a waiter that gives up. */
        private volatile boolean taken;

        public Pending(Object payload, byte[] body) {
            this.payload = payload;
            this.body = body;
        }

        /**
         * The writer's claim: true if the entry may be written (its waiter still waits). Together with
         * {@link #refuse}, at least one side sees the other: a waiter that finds its entry not taken is
         * never written; one that finds it taken must see to the void.
         */
        boolean take() {
            taken = true;
            return !isDone();
        }

        /** Whether the writer took the entry (it may be in the log). */
        public boolean taken() {
            return taken;
        }

        // Kept by a sink that voids late writes itself, under its own write lock.
        private volatile @Nullable Entry entry;
        private long epoch;
        private boolean voided;

        /** The sink wrote the entry to its store (not yet durable), in the store's {@code epoch}. */
        public void written(Entry entry, long epoch) {
            this.epoch = epoch;
            this.entry = entry;
        }

        /** The entry as written, or null if it was not (yet) written. */
        public @Nullable Entry entry() {
            return entry;
        }

        /** The store's epoch when the entry was written (a store cut back after a failure starts a new one). */
        public long epoch() {
            return epoch;
        }

        /** True the first time: the caller writes the void. */
        public boolean claimVoid() {
            if (voided) {
                return false;
            }
            voided = true;
            return true;
        }
    }

    /** Chain fields of an acknowledged record, kept for the idempotence window. */
    private record Ack(long seq, String prev, String hash) {
    }

    private final String name;
    private final Handler handler;
    private final BlockingQueue<Object> queue;
    private final int maxGroup;
    private final Thread thread;
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    /** Record id to a Pending (being written) or an Ack (acknowledged); guarded by itself. */
    private final Map<UUID, Object> recent;
    private volatile boolean closed;

    public BatchWriter(String name, Handler handler, int capacity, int maxGroup, ThreadFactory threads, int idempotenceWindow) {
        this.name = name;
        this.handler = handler;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.maxGroup = maxGroup;
        this.recent = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Object> eldest) {
                return size() > idempotenceWindow;
            }
        };
        this.thread = threads.newThread(this::run);
        if (thread == null) {
            throw new IllegalStateException("the thread factory for " + name + " returned no thread");
        }
    }

    /** A daemon thread factory naming its threads {@code prefix-N}. */
    public static ThreadFactory daemonThreads(String prefix) {
        LongAdder n = new LongAdder();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.sum());
            n.increment();
            t.setDaemon(true);
            return t;
        };
    }

    public void start() {
        thread.start();
    }

    /**
     * Enqueues and waits up to {@code timeout} for the write.
     *
     * @throws RecordWriteException if the write failed, the queue is full, the wait timed out, or the writer is closed
     */
    public Entry submit(Object payload, byte[] body, Duration timeout) {
        Pending p = new Pending(payload, body);
        enqueue(p);
        return await(p, timeout);
    }

    /**
     * Enqueues without waiting (a marker the sink writes on its own behalf); false if the writer is
     * closed or its queue full.
     */
    public boolean submitLater(Pending p) {
        return !closed && queue.offer(p);
    }

    /** Runs {@code task} on the writer thread between groups, without waiting; false if closed or full. */
    public boolean runLater(Runnable task) {
        return !closed && queue.offer(new FutureTask<>(task, null));
    }

    /** Remembers a record written before this writer started (read back from the log), for idempotence. */
    public void remember(UUID id, long seq, String prev, String hash) {
        synchronized (recent) {
            recent.put(id, new Ack(seq, prev, hash));
        }
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
    public Entry await(Pending p, Duration timeout) {
        try {
            Entry e = p.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            written.increment();
            return e;
        } catch (TimeoutException e) {
            RecordWriteException ex = new RecordWriteException(String.format(Locale.ROOT,
                    "%s did not confirm the record within %d ms; it was not acknowledged (if it reaches the log "
                            + "later, it is voided there)", name, timeout.toMillis()));
            if (p.completeExceptionally(ex)) {
                failed.increment();
                refused(p);
                throw ex;
            }
            return join(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            RecordWriteException ex = new RecordWriteException("interrupted while waiting for " + name
                    + " to write the record; it was not acknowledged");
            if (p.completeExceptionally(ex)) {
                failed.increment();
                refused(p);
                throw ex;
            }
            return join(p);
        } catch (ExecutionException e) {
            failed.increment();
            throw rethrow(e.getCause());
        }
    }

    /** A waiter gave up: if the writer took its entry, the handler sees to the void before the answer. */
    private void refused(Pending p) {
        if (!p.taken()) {
            return; // never written: the writer skips it
        }
        try {
            handler.refused(p);
        } catch (RuntimeException e) {
            LOG.error("{}: could not void a record whose append gave up: {}", name, e.getMessage(), e);
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

    private static RecordWriteException rethrow(@Nullable Throwable cause) {
        if (cause == null) {
            return new RecordWriteException("the record write failed without a cause");
        }
        // A fresh exception, so the caller's stack trace shows where it waited; the writer's is the cause.
        return new RecordWriteException(messageOf(cause), cause);
    }

    /** The throwable's message, or its type when it has none. */
    private static String messageOf(Throwable t) {
        String message = t.getMessage();
        return message != null ? message : t.toString();
    }

    /**
     * Completes an item as written (its waiter counts it). False when its waiter had already given up:
     * the entry is in the log although the caller was told it was not, and must be voided.
     */
    public boolean succeed(Pending p, Entry entry) {
        boolean acknowledged = p.complete(entry);
        if (p.payload instanceof ConsentRecord r) {
            synchronized (recent) {
                if (acknowledged) {
                    recent.put(r.id(), new Ack(entry.seq(), entry.prev(), entry.hash()));
                } else if (recent.get(r.id()) == p) {
                    recent.remove(r.id());
                }
            }
        }
        return acknowledged;
    }

    /** Completes an item as failed (its waiter counts it). */
    public void fail(Pending p, RecordWriteException e) {
        p.completeExceptionally(e);
        forget(p);
    }

    private void forget(Pending p) {
        if (p.payload instanceof ConsentRecord r) {
            synchronized (recent) {
                if (recent.get(r.id()) == p) {
                    recent.remove(r.id());
                }
            }
        }
    }

    /**
     * Runs {@code task} on the writer thread between groups and returns its result, waiting at most
     * {@code timeout}; a task that has not started by then never runs.
     *
     * @throws RecordWriteException if the writer is closed, the task failed, or it did not finish in time
     */
    public <T> T call(Callable<T> task, Duration timeout) {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (RecordWriteException e) {
                throw e;
            } catch (Exception e) {
                throw new RecordWriteException(messageOf(e), e);
            }
        }
        FutureTask<T> future = new FutureTask<>(task);
        if (closed) {
            throw new RecordWriteException(name + " is closed");
        }
        try {
            if (!queue.offer(future, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RecordWriteException(name + ": the queue stayed full for " + timeout.toMillis()
                        + " ms; the task was not run");
            }
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (future.cancel(false)) {
                throw new RecordWriteException(name + " did not get to the task within " + timeout.toMillis()
                        + " ms (the store is slow or stalled); it was not run", e);
            }
            throw new RecordWriteException(name + ": the task is still running after " + timeout.toMillis()
                    + " ms (the store is slow or stalled); it completes in the background", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new RecordWriteException("interrupted while waiting for " + name, e);
        } catch (CancellationException e) {
            throw new RecordWriteException(name + " was closed before the task ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RecordWriteException rwe) {
                throw new RecordWriteException(messageOf(rwe), rwe);
            }
            throw rethrow(cause);
        }
    }

    public boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    public SinkMetrics metrics() {
        return new SinkMetrics(queue.size(), written.sum(), failed.sum(), rejected.sum());
    }

    /** Appends answered from the idempotence window instead of being written again. */
    public long duplicates() {
        return duplicates.sum();
    }

    /**
     * Stops accepting, writes everything queued, shuts the handler down; waits up to {@code timeout}.
     * Every entry accepted before close is written, or its waiter is told it was not.
     */
    public void close(Duration timeout) {
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
                    if (p.take() && fresh(p)) { // a waiter that gave up is not written
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

    /** Whether a pending must be written: false for a record id acknowledged recently or being written. */
    private boolean fresh(Pending p) {
        if (!(p.payload instanceof ConsentRecord r)) {
            return true;
        }
        Object prior;
        synchronized (recent) {
            prior = recent.get(r.id());
            if (prior == null || prior instanceof Pending q && q.isCompletedExceptionally()) {
                recent.put(r.id(), p);
                return true;
            }
        }
        duplicates.increment();
        if (prior instanceof Ack a) {
            p.complete(new Entry(a.seq(), a.prev(), r, a.hash()));
        } else {
            ((Pending) prior).whenComplete((e, ex) -> {
                if (ex == null) {
                    p.complete(new Entry(e.seq(), e.prev(), r, e.hash()));
                } else {
                    p.completeExceptionally(new RecordWriteException("the first write of consent record " + r.id()
                            + " failed: " + ex.getMessage(), ex));
                }
            });
        }
        return false;
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
