package org.consent4j.servlet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * A per-client rate limit on the endpoints that write or read records (a choice, a withdrawal, a
 * subject access request): a token bucket per client address, so one client cannot fill the disk with
 * records, or make the server scan the log, faster than people click. Over the limit: 429 with
 * {@code Retry-After}. Buckets of clients not seen for a while are dropped; memory is bounded.
 */
final class ChoiceRateLimiter {

    private static final int MAX_CLIENTS = 100_000;

    private final double perSecond;
    private final int burst;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    /** One client's tokens; guarded by itself. */
    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    ChoiceRateLimiter(double perSecond, int burst, Ticker ticker) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.ticker = ticker;
        long idle = perSecond <= 0 ? 1 : (long) Math.ceil(burst / perSecond) + 60;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(Duration.ofSeconds(idle))
                .ticker(ticker).build();
    }

    boolean enabled() {
        return perSecond > 0;
    }

    /**
     * Takes a token for the request's client; when none is left answers 429 with Retry-After and
     * returns false.
     */
    boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!enabled()) {
            return true;
        }
        long wait = take(request.getRemoteAddr());
        if (wait == 0) {
            return true;
        }
        response.setHeader("Retry-After", Long.toString(wait));
        ConsentEndpoints.error(response, 429, String.format(Locale.ROOT,
                "too many consent requests from this client (at most %s per second, bursts of %d); retry in %d s",
                perSecond, burst, wait));
        return false;
    }

    /** 0 when a token was taken, else the seconds until one is available (at least 1). */
    long take(String client) {
        long now = ticker.read();
        Bucket b = buckets.get(client, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * perSecond);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }
}
