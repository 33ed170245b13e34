package org.consent4j.records;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink for tests of wrappers: it can hold writers at a gate, fail a number of times, or throw
 * something unexpected; it keeps what it was given.
 */
final class GateSink implements ConsentRecordSink {

    private final CountDownLatch gate;
    private final AtomicInteger failuresLeft;
    private final RuntimeException failure;
    final List<ConsentRecord> written = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    volatile boolean closed;

    private GateSink(boolean open, int failures, RuntimeException failure) {
        this.gate = new CountDownLatch(open ? 0 : 1);
        this.failuresLeft = new AtomicInteger(failures);
        this.failure = failure;
    }

    static GateSink closedGate() {
        return new GateSink(false, 0, new RecordWriteException("unused"));
    }

    static GateSink failing(int times, RuntimeException failure) {
        return new GateSink(true, times, failure);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void append(ConsentRecord record) {
        attempts.incrementAndGet();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new RecordWriteException("the test gate was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordWriteException("interrupted at the gate", e);
        }
        if (failuresLeft.getAndDecrement() > 0) {
            throw failure;
        }
        written.add(record);
    }

    @Override
    public void close() {
        closed = true;
    }
}
