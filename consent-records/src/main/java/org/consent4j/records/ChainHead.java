package org.consent4j.records;

import java.util.Objects;
import org.consent4j.records.internal.EntryCodec;

/**
 * The newest entry of a record log: its sequence number and hash. Keep heads somewhere the log's
 * writer cannot change (a separate system, a ticket, a signed e-mail): {@code records verify --anchor}
 * then proves that nothing up to that entry was removed or changed since.
 *
 * @param seq  the entry's sequence number, 1 for the first entry of a log; 0 for an empty log
 * @param hash the entry's SHA-256 hash, 64 lower-case hex digits; the genesis value for an empty log
 */
public record ChainHead(long seq, String hash) {

    /** The head of an empty log: seq 0 and 64 zeros, the {@code prev} of a log's first entry. */
    public static final ChainHead EMPTY = new ChainHead(0, EntryCodec.GENESIS);

    /** Checks that the sequence number is not negative and the hash is 64 lower-case hex digits. */
    public ChainHead {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, was " + seq);
        }
        Objects.requireNonNull(hash, "hash");
        if (!EntryCodec.isHash(hash)) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex digits, was '" + hash + "'");
        }
    }
}
