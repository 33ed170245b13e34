package org.consent4j.records.internal;

import org.consent4j.records.*;

import java.time.Instant;
import java.util.UUID;

/**
 * Log entry written when entries older than a cutoff are purged from the start of a log: the log now
 * starts at {@code anchorSeq}, whose prev is {@code anchorPrev}; {@code removed} entries went before it.
 */
public record RetentionMarker(UUID id, Instant timestamp, Instant cutoff, long anchorSeq, String anchorPrev, long removed) {
}
