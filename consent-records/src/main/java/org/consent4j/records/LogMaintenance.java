package org.consent4j.records;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongPredicate;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.ErasureMarker;
import org.consent4j.records.internal.LineReader;
import org.consent4j.records.internal.RecordIds;
import org.consent4j.records.internal.RemovedEntry;
import org.consent4j.records.internal.RetentionMarker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintenance of a JSON Lines log alongside appends: verification, export (subject access), erasure
 * and purging (retention). One at a time (an admin lock); each reads a durable snapshot of the log,
 * writes its marker through the group commit, then rewrites or deletes segments (the active one on
 * the writer thread).
 */
final class LogMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesRecordSink.class);

    /** What maintenance needs of the log. */
    interface Log {
        /** The durable view: segments, the active segment's durable length, the head. */
        LogSnapshot snapshot();

        /** Closes channels of segments rotated away (no reader can use them while maintenance runs). */
        void closeRetired();

        /** Appends a marker through the group commit and returns it once durable. */
        Entry appendMarker(Object marker);

        /** Rewrites a segment keeping the lines whose number passes {@code keep}. */
        void rewrite(Path segment, LongPredicate keep) throws IOException;

        /** Deletes a segment that is no longer written. */
        void deleteClosed(Path segment);

        /** Recovery files deleted by erasure. */
        void forgetRecoveryFiles(List<Path> deleted);
    }

    private final ReentrantLock admin = new ReentrantLock();
    private final Log log;
    private final SegmentFiles files;
    private final @Nullable RecordKeys keys;
    private final Clock clock;
    private final Path name;

    LogMaintenance(Log log, SegmentFiles files, @Nullable RecordKeys keys, Clock clock, Path name) {
        this.log = log;
        this.files = files;
        this.keys = keys;
        this.clock = clock;
        this.name = name;
    }

    ChainReport verify() {
        admin.lock();
        try {
            LogSnapshot s = log.snapshot();
            log.closeRetired();
            return RecordFiles.verify(s.segments(), s::reader, Set.of(), keys);
        } catch (IOException e) {
            throw new RecordWriteException("cannot read the consent record log to verify it: " + e.getMessage(), e);
        } finally {
            admin.unlock();
        }
    }

    List<ChainedRecord> export(String subjectId) {
        admin.lock();
        try {
            LogSnapshot s = log.snapshot();
            log.closeRetired();
            return RecordFiles.export(s.segments(), s::reader, subjectId);
        } catch (IOException e) {
            throw new RecordWriteException("cannot read the consent record log to export: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RecordWriteException("cannot export: " + e.getMessage(), e);
        } finally {
            admin.unlock();
        }
    }

    int erase(String subjectId) {
        admin.lock();
        try {
            log.closeRetired();
            LogSnapshot s = log.snapshot();
            String needle = EntryCodec.subjectNeedle(subjectId);
            List<RemovedEntry> removed = new ArrayList<>();
            Map<Path, Set<Long>> drop = new LinkedHashMap<>();
            for (Path segment : s.segments()) {
                try (LineReader reader = s.reader(segment)) {
                    for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                        String text = SegmentFiles.readable(segment, line);
                        if (!text.contains(needle)) {
                            continue;
                        }
                        Entry e = SegmentFiles.parse(segment, line, text);
                        if (e.payload() instanceof ConsentRecord r && r.subjectId().equals(subjectId)) {
                            removed.add(new RemovedEntry(e.seq(), e.prev(), e.hash()));
                            drop.computeIfAbsent(segment, k -> new HashSet<>()).add(line.number());
                        }
                    }
                }
            }
            if (removed.isEmpty()) {
                return 0;
            }
            Instant now = clock.instant();
            ErasureMarker marker = new ErasureMarker(RecordIds.next(now), now, EntryCodec.subjectDigest(subjectId), removed);
            Entry written = log.appendMarker(marker);
            for (Map.Entry<Path, Set<Long>> d : drop.entrySet()) {
                Set<Long> lines = d.getValue();
                log.rewrite(d.getKey(), n -> !lines.contains(n));
            }
            log.forgetRecoveryFiles(files.eraseFromRecoveryFiles(subjectId));
            LOG.info("consent record log {}: erased {} record(s) of one subject; erasure marker at seq {}",
                    name, removed.size(), written.seq());
            return removed.size();
        } catch (IOException e) {
            throw new RecordWriteException("erasure failed: " + e.getMessage()
                    + "; records not yet removed stay in the log, run the erasure again", e);
        } finally {
            admin.unlock();
        }
    }

    long purgeBefore(Instant cutoff) {
        admin.lock();
        try {
            log.closeRetired();
            LogSnapshot s = log.snapshot();
            long removed = 0;
            Path anchorSegment = null;
            long anchorLine = 0;
            Entry anchor = null;
            Map<Path, Long> lastLines = new LinkedHashMap<>();
            scan:
            for (Path segment : s.segments()) {
                try (LineReader reader = s.reader(segment)) {
                    for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                        Entry e = SegmentFiles.parse(segment, line, SegmentFiles.readable(segment, line));
                        if (!EntryCodec.timestamp(e.payload()).isBefore(cutoff)) {
                            anchorSegment = segment;
                            anchorLine = line.number();
                            anchor = e;
                            break scan;
                        }
                        removed++;
                        lastLines.put(segment, line.number());
                    }
                }
            }
            if (removed == 0) {
                return 0;
            }
            long anchorSeq = anchor != null ? anchor.seq() : s.head().seq() + 1;
            String anchorPrev = anchor != null ? anchor.prev() : s.head().hash();
            Instant now = clock.instant();
            RetentionMarker marker = new RetentionMarker(RecordIds.next(now), now, cutoff, anchorSeq, anchorPrev, removed);
            log.appendMarker(marker);
            // Oldest first: a crash part-way leaves a log that starts later, still before the anchor.
            List<Path> scanned = s.segments();
            for (int i = 0; i < scanned.size(); i++) {
                Path segment = scanned.get(i);
                if (segment.equals(anchorSegment)) {
                    long first = anchorLine;
                    log.rewrite(segment, n -> n >= first);
                    break;
                }
                Long last = lastLines.get(segment);
                if (last == null) {
                    continue; // an empty segment
                }
                if (i == scanned.size() - 1) {
                    // It may have been written to since the scan (even rotated away): keep what came after.
                    log.rewrite(segment, n -> n > last);
                } else {
                    log.deleteClosed(segment); // fully scanned and closed before the scan began
                }
            }
            LOG.info("consent record log {}: purged {} entries before {}; the log now starts at seq {}",
                    name, removed, cutoff, anchorSeq);
            return removed;
        } catch (IOException e) {
            throw new RecordWriteException("purge failed: " + e.getMessage()
                    + "; the log is still verifiable, run the purge again", e);
        } finally {
            admin.unlock();
        }
    }
}
