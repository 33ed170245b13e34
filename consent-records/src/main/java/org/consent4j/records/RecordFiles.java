package org.consent4j.records;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consent4j.records.internal.VoidMarker;
import org.jspecify.annotations.Nullable;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.ChainVerifier;
import org.consent4j.records.internal.LineReader;
import org.consent4j.records.internal.EntryFormatException;

/**
 * Verification and export of JSON Lines record logs on disk, without opening them for writing: what the
 * {@code records} command line uses, and what an auditor runs on a copy.
 *
 * <p>Files may be given in any order: they are put in log order by the seq of their first entry. A log
 * written by {@link JsonLinesRecordSink} is all its segment files.
 */
public final class RecordFiles {

    private RecordFiles() {
    }

    /**
     * Verifies the chain across {@code files}: reports the first broken, missing, reordered or damaged
     * entry, or a torn last line.
     *
     * @throws IOException if a file cannot be read
     */
    public static ChainReport verify(List<Path> files) throws IOException {
        return verify(files, Set.of());
    }

    /**
     * Verifies as {@link #verify(List)}, and also that every anchor (a head hash kept elsewhere) is the
     * hash of an entry in the log, so nothing up to it was cut off.
     *
     * @throws IOException if a file cannot be read
     */
    public static ChainReport verify(List<Path> files, Set<String> anchors) throws IOException {
        return verify(order(files), Map.of(), anchors);
    }

    /**
     * Every consent record of one subject, in log order (for access and portability requests). Reads
     * the entries' content without checking hashes; run {@link #verify} to prove them unchanged.
     *
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if a line is damaged, naming it
     */
    /**
     * Verifies as {@link #verify(List, Set)}, and also that every entry carries a valid MAC under one of
     * {@code keys}: an entry edited with all its hashes recomputed, or a forged erasure entry, is reported
     * as {@link ChainProblem.Kind#UNAUTHENTICATED}.
     *
     * @throws IOException if a file cannot be read
     */
    public static ChainReport verify(List<Path> files, Set<String> anchors, RecordKeys keys) throws IOException {
        return verify(order(files), Map.of(), anchors, keys);
    }

    /**
     * Verifies with {@code keys} against the last checkpoint kept outside the log: the checkpoint's MAC
     * must be valid and its entry still in the log, so a cut tail is reported
     * ({@link ChainProblem.Kind#ANCHOR_NOT_FOUND}); a checkpoint that is not valid under the keys is
     * reported as {@link ChainProblem.Kind#BAD_CHECKPOINT}.
     *
     * @throws IOException if a file cannot be read
     */
    public static ChainReport verify(List<Path> files, RecordKeys keys, Checkpoint checkpoint) throws IOException {
        RecordKeys.Check check = checkpoint.check(keys);
        if (check != RecordKeys.Check.VALID) {
            return new ChainReport(0, 0, 0, ChainHead.EMPTY, java.util.Optional.of(new ChainProblem(
                    ChainProblem.Kind.BAD_CHECKPOINT, "checkpoint seq " + checkpoint.head().seq(),
                    check == RecordKeys.Check.UNKNOWN_KEY ? "the checkpoint is signed with a key the given keys do not hold"
                            : "the checkpoint's MAC is not valid: it was altered or made without the records key")));
        }
        return verify(order(files), Map.of(), Set.of(checkpoint.head().hash()), keys);
    }

    /**
     * Verifies against the last checkpoint kept outside the log, signed with Ed25519: needs only the
     * public key, so a third party can check an exported head. The checkpoint's signature must be valid
     * and its entry still in the log (a cut tail, or an entry up to it edited with its hashes
     * recomputed, is reported as {@link ChainProblem.Kind#ANCHOR_NOT_FOUND}); a bad signature is
     * reported as {@link ChainProblem.Kind#BAD_CHECKPOINT}. Entry MACs are not checked (they need the
     * records keys: {@link #verify(List, Set, RecordKeys)}).
     *
     * @throws IOException if a file cannot be read
     */
    public static ChainReport verify(List<Path> files, CheckpointKey publicKey, Checkpoint checkpoint) throws IOException {
        RecordKeys.Check check = checkpoint.check(publicKey);
        if (check != RecordKeys.Check.VALID) {
            return new ChainReport(0, 0, 0, ChainHead.EMPTY, java.util.Optional.of(new ChainProblem(
                    ChainProblem.Kind.BAD_CHECKPOINT, "checkpoint seq " + checkpoint.head().seq(),
                    !checkpoint.isSigned() ? "the checkpoint carries an HMAC, not an Ed25519 signature: verify it with the records keys"
                            : check == RecordKeys.Check.UNKNOWN_KEY ? "the checkpoint is signed with another key than '"
                            + publicKey.id() + "'" : "the checkpoint's signature is not valid: it was altered or made "
                            + "without the private key")));
        }
        return verify(order(files), Map.of(), Set.of(checkpoint.head().hash()));
    }

    /** The records of one subject in the given log files, in chain order, each with its place in the chain. */
    public static List<ChainedRecord> export(List<Path> files, String subjectId) throws IOException {
        return export(order(files), Map.of(), subjectId);
    }

    // ------------------------------------------------------------------------------- shared with the sink

    /** Opens a file of the log for reading. */
    interface Opener {
        LineReader open(Path file) throws IOException;
    }

    static ChainReport verify(List<Path> ordered, Map<Path, Long> limits, Set<String> anchors) throws IOException {
        return verify(ordered, limits, anchors, null);
    }

    static ChainReport verify(List<Path> ordered, Map<Path, Long> limits, Set<String> anchors, @Nullable RecordKeys keys)
            throws IOException {
        return verify(ordered, f -> new LineReader(f, limits.getOrDefault(f, Long.MAX_VALUE)), anchors, keys);
    }

    static ChainReport verify(List<Path> ordered, Opener opener, Set<String> anchors, @Nullable RecordKeys keys)
            throws IOException {
        ChainVerifier verifier = new ChainVerifier(anchors, keys);
        for (int i = 0; i < ordered.size() && !verifier.stopped(); i++) {
            Path file = ordered.get(i);
            boolean lastFile = i == ordered.size() - 1;
            try (LineReader reader = opener.open(file)) {
                for (LineReader.Line line = reader.next(); line != null && !verifier.stopped(); line = reader.next()) {
                    String location = file + ":" + line.number();
                    if (!line.terminated()) {
                        if (lastFile) {
                            verifier.tornTail(location, line.length());
                        } else {
                            verifier.problem(new ChainProblem(ChainProblem.Kind.MALFORMED, location,
                                    "the last line is incomplete, in a file that is not the last of the log"));
                        }
                    } else {
                        verifier.line(location, line.text());
                    }
                }
            }
        }
        return verifier.finish();
    }

    static List<ChainedRecord> export(List<Path> ordered, Map<Path, Long> limits, String subjectId) throws IOException {
        return export(ordered, f -> new LineReader(f, limits.getOrDefault(f, Long.MAX_VALUE)), subjectId);
    }

    static List<ChainedRecord> export(List<Path> ordered, Opener opener, String subjectId) throws IOException {
        List<ChainedRecord> out = new ArrayList<>();
        java.util.Set<Long> voided = new java.util.HashSet<>();
        String needle = EntryCodec.subjectNeedle(subjectId);
        for (Path file : ordered) {
            try (LineReader reader = opener.open(file)) {
                for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                    if (!line.terminated()) {
                        continue; // a torn tail was never acknowledged
                    }
                    if (line.text() != null && line.text().contains(VOID_NEEDLE)) {
                        Entry v = parseForExport(file, line);
                        if (v.payload() instanceof VoidMarker m) {
                            m.voided().forEach(x -> voided.add(x.seq()));
                            continue;
                        }
                    }
                    if (line.text() != null && !line.text().contains(needle)) {
                        continue;
                    }
                    Entry e = parseForExport(file, line);
                    if (e.payload() instanceof ConsentRecord r && r.subjectId().equals(subjectId)) {
                        out.add(e.chained());
                    }
                }
            }
        }
        out.removeIf(r -> voided.contains(r.seq()));
        return out;
    }

    private static final String VOID_NEEDLE = "\"type\":\"" + EntryCodec.VOID + "\"";

    private static Entry parseForExport(Path file, LineReader.Line line) {
        if (line.text() == null) {
            throw new IllegalArgumentException(file + ":" + line.number() + " is not valid UTF-8; run records verify");
        }
        try {
            return EntryCodec.parse(line.text());
        } catch (EntryFormatException e) {
            throw new IllegalArgumentException(file + ":" + line.number() + " cannot be read (" + e.getMessage()
                    + "); run records verify", e);
        }
    }

    /** Files in log order: by the seq of their first entry; unreadable or empty files keep their place at the end. */
    static List<Path> order(List<Path> files) throws IOException {
        record Keyed(Path path, long firstSeq, int index) {
        }
        List<Keyed> keyed = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            keyed.add(new Keyed(files.get(i), firstSeq(files.get(i)), i));
        }
        keyed.sort(Comparator.comparingLong(Keyed::firstSeq).thenComparingInt(Keyed::index));
        List<Path> out = new ArrayList<>(files.size());
        keyed.forEach(k -> out.add(k.path()));
        return out;
    }

    private static long firstSeq(Path file) throws IOException {
        try (LineReader reader = new LineReader(file)) {
            LineReader.Line first = reader.next();
            @Nullable String text = first == null || !first.terminated() ? null : first.text();
            if (text == null) {
                return Long.MAX_VALUE;
            }
            try {
                return EntryCodec.parse(text).seq();
            } catch (EntryFormatException e) {
                return Long.MAX_VALUE;
            }
        }
    }
}
