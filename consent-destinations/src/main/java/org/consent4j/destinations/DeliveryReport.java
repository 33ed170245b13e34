package org.consent4j.destinations;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DestinationRouter#send} did with one event: a {@link Delivery} per destination, in the
 * order the destinations were routed. Immutable.
 *
 * @param event      the event
 * @param deliveries one per destination
 */
public record DeliveryReport(Event event, List<Delivery> deliveries) {

    /** Checks that the event is present and copies the deliveries. */
    public DeliveryReport {
        Objects.requireNonNull(event, "event");
        deliveries = List.copyOf(deliveries);
    }

    /** The outcome at the destination with this name, if it is routed. */
    public Optional<Delivery> delivery(String destination) {
        for (Delivery d : deliveries) {
            if (d.destination().equals(destination)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The names of the destinations that received the event. */
    public List<String> deliveredTo() {
        return deliveries.stream().filter(Delivery::delivered).map(Delivery::destination).toList();
    }

    /** The outcomes that were not deliveries (suppressed or failed). */
    public List<Delivery> notDelivered() {
        return deliveries.stream().filter(d -> !d.delivered()).toList();
    }
}
