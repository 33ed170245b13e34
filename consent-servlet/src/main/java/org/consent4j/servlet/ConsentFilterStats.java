package org.consent4j.servlet;

/**
 * Counters of one {@link ConsentFilter} since it started, for monitoring.
 *
 * @param choicesRecorded        choices and withdrawals accepted through the endpoints
 * @param recordFailures         choices refused with 503 because the record sink failed (and GPC
 *                               opt-out records that could not be written)
 * @param gpcOptOutsRecorded     GPC opt-outs that changed a stored grant and were recorded
 * @param cookiesDropped         {@code Set-Cookie} values the gate dropped
 * @param cookiesExpired         cookies of refused services that the browser sent and the filter expired
 * @param consentCookiesRejected consent cookies present but not accepted (forged, expired, malformed)
 * @param crossSiteRefused       cross-site writes refused with 403
 * @param badRequests            other endpoint requests refused with a 4xx
 */
public record ConsentFilterStats(long choicesRecorded, long recordFailures, long gpcOptOutsRecorded,
                                 long cookiesDropped, long cookiesExpired, long consentCookiesRejected,
                                 long crossSiteRefused, long badRequests) {
}
