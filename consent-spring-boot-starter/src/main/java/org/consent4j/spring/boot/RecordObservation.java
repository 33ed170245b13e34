package org.consent4j.spring.boot;

import java.util.Objects;

/** Where the metrics, when present, attach their observer of the record sink. */
final class RecordObservation {

    private volatile RecordObserver observer = RecordObserver.NONE;

    RecordObserver observer() {
        return observer;
    }

    void observer(RecordObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }
}
