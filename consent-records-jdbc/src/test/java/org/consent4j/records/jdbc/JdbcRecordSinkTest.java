package org.consent4j.records.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.consent4j.core.testing.PostgresServer;
import org.consent4j.records.MutableClock;
import org.consent4j.records.TestLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.consent4j.records.ChainHead;
import org.consent4j.records.ChainProblem;
import org.consent4j.records.ChainReport;
import org.consent4j.records.ChainedRecord;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.RecordWriteException;

final class JdbcRecordSinkTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private static PostgresServer server;

    @BeforeAll
    static void startDatabase() {
        server = PostgresServer.startOrSkip();
    }

    @AfterAll
    static void stopDatabase() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshTables() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS consent_records, consent_record_logs, consent_texts");
        }
        JdbcRecordSink.createSchema(server::connect);
    }

    private static JdbcRecordSink.Builder sink() {
        return JdbcRecordSink.builder(server::connect);
    }

    private static ConsentRecord record(String subject, int n) {
        return TestLog.record(subject, T0.plusSeconds(n), n);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void theSchemaHasTheDocumentedTablesAndIndexes() throws SQLException {
        assertEquals(22, count("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'consent_records'"));
        assertEquals(1, count("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'consent_records_record_id'"));
        assertEquals(3, count("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'consent_texts'"));
        assertEquals(1, count("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'consent_records_subject'"));
        assertEquals(1, count("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'consent_records_recorded_at'"));
        JdbcRecordSink.createSchema(server::connect); // idempotent
        assertEquals(3, count("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'consent_record_logs'"));
    }

    @Test
    void appendCommitsRowsThatVerifyAndExport() throws SQLException {
        try (JdbcRecordSink sink = sink().logName("web-1").open()) {
            ChainedRecord first = sink.appendChained(record("alice", 1));
            sink.append(record("bob", 2));
            ChainedRecord third = sink.appendChained(record("alice", 3));

            assertEquals(3, count("SELECT COUNT(*) FROM consent_records WHERE log_id = 'web-1'"));
            assertEquals(List.of(first, third), sink.export("alice"));
            ChainReport report = sink.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(third.head(), report.head());
            assertEquals(third.head(), sink.head());
        }
    }

    @Test
    void theQueryColumnsRepeatTheEntryFields() throws SQLException {
        try (JdbcRecordSink sink = sink().open()) {
            ConsentRecord r = record("alice", 2);
            sink.append(r);

            try (Connection c = server.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT subject_id, jurisdiction, regime, laws, categories, method, gpc, "
                         + "recorded_at, record_id, entry_type FROM consent_records")) {
                assertTrue(rs.next());
                assertEquals("alice", rs.getString(1));
                assertEquals("FR", rs.getString(2));
                assertEquals("OPT_IN", rs.getString(3));
                assertEquals("[\"GDPR\"]", rs.getString(4));
                assertEquals("{\"analytics\":\"GRANTED\"}", rs.getString(5));
                assertEquals(r.method().name(), rs.getString(6));
                assertFalse(rs.getBoolean(7));
                assertEquals(r.timestamp(), rs.getObject(8, java.time.OffsetDateTime.class).toInstant());
                assertEquals(r.id().toString(), rs.getString(9));
                assertEquals("consent", rs.getString(10));
            }
        }
    }

    @Test
    void concurrentAppendsFromManyThreadsFormOneIntactChain() throws Exception {
        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        try (JdbcRecordSink sink = sink().open()) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        ConsentRecord r = record("s" + thread, thread * 100 + i);
                        sink.append(r);
                        acknowledged.add(r.id());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            ChainReport report = sink.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(800, report.records());
            assertEquals(800, sink.metrics().written());
            assertEquals(800, count("SELECT COUNT(DISTINCT record_id) FROM consent_records"));
        }
    }

    @Test
    void twoSinksSharingOneLogTakeTurnsOnItsHead() throws Exception {
        try (JdbcRecordSink a = sink().logName("shared").open(); JdbcRecordSink b = sink().logName("shared").open()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                JdbcRecordSink s = t % 2 == 0 ? a : b;
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        s.append(record("s" + thread, thread * 100 + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            ChainReport report = a.verify("shared");
            assertTrue(report.intact(), report.summary());
            assertEquals(320, report.records());
            assertEquals(320, report.head().seq());
        }
    }

    @Test
    void aRecordTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsWritten() throws Exception {
        execute("ALTER TABLE consent_records ADD CONSTRAINT no_refused CHECK (subject_id IS NULL OR subject_id <> 'refused')");
        try (JdbcRecordSink sink = sink().open()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    sink.append(record(thread == 3 ? "refused" : "fine-" + thread, thread));
                    return null;
                }));
            }
            int refused = 0;
            for (int t = 0; t < 8; t++) {
                try {
                    futures.get(t).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertEquals(3, t);
                    RecordWriteException cause = (RecordWriteException) e.getCause();
                    assertTrue(cause.getMessage().contains("the database refused the consent record"), cause.getMessage());
                    refused++;
                }
            }
            pool.shutdown();

            assertEquals(1, refused);
            assertEquals(7, count("SELECT COUNT(*) FROM consent_records"));
            assertTrue(sink.verify().intact());
        }
    }

    @Test
    void textPostgresqlCannotHoldStillRoundTripsThroughTheEntry() throws SQLException {
        try (JdbcRecordSink sink = sink().open()) {
            ConsentRecord r = ConsentRecord.builder("nul\u0000subject", T0).userAgent("agent\u0000with NUL é 😀")
                    .locale("fr").build();
            sink.append(r);

            assertEquals(List.of(r), sink.export("nul\u0000subject").stream().map(ChainedRecord::record).toList());
            assertTrue(sink.verify().intact());
        }
    }

    @Test
    void whenTheDatabaseGoesAwayAppendsFailWithinTheTimeoutAndWritesResumeWhenItReturns() throws Exception {
        PostgresServer own = server.owned() ? server : PostgresServer.startOwnedOrSkip();
        try {
            if (own != server) {
                JdbcRecordSink.createSchema(own::connect);
            }
            try (JdbcRecordSink sink = JdbcRecordSink.builder(own::connect).writeTimeout(Duration.ofMillis(1500)).open()) {
                sink.append(record("alice", 1));

                own.stop();
                long started = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> during = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    during.add(pool.submit(() -> sink.append(record("during-" + thread, 10 + thread))));
                }
                for (Future<?> f : during) {
                    java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class, f::get);
                    assertTrue(e.getCause() instanceof RecordWriteException, String.valueOf(e.getCause()));
                    assertTrue(e.getCause().getMessage().contains("did not confirm the record within 1500 ms"), e.getCause().getMessage());
                }
                long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
                assertTrue(waited < 5_000, "appends waited " + waited + " ms");
                pool.shutdown();

                own.start();
                ChainedRecord after = sink.appendChained(record("alice", 2));

                ChainReport report = sink.verify();
                assertTrue(report.intact(), report.summary());
                assertEquals(after.head(), report.head());
                assertEquals(2, report.records());
                assertTrue(sink.metrics().failed() >= 4, sink.metrics().toString());
            }
        } finally {
            if (own != server) {
                own.close();
            }
        }
    }

    @Test
    void eraseRemovesTheSubjectFromEveryLogAndTheChainsStillVerify() throws SQLException {
        try (JdbcRecordSink one = sink().logName("one").open(); JdbcRecordSink two = sink().logName("two").open()) {
            for (int i = 0; i < 10; i++) {
                (i % 2 == 0 ? one : two).append(record(i % 3 == 0 ? "alice" : "bob", i));
            }
            ChainHead anchorOne = one.head();

            int erased = one.erase("alice");

            assertEquals(4, erased);
            assertEquals(List.of(), two.export("alice"));
            assertEquals(0, count("SELECT COUNT(*) FROM consent_records WHERE subject_id = 'alice'"));
            assertEquals(2, count("SELECT COUNT(*) FROM consent_records WHERE entry_type = 'erasure'"));
            ChainReport report = one.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(6, report.records());
            assertEquals(2, report.markers());
            assertTrue(count("SELECT COUNT(*) FROM consent_records WHERE hash = '" + anchorOne.hash() + "'") <= 1);
            one.append(record("carol", 20)); // the writer follows the head the erasure moved
            two.append(record("carol", 21));
            assertTrue(one.verify().intact());
        }
    }

    @Test
    void purgeRemovesOldEntriesFromTheStartOfEachLog() throws SQLException {
        MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(100)));
        try (JdbcRecordSink sink = sink().clock(clock).open()) {
            for (int i = 0; i < 10; i++) {
                sink.append(TestLog.record("alice", T0.plus(Duration.ofDays(i)), i));
            }

            long removed = sink.purgeBefore(T0.plus(Duration.ofDays(6)));

            assertEquals(6, removed);
            assertEquals(7, count("SELECT MIN(seq) FROM consent_records"));
            ChainReport report = sink.verify();
            assertTrue(report.intact(), report.summary());
            assertEquals(4, report.records());
            assertEquals(0, sink.purgeBefore(T0.plus(Duration.ofDays(6))));
            clock.advance(Duration.ofDays(1));
            assertEquals(5, sink.purgeBefore(clock.instant())); // everything, including the first marker
            sink.append(record("bob", 30));
            assertTrue(sink.verify().intact(), sink.verify().summary());
        }
    }

    @Test
    void verifyFindsEditedRowsRowsCutFromTheEndAndColumnsThatDisagree() throws SQLException {
        try (JdbcRecordSink sink = sink().open()) {
            for (int i = 0; i < 5; i++) {
                sink.append(record("alice", i));
            }
            execute("UPDATE consent_records SET entry = replace(entry, '\"fr\"', '\"de\"') WHERE seq = 2");
            ChainProblem edited = sink.verify().problem().orElseThrow();
            assertEquals(ChainProblem.Kind.HASH_MISMATCH, edited.kind());
            assertEquals("log default seq 2", edited.location());
            execute("UPDATE consent_records SET entry = replace(entry, '\"de\"', '\"fr\"') WHERE seq = 2");
            assertTrue(sink.verify().intact());

            execute("UPDATE consent_records SET subject_id = 'mallory' WHERE seq = 3");
            assertEquals(ChainProblem.Kind.COLUMN_MISMATCH, sink.verify().problem().orElseThrow().kind());
            execute("UPDATE consent_records SET subject_id = 'alice' WHERE seq = 3");

            execute("DELETE FROM consent_records WHERE seq = 5");
            assertEquals(ChainProblem.Kind.ANCHOR_NOT_FOUND, sink.verify().problem().orElseThrow().kind());
        }
    }

    @Test
    void exportFindsASubjectWrittenUnderSeveralLogs() throws SQLException {
        try (JdbcRecordSink one = sink().logName("one").open(); JdbcRecordSink two = sink().logName("two").open()) {
            one.append(record("alice", 1));
            two.append(record("alice", 2));
            two.append(record("bob", 3));

            List<ChainedRecord> exported = one.export("alice");

            assertEquals(2, exported.size());
            assertEquals(new HashSet<>(List.of(1, 2)), new HashSet<>(exported.stream()
                    .map(c -> (int) (c.record().timestamp().getEpochSecond() - T0.getEpochSecond())).toList()));
        }
    }

    @Test
    void appendingARecordIdAlreadyInTheTableReturnsTheStoredEntryAndWritesNoRow() throws SQLException {
        ConsentRecord r = record("alice", 1);
        ChainedRecord first;
        try (JdbcRecordSink sink = sink().open()) {
            first = sink.appendChained(r);
            assertEquals(first.hash(), sink.appendChained(r).hash()); // from the writer's window
        }
        try (JdbcRecordSink sink = sink().idempotenceWindow(1).open()) {
            sink.append(record("bob", 2)); // pushes alice out of the window
            ChainedRecord again = sink.appendChained(r); // found in the table
            assertEquals(first.seq(), again.seq());
            assertEquals(first.hash(), again.hash());
            assertTrue(sink.verify().intact());
        }
        assertEquals(1, count("SELECT COUNT(*) FROM consent_records WHERE record_id = '" + r.id() + "'"));
        assertThrows(SQLException.class, () -> execute("INSERT INTO consent_records (log_id, seq, prev, hash, entry_type, "
                + "record_id, recorded_at, entry) SELECT log_id, 99, prev, hash, entry_type, record_id, recorded_at, entry "
                + "FROM consent_records WHERE record_id = '" + r.id() + "'"), "the unique index backs the check");
    }

    @Test
    void aCommitThatOutlivesTheTimeoutIsVoidedSoARefusedChoiceLeavesNoRecord() throws Exception {
        try (JdbcRecordSink sink = sink().logName("stall").writeTimeout(Duration.ofSeconds(1)).open()) {
            sink.append(record("first", 0)); // creates the head row
            ConsentRecord refused = record("alice", 1);
            try (Connection holder = server.connect()) {
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    // The database stalls: the head row is locked, so the writer's transaction waits.
                    st.executeQuery("SELECT head_seq FROM consent_record_logs WHERE log_id = 'stall' FOR UPDATE").close();
                }
                RecordWriteException e = assertThrows(RecordWriteException.class, () -> sink.append(refused));
                assertTrue(e.getMessage().contains("not acknowledged"), e.getMessage());
                Thread.sleep(300);
                holder.commit(); // the stall ends within the connection's network timeout: the batch commits
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (count("SELECT COUNT(*) FROM consent_records WHERE entry_type = 'void'") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, count("SELECT COUNT(*) FROM consent_records WHERE entry_type = 'void'"));
            assertEquals(1, count("SELECT COUNT(*) FROM consent_records WHERE record_id = '" + refused.id() + "' AND voided"));
            assertEquals(List.of(), sink.export("alice"), "a refused choice has no record");
            assertTrue(sink.verify().intact(), sink.verify().summary());
            sink.append(refused); // the retry of the same record is written, and counts once
            assertEquals(1, sink.export("alice").size());
        }
    }

    @Test
    void verifyWithTheKeysDetectsARowRewrittenWithRecomputedHashes() throws SQLException {
        org.consent4j.records.RecordKeys keys = org.consent4j.records.RecordKeys.of("k1",
                "jdbc-records-key-0123456789abcdef0123".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ChainedRecord last;
        try (JdbcRecordSink sink = sink().logName("keyed").keys(keys).open()) {
            sink.append(record("a", 1));
            last = sink.appendChained(record("b", 2));
            assertTrue(sink.verify().intact());
        }
        // Someone with write access replaces the last record and recomputes its hash and the head.
        ConsentRecord r = last.record();
        ConsentRecord edited = ConsentRecord.builder(r.subjectId(), r.timestamp()).id(r.id())
                .method(org.consent4j.core.decision.ConsentMethod.REJECT_ALL).build();
        org.consent4j.records.internal.EntryCodec.Sealed sealed = org.consent4j.records.internal.EntryCodec.seal(
                last.seq(), last.prev(), org.consent4j.records.internal.EntryCodec.body(edited));
        String line = new String(sealed.line(), 0, sealed.line().length - 1, java.nio.charset.StandardCharsets.UTF_8);
        execute("UPDATE consent_records SET entry = '" + line.replace("'", "''") + "', hash = '" + sealed.hash()
                + "', method = 'REJECT_ALL' WHERE log_id = 'keyed' AND seq = " + last.seq());
        execute("UPDATE consent_record_logs SET head_hash = '" + sealed.hash() + "' WHERE log_id = 'keyed'");
        try (JdbcRecordSink unkeyed = sink().logName("keyed").open()) {
            assertTrue(unkeyed.verify("keyed").intact(), "without the keys the rewrite looks intact");
        }
        try (JdbcRecordSink sink = sink().logName("keyed").keys(keys).open()) {
            ChainReport report = sink.verify("keyed");
            assertEquals(ChainProblem.Kind.UNAUTHENTICATED, report.problem().orElseThrow().kind(), report.summary());
        }
    }

    @Test
    void textsGoToTheConsentTextsTable() throws SQLException {
        byte[] texts = "{\"lang\":\"de\",\"texts\":{\"title\":\"Ihre Wahl\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (JdbcRecordSink a = sink().open(); JdbcRecordSink b = sink().logName("other").open()) {
            String hash = a.textsArchive().orElseThrow().put(texts);
            assertEquals(hash, b.textsArchive().orElseThrow().put(texts), "another instance archiving it is fine");
            assertEquals(new String(texts, java.nio.charset.StandardCharsets.UTF_8), new String(
                    b.textsArchive().orElseThrow().get(hash).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(a.textsArchive().orElseThrow().get("1".repeat(64)).isEmpty());
        }
        assertEquals(1, count("SELECT COUNT(*) FROM consent_texts"));
    }
}
