package org.consent4j.records.internal;

import org.consent4j.records.*;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Log entry written when the records of one subject are erased: the one-way digest of the subject id
 * and, for every removed entry, its seq, prev and hash, so the chain stays verifiable across the gap.
 */
public record ErasureMarker(UUID id, Instant timestamp, String subjectDigest, List<RemovedEntry> removed) {

    public ErasureMarker {
        removed = List.copyOf(removed);
    }
}
