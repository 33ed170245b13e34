package org.consent4j.records;

import java.util.Objects;
import org.consent4j.records.internal.EntryCodec;

/**
 * A consent record as kept in a log: the record, its position ({@code seq}), the hash of the entry
 * before it ({@code prev}) and its own hash, a SHA-256 over its canonical JSON form without the hash
 * field (see {@link RecordJson}). Changing, removing, inserting or reordering entries breaks the chain,
 * which {@link ConsentRecordLog#verify()} and {@link RecordFiles#verify} detect.
 *
 * @param seq    position in the log, from 1, one more than the entry before
 * @param prev   hash of the entry before; 64 zeros for the first entry of a log
 * @param record the consent record
 * @param hash   this entry's hash, 64 lower-case hex digits
 */
public record ChainedRecord(long seq, String prev, ConsentRecord record, String hash) {

    /** Checks the sequence number, the hashes' form and that the record is present. */
    public ChainedRecord {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
        if (!EntryCodec.isHash(prev)) {
            throw new IllegalArgumentException("prev must be 64 lower-case hex digits, was '" + prev + "'");
        }
        Objects.requireNonNull(record, "record");
        if (!EntryCodec.isHash(hash)) {
            throw new IllegalArgumentException("hash must be 64 lower-case hex digits, was '" + hash + "'");
        }
    }

    /** Chains {@code record} after {@code previous}, computing its hash. */
    public static ChainedRecord after(ChainHead previous, ConsentRecord record) {
        long seq = previous.seq() + 1;
        String hash = EntryCodec.hash(seq, previous.hash(), EntryCodec.body(record));
        return new ChainedRecord(seq, previous.hash(), record, hash);
    }

    /** This entry as a chain head, for the next entry to link to. */
    public ChainHead head() {
        return new ChainHead(seq, hash);
    }
}
