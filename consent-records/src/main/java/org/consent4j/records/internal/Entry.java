package org.consent4j.records.internal;

import org.consent4j.records.ChainHead;
import org.consent4j.records.ChainedRecord;
import org.consent4j.records.ConsentRecord;

/**
 * One line of a log: chain fields plus a payload, which is a {@link ConsentRecord}, an
 * {@link ErasureMarker}, a {@link RetentionMarker} or a {@link VoidMarker}; {@code mac} is the
 * records-key MAC of the hash ({@code <key id>:<hex>}), empty in a log written without a key.
 */
public record Entry(long seq, String prev, Object payload, String hash, String mac) {

    public Entry(long seq, String prev, Object payload, String hash) {
        this(seq, prev, payload, hash, "");
    }

    public ChainHead head() {
        return new ChainHead(seq, hash);
    }

    public boolean isRecord() {
        return payload instanceof ConsentRecord;
    }

    public ConsentRecord record() {
        return (ConsentRecord) payload;
    }

    public ChainedRecord chained() {
        return new ChainedRecord(seq, prev, (ConsentRecord) payload, hash);
    }
}
