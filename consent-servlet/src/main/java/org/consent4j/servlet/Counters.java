package org.consent4j.servlet;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.consent4j.core.decision.Reason;
import org.slf4j.LoggerFactory;

/** The filter's live counters. */
final class Counters {
    final LongAdder choicesRecorded = new LongAdder();
    final LongAdder recordFailures = new LongAdder();
    final LongAdder gpcOptOutsRecorded = new LongAdder();
    final LongAdder cookiesDropped = new LongAdder();
    final LongAdder cookiesExpired = new LongAdder();
    final LongAdder crossSiteRefused = new LongAdder();
    final LongAdder badRequests = new LongAdder();
    /** Set once, before or after start-up, by {@link ConsentFilter#listener}. */
    volatile ConsentFilterListener listener = ConsentFilterListener.NONE;
    private volatile boolean listenerFailureLogged;

    /** Tells the listener, which must not break the response. */
    void cookieDropped(String name, Optional<String> serviceId, Reason reason) {
        cookiesDropped.increment();
        ConsentFilterListener l = listener;
        if (l == ConsentFilterListener.NONE) {
            return;
        }
        try {
            l.cookieDropped(name, serviceId, reason);
        } catch (RuntimeException e) {
            if (!listenerFailureLogged) {
                listenerFailureLogged = true;
                LoggerFactory.getLogger(ConsentFilter.class)
                        .warn("consent filter listener {} failed; ignored (logged once)", l, e);
            }
        }
    }

    ConsentFilterStats snapshot(long consentCookiesRejected) {
        return new ConsentFilterStats(choicesRecorded.sum(), recordFailures.sum(), gpcOptOutsRecorded.sum(),
                cookiesDropped.sum(), cookiesExpired.sum(), consentCookiesRejected, crossSiteRefused.sum(),
                badRequests.sum());
    }
}
