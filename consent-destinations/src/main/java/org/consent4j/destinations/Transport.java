package org.consent4j.destinations;

/**
 * Sends an event to a destination: the host's HTTP client for Segment, a CRM webhook, the Meta
 * Conversions API.
 *
 * <p>{@link DestinationRouter} calls it only after the visitor's consent allows the delivery, on the
 * caller's thread; keep it fast, or hand the event to a queue. Anything it throws is caught, logged,
 * counted and reported as {@link DeliveryStatus#FAILED}; it never reaches the caller of
 * {@link DestinationRouter#send}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Transport {

    /**
     * Delivers one event.
     *
     * @throws Exception if the delivery failed; the router reports it and goes on with the next destination
     */
    void deliver(Destination destination, Event event) throws Exception;
}
