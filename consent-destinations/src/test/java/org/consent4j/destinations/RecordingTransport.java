package org.consent4j.destinations;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport that remembers what it was given, for tests. */
final class RecordingTransport implements Transport {

    record Received(String destination, Event event) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @Override
    public void deliver(Destination destination, Event event) {
        received.add(new Received(destination.name(), event));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    long count(String destination) {
        return received.stream().filter(r -> r.destination().equals(destination)).count();
    }

    void clear() {
        received.clear();
    }
}
