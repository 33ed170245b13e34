package org.consent4j.records;

/**
 * Counters of a record sink, for a metrics system or a health check.
 *
 * @param queued   records accepted and waiting to be written, now
 * @param written  records written since the sink was opened
 * @param failed   records that could not be written (each one answered with an error, or logged when asynchronous)
 * @param rejected records refused at the door because the queue stayed full (back-pressure)
 */
public record SinkMetrics(long queued, long written, long failed, long rejected) {
}
