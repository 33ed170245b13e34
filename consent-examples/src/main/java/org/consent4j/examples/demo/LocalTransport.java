package org.consent4j.examples.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.consent4j.destinations.Destination;
import org.consent4j.destinations.Event;
import org.consent4j.destinations.Transport;

/**
 * The demo's transport for every destination: nothing leaves the machine; each delivery is kept in
 * memory (the latest {@value #CAPACITY}) so the demo can show what each destination received.
 */
final class LocalTransport implements Transport {

    static final int CAPACITY = 200;

    /** One delivery as the destination would have received it. */
    record Received(Instant at, String destination, Event event) {
    }

    private final Clock clock;
    private final Deque<Received> received = new ArrayDeque<>();

    LocalTransport(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void deliver(Destination destination, Event event) {
        synchronized (received) {
            if (received.size() == CAPACITY) {
                received.removeFirst();
            }
            received.addLast(new Received(clock.instant(), destination.name(), event));
        }
    }

    /** What was delivered, oldest first. */
    List<Received> received() {
        synchronized (received) {
            return List.copyOf(new ArrayList<>(received));
        }
    }
}
