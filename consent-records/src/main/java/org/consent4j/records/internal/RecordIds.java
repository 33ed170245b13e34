package org.consent4j.records.internal;

import org.consent4j.records.*;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Time-ordered UUIDs (version 7 layout, RFC 9562 §5.7): 48-bit milliseconds, then random bits. */
public final class RecordIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordIds() {
    }

    public static UUID next(Instant timestamp) {
        long millis = timestamp.toEpochMilli();
        long msb = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
