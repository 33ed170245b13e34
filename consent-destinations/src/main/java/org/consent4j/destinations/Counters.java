package org.consent4j.destinations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.consent4j.core.decision.Reason;

/** Thread-safe counters of one destination; counting allocates nothing. */
final class Counters {

    /** Every code a suppression can carry, in a fixed order: the decision reasons, then the router's own. */
    private static final List<String> CODES;
    private static final Map<String, Integer> INDEX;

    static {
        List<String> codes = new ArrayList<>();
        for (Reason r : Reason.values()) {
            codes.add(r.code());
        }
        codes.add(Delivery.NO_CONDITION);
        codes.add(Delivery.IDENTIFY_GPC_OPT_OUT);
        codes.add(Delivery.IDENTIFY_SHARING_DENIED);
        CODES = List.copyOf(codes);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < CODES.size(); i++) {
            index.put(CODES.get(i), i);
        }
        INDEX = Map.copyOf(index);
    }

    private final String destination;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder[] suppressed = new LongAdder[CODES.size()];

    Counters(String destination) {
        this.destination = destination;
        for (int i = 0; i < suppressed.length; i++) {
            suppressed[i] = new LongAdder();
        }
    }

    void count(Delivery delivery) {
        switch (delivery.status()) {
            case DELIVERED -> delivered.increment();
            case FAILED -> failed.increment();
            case SUPPRESSED -> {
                Integer index = INDEX.get(delivery.reason());
                if (index == null) {
                    throw new IllegalArgumentException("suppression reason '" + delivery.reason()
                            + "' has no counter: add it to Counters.CODES");
                }
                suppressed[index].increment();
            }
        }
    }

    DestinationStats snapshot() {
        Map<String, Long> by = new LinkedHashMap<>();
        for (int i = 0; i < suppressed.length; i++) {
            long n = suppressed[i].sum();
            if (n > 0) {
                by.put(CODES.get(i), n);
            }
        }
        return new DestinationStats(destination, delivered.sum(), failed.sum(), by);
    }
}
