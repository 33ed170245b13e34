package org.consent4j.records.internal;

import org.consent4j.records.ChainHead;
import org.consent4j.records.ChainProblem;
import org.consent4j.records.ChainReport;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.RecordKeys;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a log fed to it line by line, in log order.
 *
 * <p>Every line must parse, match its hash and be canonical; each entry must link to the one before
 * ({@code seq} one more, {@code prev} equal to its hash). A link may skip entries only where erasure
 * markers (anywhere in the log) list the skipped entries with matching seq, prev and hash; the log may
 * start after seq 1 only where a retention marker's anchor is at or after that start (entries before the
 * anchor may be purged, oldest first). Stops at the first entry it cannot
 * read or trust; gaps are resolved at the end, once all markers are known.
 */
public final class ChainVerifier {

    private record Gap(String location, long afterSeq, String afterHash, long seq, String prev) {
    }

    private final Set<String> anchors;
    private final @Nullable RecordKeys keys;
    private final Set<Long> voided = new java.util.HashSet<>();
    private final Set<String> anchorsFound = new LinkedHashSet<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final Map<Long, RemovedEntry> vouched = new HashMap<>();
    private final List<RetentionMarker> retention = new ArrayList<>();
    private long entries;
    private long records;
    private long markers;
    private @Nullable Entry last;
    private @Nullable ChainProblem stop;

    public ChainVerifier(Set<String> anchors) {
        this(anchors, null);
    }

    public ChainVerifier(Set<String> anchors, @Nullable RecordKeys keys) {
        this.anchors = Set.copyOf(anchors);
        this.keys = keys;
    }

    /** The seqs of consent records voided by void markers so far. */
    public Set<Long> voided() {
        return voided;
    }

    /** Whether verification stopped at a problem; later lines are ignored. */
    public boolean stopped() {
        return stop != null;
    }

    /** Feeds one complete line; {@code text} is null when the bytes are not UTF-8. */
    public void line(String location, @Nullable String text) {
        if (stop != null) {
            return;
        }
        if (text == null) {
            stop = new ChainProblem(ChainProblem.Kind.MALFORMED, location, "the line is not valid UTF-8");
            return;
        }
        Entry e;
        try {
            e = EntryCodec.read(text);
        } catch (EntryFormatException ex) {
            stop = new ChainProblem(ex.kind(), location, Objects.requireNonNullElse(ex.getMessage(), ex.toString()));
            return;
        }
        entry(location, e);
    }

    /** Feeds an entry already parsed and checked against its line. */
    public void entry(String location, Entry e) {
        if (stop != null) {
            return;
        }
        if (keys != null) {
            if (e.mac().isEmpty()) {
                stop = new ChainProblem(ChainProblem.Kind.UNAUTHENTICATED, location, "seq " + e.seq()
                        + " carries no records-key MAC: it was written without a key, or by someone who does not hold one");
                return;
            }
            RecordKeys.Check check = keys.check(e.mac(), e.hash());
            if (check != RecordKeys.Check.VALID) {
                stop = new ChainProblem(ChainProblem.Kind.UNAUTHENTICATED, location, "seq " + e.seq() + (check
                        == RecordKeys.Check.UNKNOWN_KEY
                        ? " is signed with key id '" + e.mac().substring(0, e.mac().indexOf(':'))
                                + "', which the given keys do not hold (give every key still in use)"
                        : "'s MAC does not match its hash: the entry was edited and its hashes recomputed, or forged"));
                return;
            }
        }
        if (last == null) {
            if (!(e.seq() == 1 && e.prev().equals(EntryCodec.GENESIS))) {
                gaps.add(new Gap(location, 0, EntryCodec.GENESIS, e.seq(), e.prev()));
            }
        } else if (!(e.seq() == last.seq() + 1 && e.prev().equals(last.hash()))) {
            gaps.add(new Gap(location, last.seq(), last.hash(), e.seq(), e.prev()));
        }
        entries++;
        if (e.payload() instanceof ConsentRecord) {
            records++;
        } else {
            markers++;
            if (e.payload() instanceof ErasureMarker m) {
                for (RemovedEntry r : m.removed()) {
                    vouched.put(r.seq(), r);
                    if (anchors.contains(r.hash())) {
                        anchorsFound.add(r.hash());
                    }
                }
            } else if (e.payload() instanceof RetentionMarker m) {
                retention.add(m);
            } else if (e.payload() instanceof VoidMarker m) {
                for (VoidMarker.Voided v : m.voided()) {
                    if (v.seq() >= e.seq()) {
                        stop = new ChainProblem(ChainProblem.Kind.MALFORMED, location, "the void marker at seq " + e.seq()
                                + " voids seq " + v.seq() + ", which is not before it");
                        return;
                    }
                    voided.add(v.seq());
                }
            }
        }
        if (anchors.contains(e.hash())) {
            anchorsFound.add(e.hash());
        }
        last = e;
    }

    /** Reports an unterminated last line of {@code bytes} bytes. */
    public void tornTail(String location, int bytes) {
        if (stop != null) {
            return;
        }
        stop = new ChainProblem(ChainProblem.Kind.TORN_TAIL, location, String.format(Locale.ROOT,
                "the last line is incomplete (%d bytes without a newline): a write interrupted by a crash, "
                        + "never acknowledged; opening the log with JsonLinesRecordSink sets it aside", bytes));
    }

    /** Reports a problem found outside the chain rules (e.g. a database row disagreeing with its entry). */
    public void problem(ChainProblem problem) {
        if (stop == null) {
            stop = problem;
        }
    }

    public ChainReport finish() {
        ChainProblem first = null;
        for (Gap g : gaps) {
            if (!resolved(g)) {
                first = describe(g);
                break;
            }
        }
        if (first == null) {
            first = stop;
        }
        if (first == null) {
            for (String anchor : anchors) {
                if (!anchorsFound.contains(anchor)) {
                    first = new ChainProblem(ChainProblem.Kind.ANCHOR_NOT_FOUND, "anchor " + anchor,
                            "no entry of the log has this hash: entries after it were cut off, or the log was "
                                    + "replaced (or the entry was purged by retention)");
                    break;
                }
            }
        }
        ChainHead head = last == null ? ChainHead.EMPTY : last.head();
        return new ChainReport(entries, records, markers, head, Optional.ofNullable(first));
    }

    private boolean resolved(Gap g) {
        if (bridges(g.afterSeq(), g.afterHash(), g.seq(), g.prev())) {
            return true;
        }
        if (g.afterSeq() == 0) {
            for (RetentionMarker m : retention) {
                // A purge removes entries oldest first; a crash part-way leaves a start before the anchor.
                if (g.seq() < m.anchorSeq() || bridges(m.anchorSeq() - 1, m.anchorPrev(), g.seq(), g.prev())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether erased entries listed by markers lead from (fromSeq, fromHash) to an entry at toSeq linking to toPrev. */
    private boolean bridges(long fromSeq, String fromHash, long toSeq, String toPrev) {
        if (toSeq <= fromSeq || toSeq - fromSeq - 1 > vouched.size()) {
            return false;
        }
        String hash = fromHash;
        for (long s = fromSeq + 1; s < toSeq; s++) {
            RemovedEntry r = vouched.get(s);
            if (r == null || !r.prev().equals(hash)) {
                return false;
            }
            hash = r.hash();
        }
        return hash.equals(toPrev);
    }

    private static ChainProblem describe(Gap g) {
        if (g.afterSeq() == 0) {
            return new ChainProblem(ChainProblem.Kind.BAD_START, g.location(), String.format(Locale.ROOT,
                    "the log starts at seq %d linking to %s, not at seq 1, and no retention or erasure marker "
                            + "accounts for the entries before it (earlier files missing, or entries removed)",
                    g.seq(), abbreviate(g.prev())));
        }
        if (g.seq() <= g.afterSeq()) {
            return new ChainProblem(ChainProblem.Kind.OUT_OF_ORDER, g.location(), String.format(Locale.ROOT,
                    "seq %d follows seq %d: entries were reordered, duplicated or inserted", g.seq(), g.afterSeq()));
        }
        if (g.seq() == g.afterSeq() + 1) {
            return new ChainProblem(ChainProblem.Kind.BROKEN_LINK, g.location(), String.format(Locale.ROOT,
                    "seq %d does not link to seq %d (prev %s, expected %s): an entry was replaced or inserted",
                    g.seq(), g.afterSeq(), abbreviate(g.prev()), abbreviate(g.afterHash())));
        }
        String missing = g.seq() == g.afterSeq() + 2 ? "seq " + (g.afterSeq() + 1)
                : "seq " + (g.afterSeq() + 1) + " to " + (g.seq() - 1);
        return new ChainProblem(ChainProblem.Kind.MISSING, g.location(), String.format(Locale.ROOT,
                "entries %s are missing before seq %d, and no erasure marker accounts for them", missing, g.seq()));
    }

    private static String abbreviate(String hash) {
        return hash.substring(0, 12) + "…";
    }
}
