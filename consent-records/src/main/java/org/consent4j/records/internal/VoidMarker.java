package org.consent4j.records.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Log entry written when consent records reached the log although their choices were refused (the
 * visitor was told "not saved" because the write outlived its timeout): those records do not count.
 * Export and subject access leave them out; verification checks the marker like any other entry.
 *
 * @param voided the records that do not count, by seq and hash
 * @param reason why, for people
 */
public record VoidMarker(UUID id, Instant timestamp, List<Voided> voided, String reason) {

    /** One voided entry. */
    public record Voided(long seq, String hash) {
    }

    public VoidMarker {
        voided = List.copyOf(voided);
        if (voided.isEmpty()) {
            throw new IllegalArgumentException("a void marker must void at least one entry");
        }
    }
}
