package org.consent4j.servlet;

import java.util.concurrent.atomic.LongAdder;

/** The filter's live counters. */
final class Counters {
    final LongAdder choicesRecorded = new LongAdder();
    final LongAdder recordFailures = new LongAdder();
    final LongAdder gpcOptOutsRecorded = new LongAdder();
    final LongAdder cookiesDropped = new LongAdder();
    final LongAdder cookiesExpired = new LongAdder();
    final LongAdder crossSiteRefused = new LongAdder();
    final LongAdder badRequests = new LongAdder();

    ConsentFilterStats snapshot(long consentCookiesRejected) {
        return new ConsentFilterStats(choicesRecorded.sum(), recordFailures.sum(), gpcOptOutsRecorded.sum(),
                cookiesDropped.sum(), cookiesExpired.sum(), consentCookiesRejected, crossSiteRefused.sum(),
                badRequests.sum());
    }
}
