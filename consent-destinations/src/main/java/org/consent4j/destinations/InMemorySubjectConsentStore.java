package org.consent4j.destinations;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.ConsentRecordSink;

/**
 * A {@link ConsentRecordSink} that keeps the latest record of each subject in memory, and answers
 * {@link SubjectConsentStore#latest} from it.
 *
 * <p>Register it as the sink (or next to a durable one) to look up a subject's consent in the same
 * process. It keeps one record per subject and forgets them all on restart: use it for tests, demos and
 * single-process sites, and a store backed by the durable records elsewhere. A record with an earlier
 * timestamp than the one kept is ignored; of two with the same timestamp, the later appended wins.
 * Thread-safe.
 */
public final class InMemorySubjectConsentStore implements SubjectConsentStore, ConsentRecordSink {

    private final ConcurrentMap<String, ConsentRecord> latest = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemorySubjectConsentStore() {
    }

    @Override
    public void append(ConsentRecord record) {
        Objects.requireNonNull(record, "record");
        latest.merge(record.subjectId(), record,
                (kept, added) -> added.timestamp().isBefore(kept.timestamp()) ? kept : added);
    }

    @Override
    public Optional<ConsentRecord> latest(String subjectId) {
        Objects.requireNonNull(subjectId, "subjectId");
        return Optional.ofNullable(latest.get(subjectId));
    }

    /** The number of subjects with a record. */
    public int subjects() {
        return latest.size();
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "InMemorySubjectConsentStore[subjects=" + latest.size() + "]";
    }
}
