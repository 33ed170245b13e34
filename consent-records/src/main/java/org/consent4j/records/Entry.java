package org.consent4j.records;

/**
 * One line of a log: chain fields plus a payload, which is a {@link ConsentRecord}, an
 * {@link ErasureMarker} or a {@link RetentionMarker}.
 */
record Entry(long seq, String prev, Object payload, String hash) {

    ChainHead head() {
        return new ChainHead(seq, hash);
    }

    boolean isRecord() {
        return payload instanceof ConsentRecord;
    }

    ConsentRecord record() {
        return (ConsentRecord) payload;
    }

    ChainedRecord chained() {
        return new ChainedRecord(seq, prev, (ConsentRecord) payload, hash);
    }
}
