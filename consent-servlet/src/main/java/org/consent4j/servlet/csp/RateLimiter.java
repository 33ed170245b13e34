package org.consent4j.servlet.csp;

import java.util.function.LongSupplier;

/** A token bucket: {@code perMinute} tokens, refilled evenly over a minute. Thread-safe. */
final class RateLimiter {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final long capacity;
    private final long nanosPerToken;
    private final LongSupplier nanoTime;
    private long tokens;
    private long last;

    RateLimiter(int perMinute, LongSupplier nanoTime) {
        this.capacity = perMinute;
        this.nanosPerToken = MINUTE_NANOS / perMinute;
        this.nanoTime = nanoTime;
        this.tokens = perMinute;
        this.last = nanoTime.getAsLong();
    }

    /** Takes a token; false when none is left. */
    synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        long elapsed = now - last;
        if (elapsed >= nanosPerToken) {
            long earned = elapsed / nanosPerToken;
            tokens = Math.min(capacity, tokens + earned);
            last = tokens == capacity ? now : last + earned * nanosPerToken;
        }
        if (tokens > 0) {
            tokens--;
            return true;
        }
        return false;
    }

    /** Seconds until the next token, at least 1. */
    synchronized long retryAfterSeconds() {
        long wait = nanosPerToken - (nanoTime.getAsLong() - last);
        return Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    }
}
