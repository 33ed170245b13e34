package org.consent4j.records;

import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.ErasureMarker;
import org.consent4j.records.internal.EntryFormatException;

/**
 * The stable JSON form of chained consent records, version 1: one object per line, fields in a fixed
 * order, nothing omitted, maps sorted by key, and a SHA-256 hash over the line without its hash field.
 * The form is described field by field in the records guide (docs/records.md). Logs also hold erasure
 * and retention markers in the same form; this class reads and writes consent records only.
 *
 * <p>A line starts {@code {"v":1,"seq":…,"prev":"…","type":"consent",…} } and ends
 * {@code ,"hash":"…"}}. Readers must reject versions they do not know.
 */
public final class RecordJson {

    private RecordJson() {
    }

    /** The canonical line of a chained record, without a trailing newline. */
    public static String format(ChainedRecord record) {
        return EntryCodec.format(new Entry(record.seq(), record.prev(), record.record(), record.hash()));
    }

    /**
     * Reads one line and checks it: well-formed, a consent record, in canonical form, and matching its
     * hash.
     *
     * @throws IllegalArgumentException naming what is wrong with the line
     */
    public static ChainedRecord parse(String line) {
        Entry e;
        try {
            e = EntryCodec.read(line);
        } catch (EntryFormatException ex) {
            throw new IllegalArgumentException("not a valid consent record line: " + ex.getMessage(), ex);
        }
        if (!e.isRecord()) {
            throw new IllegalArgumentException("line seq " + e.seq() + " is a "
                    + (e.payload() instanceof ErasureMarker ? "erasure" : "retention") + " marker, not a consent record");
        }
        return e.chained();
    }
}
