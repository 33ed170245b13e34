package org.consent4j.records.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic work of a sink (retention, checkpoints), shared by the sinks: on the host's scheduler
 * when given (never shut down here), else on one the sink owns, made with its thread factory. Closing
 * cancels the tasks and waits for a running one to finish.
 */
public final class SinkSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(SinkSchedule.class);

    private final String name;
    private final @Nullable ScheduledExecutorService given;
    private final ThreadFactory threads;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private @Nullable ScheduledExecutorService owned;
    private boolean closed;

    public SinkSchedule(String name, @Nullable ScheduledExecutorService given, ThreadFactory threads) {
        this.name = name;
        this.given = given;
        this.threads = threads;
    }

    /** Runs {@code task} every {@code period}, first now or after one period; what it throws is logged. */
    public synchronized void every(Duration period, boolean now, Runnable task) {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        ScheduledExecutorService s = given;
        if (s == null) {
            if (owned == null) {
                owned = Executors.newSingleThreadScheduledExecutor(threads);
            }
            s = owned;
        }
        long millis = Math.max(1, period.toMillis());
        tasks.add(s.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("{}: a periodic task failed: {}", name, e.getMessage(), e);
            }
        }, now ? 0 : millis, millis, TimeUnit.MILLISECONDS));
    }

    /** Cancels the tasks; waits up to {@code timeout} for a running one (and the owned scheduler) to finish. */
    public void close(Duration timeout) {
        ScheduledExecutorService s;
        List<ScheduledFuture<?>> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = owned;
            running = new ArrayList<>(tasks);
        }
        running.forEach(t -> t.cancel(false));
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.error("{}: a periodic task (retention or checkpoint) still runs {} ms after close", name,
                            timeout.toMillis());
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.shutdownNow();
            }
        }
    }
}
