package org.consent4j.destinations;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a {@link DestinationRouter}'s counters, one entry per destination in routing order.
 *
 * <p>Each count is exact; while sends are in flight, the snapshot is not atomic across counters. Immutable.
 *
 * @param destinations the counts per destination
 */
public record RouterStats(List<DestinationStats> destinations) {

    /** Copies the list of destinations. */
    public RouterStats {
        destinations = List.copyOf(destinations);
    }

    /** The counts of the destination with this name. */
    public Optional<DestinationStats> destination(String name) {
        return destinations.stream().filter(d -> d.destination().equals(name)).findFirst();
    }

    /** Deliveries across all destinations. */
    public long delivered() {
        return destinations.stream().mapToLong(DestinationStats::delivered).sum();
    }

    /** Suppressions across all destinations. */
    public long suppressed() {
        return destinations.stream().mapToLong(DestinationStats::suppressed).sum();
    }

    /** Transport failures across all destinations. */
    public long failed() {
        return destinations.stream().mapToLong(DestinationStats::failed).sum();
    }
}
