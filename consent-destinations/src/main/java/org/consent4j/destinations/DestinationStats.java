package org.consent4j.destinations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts for one destination since its router was built: deliveries, suppressions by reason code, and
 * transport failures. Immutable.
 *
 * @param destination  the destination's name
 * @param delivered    events delivered
 * @param failed       events the consent allowed but the transport failed to deliver
 * @param suppressedBy reason code to the number of events suppressed for it; codes never seen are absent
 */
public record DestinationStats(String destination, long delivered, long failed, Map<String, Long> suppressedBy) {

    /** Checks that the destination is present and copies the counts. */
    public DestinationStats {
        Objects.requireNonNull(destination, "destination");
        suppressedBy = Collections.unmodifiableMap(new LinkedHashMap<>(suppressedBy));
    }

    /** Events suppressed, for any reason. */
    public long suppressed() {
        long sum = 0;
        for (long n : suppressedBy.values()) {
            sum += n;
        }
        return sum;
    }

    /** Events suppressed for this reason code. */
    public long suppressed(String reason) {
        return suppressedBy.getOrDefault(reason, 0L);
    }

    /** Every event sent to the router while this destination was routed. */
    public long total() {
        return delivered + failed + suppressed();
    }
}
