package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.ErasureMarker;
import org.consent4j.records.internal.RetentionMarker;
import org.consent4j.records.internal.RemovedEntry;
import org.consent4j.records.internal.RecordIds;

final class ChainVerificationProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A log of 2 to 12 records of subjects s0..s2. */
    @Provide
    Arbitrary<TestLog> logs() {
        return Arbitraries.integers().between(0, 2).list().ofMinSize(2).ofMaxSize(12).map(subjects -> {
            TestLog log = new TestLog();
            for (int i = 0; i < subjects.size(); i++) {
                log.add(TestLog.record("s" + subjects.get(i), T0.plusSeconds(60L * i), i));
            }
            return log;
        });
    }

    private static int pick(List<?> list, int seed) {
        return Math.floorMod(seed, list.size());
    }

    @Property(tries = 300)
    void anIntactLogVerifiesAndReportsItsHead(@ForAll("logs") TestLog log) {
        ChainReport report = TestLog.verify(log.lines(), Set.of(log.head().hash()));

        assertTrue(report.intact(), report.summary());
        assertEquals(log.head(), report.head());
        assertEquals(log.entries().size(), report.records());
    }

    @Property(tries = 300)
    void anySingleCharacterEditIsDetected(@ForAll("logs") TestLog log, @ForAll int line, @ForAll int position,
                                          @ForAll char replacement) {
        List<String> lines = new ArrayList<>(log.lines());
        int i = pick(lines, line);
        String target = lines.get(i);
        int at = Math.floorMod(position, target.length());
        Assume.that(target.charAt(at) != replacement);
        lines.set(i, target.substring(0, at) + replacement + target.substring(at + 1));

        ChainReport report = TestLog.verify(lines);

        assertFalse(report.intact());
        assertEquals("log:" + (i + 1), report.problem().orElseThrow().location());
    }

    @Property(tries = 300)
    void anyDeletionIsDetected(@ForAll("logs") TestLog log, @ForAll int line) {
        List<String> lines = new ArrayList<>(log.lines());
        int i = pick(lines, line);
        lines.remove(i);

        ChainReport report = TestLog.verify(lines, Set.of(log.head().hash()));

        assertFalse(report.intact());
        ChainProblem.Kind expected = i == 0 ? ChainProblem.Kind.BAD_START
                : i == lines.size() ? ChainProblem.Kind.ANCHOR_NOT_FOUND : ChainProblem.Kind.MISSING;
        assertEquals(expected, report.problem().orElseThrow().kind(), report.summary());
    }

    @Property(tries = 300)
    void aDeletionBeforeTheLastIsDetectedEvenWithoutAnAnchor(@ForAll("logs") TestLog log, @ForAll int line) {
        List<String> lines = new ArrayList<>(log.lines());
        int i = Math.floorMod(line, lines.size() - 1);
        lines.remove(i);

        assertFalse(TestLog.verify(lines).intact());
    }

    @Property(tries = 300)
    void anyDuplicatedLineIsDetected(@ForAll("logs") TestLog log, @ForAll int from, @ForAll int to) {
        List<String> lines = new ArrayList<>(log.lines());
        String copy = lines.get(pick(lines, from));
        lines.add(Math.floorMod(to, lines.size() + 1), copy);

        ChainReport report = TestLog.verify(lines);

        assertFalse(report.intact());
    }

    @Property(tries = 300)
    void aForgedEntryInsertedBeforeTheEndIsDetected(@ForAll("logs") TestLog log, @ForAll int at) {
        List<Entry> entries = log.entries();
        int i = Math.floorMod(at, entries.size());
        ChainHead before = i == 0 ? ChainHead.EMPTY : entries.get(i - 1).head();
        ChainedRecord forged = ChainedRecord.after(before, TestLog.record("forger", T0, 999));
        List<String> lines = new ArrayList<>(log.lines());
        lines.add(i, RecordJson.format(forged));

        ChainReport report = TestLog.verify(lines);

        assertFalse(report.intact());
        assertEquals(ChainProblem.Kind.OUT_OF_ORDER, report.problem().orElseThrow().kind(), report.summary());
    }

    @Property(tries = 300)
    void anyReorderIsDetected(@ForAll("logs") TestLog log, @ForAll int a, @ForAll int b) {
        List<String> lines = new ArrayList<>(log.lines());
        int i = pick(lines, a);
        int j = pick(lines, b);
        Assume.that(i != j);
        Collections.swap(lines, i, j);

        assertFalse(TestLog.verify(lines).intact());
    }

    @Property(tries = 300)
    void anEditedEntryWithARecomputedHashIsDetectedByTheNextLinkOrTheAnchor(@ForAll("logs") TestLog log, @ForAll int line) {
        List<Entry> entries = log.entries();
        int i = pick(entries, line);
        Entry original = entries.get(i);
        ConsentRecord r = original.record();
        ConsentRecord edited = ConsentRecord.builder(r.subjectId(), r.timestamp()).id(r.id())
                .jurisdiction(r.jurisdiction(), r.regime(), r.laws()).catalogRevision(r.catalogRevision())
                .categories(r.categories()).method(ConsentMethod.ACCEPT_ALL).gpc(!r.gpc()).locale(r.locale()).build();
        ChainedRecord rehashed = ChainedRecord.after(new ChainHead(original.seq() - 1, original.prev()), edited);
        List<String> lines = new ArrayList<>(log.lines());
        lines.set(i, RecordJson.format(rehashed));

        ChainReport report = TestLog.verify(lines, Set.of(log.head().hash()));

        assertFalse(report.intact());
        assertEquals(i == lines.size() - 1 ? ChainProblem.Kind.ANCHOR_NOT_FOUND : ChainProblem.Kind.BROKEN_LINK,
                report.problem().orElseThrow().kind(), report.summary());
    }

    @Property(tries = 200)
    void anErasureMarkerBridgesExactlyTheEntriesItLists(@ForAll("logs") TestLog log,
                                                        @ForAll @IntRange(min = 0, max = 2) int subject,
                                                        @ForAll boolean crashBeforeRemoval) {
        List<RemovedEntry> removed = new ArrayList<>();
        for (Entry e : log.entries()) {
            if (e.record().subjectId().equals("s" + subject)) {
                removed.add(new RemovedEntry(e.seq(), e.prev(), e.hash()));
            }
        }
        Assume.that(!removed.isEmpty());
        ChainHead anchor = log.head();
        log.add(new ErasureMarker(RecordIds.next(T0), T0, EntryCodec.subjectDigest("s" + subject), removed));
        List<String> lines = new ArrayList<>(log.lines());
        if (!crashBeforeRemoval) {
            lines.removeIf(l -> l.contains("\"subject\":\"s" + subject + "\""));
        }

        ChainReport report = TestLog.verify(lines, Set.of(anchor.hash()));

        assertTrue(report.intact(), report.summary());
        assertEquals(1, report.markers());
    }

    @Property(tries = 200)
    void anErasureMarkerDoesNotCoverOtherDeletions(@ForAll("logs") TestLog log, @ForAll int victim) {
        Entry erased = log.entries().get(0);
        log.add(new ErasureMarker(RecordIds.next(T0), T0, EntryCodec.subjectDigest(erased.record().subjectId()),
                List.of(new RemovedEntry(erased.seq(), erased.prev(), erased.hash()))));
        List<String> lines = new ArrayList<>(log.lines());
        lines.remove(0);
        int other = Math.floorMod(victim, lines.size() - 1);
        lines.remove(other);

        ChainReport report = TestLog.verify(lines);

        assertFalse(report.intact(), report.summary());
    }

    @Property(tries = 200)
    void aRetentionMarkerVouchesForAnyStartUpToItsAnchor(@ForAll("logs") TestLog log, @ForAll int anchorAt,
                                                         @ForAll int cut) {
        int a = pick(log.entries(), anchorAt);
        Entry anchor = log.entries().get(a);
        log.add(new RetentionMarker(RecordIds.next(T0), T0, T0, anchor.seq(), anchor.prev(), a));
        List<String> lines = log.lines();
        int removed = Math.floorMod(cut, a + 1); // 0..a lines from the front: a crash part-way through a purge

        ChainReport kept = TestLog.verify(lines.subList(removed, lines.size()));
        ChainReport tooMany = TestLog.verify(lines.subList(a + 1, lines.size()));

        assertTrue(kept.intact(), kept.summary());
        assertFalse(tooMany.intact(), tooMany.summary());
        assertEquals(ChainProblem.Kind.BAD_START, tooMany.problem().orElseThrow().kind());
    }

    @Example
    void anEmptyLogIsIntactWithTheEmptyHead() {
        ChainReport report = TestLog.verify(List.of());

        assertTrue(report.intact());
        assertEquals(ChainHead.EMPTY, report.head());
    }

    @Example
    void theProblemNamesTheFirstBrokenPlaceEvenWhenMoreFollow() {
        TestLog log = new TestLog();
        for (int i = 0; i < 6; i++) {
            log.add(TestLog.record("s", T0.plusSeconds(i), i));
        }
        List<String> lines = new ArrayList<>(log.lines());
        lines.remove(4);
        lines.remove(1);

        ChainProblem problem = TestLog.verify(lines).problem().orElseThrow();

        assertEquals(ChainProblem.Kind.MISSING, problem.kind());
        assertEquals("log:2", problem.location());
        assertTrue(problem.message().contains("entries seq 2 are missing before seq 3"), problem.message());
    }
}
