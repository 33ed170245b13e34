package org.consent4j.records;

import java.time.Instant;
import java.util.List;

/**
 * A record store that can prove its integrity and answer the subject's rights: verification, export
 * (access and portability) and erasure, plus purging by age. Implemented by the JSON Lines and JDBC sinks.
 *
 * <p>Erasure and purging keep the chain verifiable without rewriting the hashes of the entries that stay:
 * they first append a marker (an erasure marker listing the removed entries' seq, prev and hash, or a
 * retention marker naming the new start) and then remove the entries. Heads kept elsewhere as anchors stay
 * valid. Implementations are thread-safe.
 */
public interface ConsentRecordLog {

    /**
     * Verifies the whole log and reports the first broken, missing, reordered or damaged entry.
     *
     * @throws RecordWriteException if the log cannot be read at all (an I/O or database error)
     */
    ChainReport verify();

    /**
     * Every record of one subject, in log order: what a right-of-access or portability request returns.
     *
     * @throws RecordWriteException if the log cannot be read
     */
    List<ChainedRecord> export(String subjectId);

    /**
     * Removes every record of one subject, after appending an erasure marker that keeps the chain
     * verifiable (the marker holds a SHA-256 digest of the subject id and the removed entries' chain
     * fields, not their content). Records appended while the erasure runs are kept. Returns how many
     * records were removed; 0 writes nothing.
     *
     * @throws RecordWriteException if the marker cannot be written or the records cannot be removed
     */
    int erase(String subjectId);

    /**
     * Removes entries from the start of the log while their timestamp is before {@code cutoff}, after
     * appending a retention marker that names the new start. Entries are purged in log order, so an entry
     * is kept while an older-looking one before it is kept. Returns how many entries were removed.
     *
     * @throws RecordWriteException if the marker cannot be written or the entries cannot be removed
     */
    long purgeBefore(Instant cutoff);

    /** The newest entry, to keep elsewhere as an anchor; {@link ChainHead#EMPTY} for an empty log. */
    ChainHead head();
}
