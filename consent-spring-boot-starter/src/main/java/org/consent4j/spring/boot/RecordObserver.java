package org.consent4j.spring.boot;

import org.consent4j.records.ConsentRecord;

/** Told about every record append: what metrics count. Implementations are fast and never throw. */
interface RecordObserver {

    RecordObserver NONE = new RecordObserver() {
        @Override
        public void appended(ConsentRecord record, long nanos) {
        }

        @Override
        public void failed(ConsentRecord record, long nanos, RuntimeException e) {
        }
    };

    /** The record was written, taking this long. */
    void appended(ConsentRecord record, long nanos);

    /** The record could not be written. */
    void failed(ConsentRecord record, long nanos, RuntimeException e);
}
