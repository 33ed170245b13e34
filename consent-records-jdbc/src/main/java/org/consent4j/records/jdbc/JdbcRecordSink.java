package org.consent4j.records.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import java.util.concurrent.ThreadFactory;
import org.consent4j.records.RecordKeys;
import org.consent4j.records.TextsArchive;
import org.consent4j.records.internal.SinkCore;
import org.consent4j.records.internal.VoidMarker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.ErasureMarker;
import org.consent4j.records.internal.RetentionMarker;
import org.consent4j.records.internal.RemovedEntry;
import org.consent4j.records.internal.BatchWriter;
import org.consent4j.records.internal.ChainVerifier;
import org.consent4j.records.internal.BuilderChecks;
import org.consent4j.records.internal.RecordIds;
import org.consent4j.records.internal.EntryFormatException;
import org.consent4j.records.ChainHead;
import org.consent4j.records.ChainProblem;
import org.consent4j.records.ChainReport;
import org.consent4j.records.ChainedRecord;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.ConsentRecordLog;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.records.RecordWriteException;
import org.consent4j.records.SinkMetrics;

/**
 * Keeps consent records in a relational database through plain JDBC, in batches: PostgreSQL (schema
 * in {@link #postgresqlSchema()}), or any database after adapting the column types.
 *
 * <p>{@link #append} returns once the record is committed. Concurrent appends are grouped: one writer
 * thread takes every waiting record and inserts them in one transaction (a JDBC batch and one commit).
 * When the database is unreachable the writer reconnects and retries with back-off; each waiting
 * {@code append} fails with {@link RecordWriteException} once its write timeout passes, so the visitor
 * gets an error to retry instead of a silent loss, and records go in again as soon as the database is
 * back. A record the database refuses (a data error) fails alone; the rest of its batch is written.
 *
 * <p>Entries are hash-chained per log (see {@link #postgresqlSchema()} and {@link ConsentRecordLog}); a
 * log is named by {@link Builder#logName}. Instances may share a log name (writes then take turns on its
 * head row) or use one each (faster under load). The sink holds one connection for writing and borrows
 * others for verification, export, erasure and purging. No pool is needed; with a pool such as HikariCP,
 * pass its {@code DataSource}. Give the JDBC URL connect and socket timeouts (PostgreSQL:
 * {@code connectTimeout=2&socketTimeout=10}) so a dead network cannot stall writes past the timeout.
 * Thread-safe.
 */
public final class JdbcRecordSink implements ConsentRecordSink, ConsentRecordLog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcRecordSink.class);
    private static final String SCHEMA_RESOURCE = "postgresql.sql";

    private static final String INSERT = "INSERT INTO consent_records (log_id, seq, prev, hash, entry_type, record_id, "
            + "subject_id, recorded_at, jurisdiction, regime, laws, catalog_revision, categories, services, method, gpc, "
            + "locale, texts_hash, client_address, user_agent, entry) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String SELECT_HEAD = "SELECT head_seq, head_hash FROM consent_record_logs WHERE log_id = ?";
    private static final String INSERT_HEAD = "INSERT INTO consent_record_logs (log_id, head_seq, head_hash) VALUES (?, 0, ?)";
    private static final String MOVE_HEAD = "UPDATE consent_record_logs SET head_seq = ?, head_hash = ? "
            + "WHERE log_id = ? AND head_seq = ? AND head_hash = ?";
    private static final String LOCK_HEAD = "UPDATE consent_record_logs SET head_seq = head_seq WHERE log_id = ?";
    private static final String HASH_AT = "SELECT hash FROM consent_records WHERE log_id = ? AND seq = ?";

    /** Opens connections; {@code DataSource::getConnection} or {@code () -> DriverManager.getConnection(url)}. */
    @FunctionalInterface
    public interface ConnectionSource {
        /** A new (or pooled) connection; the sink closes it when done. */
        Connection get() throws SQLException;
    }

    private record InDoubt(List<BatchWriter.Pending> pendings, Entry[] entries) {
    }

    private final ConnectionSource source;
    private final String logName;
    private final Duration writeTimeout;
    private final Clock clock;
    private final @Nullable Duration retention;
    private final SinkCore core;
    private final BatchWriter writer;
    private final @Nullable RecordKeys keys;
    private final JdbcTextsArchive texts;

    // Owned by the writer thread.
    private @Nullable Connection connection;
    private @Nullable ChainHead head;
    private @Nullable InDoubt inDoubt;

    private JdbcRecordSink(Builder b) throws SQLException {
        this.source = b.source;
        this.logName = b.logName;
        this.writeTimeout = b.writeTimeout;
        this.clock = b.clock;
        this.retention = b.retention;
        if (b.createSchema) {
            createSchema(source);
        }
        this.keys = b.keys;
        ThreadFactory threads = b.threads != null ? b.threads : BatchWriter.daemonThreads("consent4j-records-db-" + logName);
        this.core = new SinkCore("consent record database log '" + logName + "'", new Handler(), b.maxQueued, b.maxBatch,
                threads, b.idempotenceWindow, b.scheduler, writeTimeout);
        this.writer = core.writer();
        this.texts = new JdbcTextsArchive(source, clock);
    }

    /** Starts the writer and the retention schedule once the sink is fully built. */
    private JdbcRecordSink start() {
        core.start();
        if (retention != null) {
            core.retain(retention, clock, this::purgeBefore);
        }
        return this;
    }

    /** The texts archive in the table {@code consent_texts}. */
    @Override
    public Optional<TextsArchive> textsArchive() {
        return Optional.of(texts);
    }

    /** Appends answered from the idempotence window or found in the table (the same record id already written). */
    public long duplicates() {
        return core.duplicates();
    }

    /** A builder writing through {@code dataSource} (a pool, or the driver's own simple data source). */
    public static Builder builder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new Builder(dataSource::getConnection);
    }

    /** A builder writing through connections from {@code source}. */
    public static Builder builder(ConnectionSource source) {
        return new Builder(Objects.requireNonNull(source, "source"));
    }

    /** The PostgreSQL DDL of the two tables and their indexes (the resource {@code org/consent4j/records/jdbc/postgresql.sql}). */
    public static String postgresqlSchema() {
        try (InputStream in = JdbcRecordSink.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + SCHEMA_RESOURCE + " is missing from the consent4j jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@link #postgresqlSchema()} (idempotent: {@code CREATE … IF NOT EXISTS}).
     *
     * @throws SQLException if a statement fails
     */
    public static void createSchema(ConnectionSource source) throws SQLException {
        try (Connection c = source.get(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String sql : statements(postgresqlSchema())) {
                st.execute(sql);
            }
        }
    }

    private static List<String> statements(String script) {
        StringBuilder clean = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            clean.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String s : clean.toString().split(";")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ writing

    /**
     * Appends a record and returns once it is committed.
     *
     * @throws RecordWriteException if it could not be committed within the write timeout
     */
    @Override
    public void append(ConsentRecord record) {
        appendChained(record);
    }

    /**
     * Appends a record and returns its chained form once it is committed.
     *
     * @throws RecordWriteException if it could not be committed within the write timeout
     */
    public ChainedRecord appendChained(ConsentRecord record) {
        return core.append(record).chained();
    }

    /** Counters: queued, written, failed, rejected. */
    public SinkMetrics metrics() {
        return core.metrics();
    }

    /** The name of the log this sink appends to. */
    public String logName() {
        return logName;
    }

    /** Writes every queued record (while the database allows within their timeouts), then closes the connection. */
    @Override
    public void close() {
        core.close(writeTimeout.plusSeconds(10), writeTimeout.plusSeconds(10));
    }

    private final class Handler implements BatchWriter.Handler {
        @Override
        public void write(List<BatchWriter.Pending> group) {
            List<BatchWriter.Pending> live = new ArrayList<>(group);
            boolean isolate = false;
            long backoff = 20;
            while (true) {
                try {
                    resolveInDoubt();
                    live.removeIf(CompletableFuture::isDone);
                    if (live.isEmpty()) {
                        return;
                    }
                    List<BatchWriter.Pending> attempt = isolate ? List.of(live.get(0)) : live;
                    if (!writeAll(attempt)) {
                        continue; // another writer moved the head: chain again from the new head
                    }
                    if (!isolate) {
                        return;
                    }
                } catch (SQLException e) {
                    reset();
                    if (isDataError(e) && !isolate && live.size() > 1) {
                        isolate = true; // find the record the database refuses, write the others
                        continue;
                    }
                    if (isDataError(e)) {
                        writer.fail(live.get(0), new RecordWriteException("the database refused the consent record: "
                                + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e));
                        continue;
                    }
                    logFailure(e, live.size());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 1000);
                } catch (RuntimeException e) {
                    reset(); // never keep a connection in an unknown transaction state
                    throw e;
                }
            }
        }

        @Override
        public void shutdown() {
            reset();
        }
    }

    private Connection connection() throws SQLException {
        Connection c = connection;
        if (c == null) {
            c = source.get();
            c.setAutoCommit(false);
            try {
                c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, writeTimeout.toMillis() * 2));
            } catch (SQLFeatureNotSupportedException e) {
                // the driver's own timeouts apply
            }
            connection = c;
        }
        return c;
    }

    private void reset() {
        Connection c = connection;
        connection = null;
        head = null;
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is being dropped
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is being dropped
            }
        }
    }

    /** Writes one group in one transaction; false when another writer moved the head first. */
    private boolean writeAll(List<BatchWriter.Pending> all) throws SQLException {
        Connection c = connection();
        List<BatchWriter.Pending> group = withoutWritten(c, all);
        if (group.isEmpty()) {
            return true;
        }
        if (head == null) {
            head = loadHead(c, logName);
        }
        ChainHead start = head;
        ChainHead h = start;
        Entry[] entries = new Entry[group.size()];
        String[] lines = new String[group.size()];
        for (int i = 0; i < entries.length; i++) {
            BatchWriter.Pending p = group.get(i);
            EntryCodec.Sealed sealed = EntryCodec.seal(h.seq() + 1, h.hash(), p.body, keys);
            entries[i] = new Entry(h.seq() + 1, h.hash(), p.payload, sealed.hash(), sealed.mac());
            lines[i] = new String(sealed.line(), 0, sealed.line().length - 1, StandardCharsets.UTF_8);
            h = entries[i].head();
        }
        if (!moveHead(c, logName, start, h)) {
            c.rollback();
            head = null;
            return false;
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i = 0; i < entries.length; i++) {
                bind(insert, logName, entries[i], lines[i]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        inDoubt = new InDoubt(List.copyOf(group), entries);
        c.commit();
        inDoubt = null;
        head = h;
        acknowledge(c, group, entries);
        return true;
    }

    /**
     * Releases the callers of a committed batch; records whose callers had already given up (the commit
     * outlived their timeout) are voided in the chain at once, so the log holds exactly what was
     * acknowledged.
     */
    private void acknowledge(Connection c, List<BatchWriter.Pending> group, Entry[] entries) throws SQLException {
        List<VoidMarker.Voided> refused = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            if (!writer.succeed(group.get(i), entries[i]) && entries[i].isRecord()) {
                refused.add(new VoidMarker.Voided(entries[i].seq(), entries[i].hash()));
            }
        }
        head = entries[entries.length - 1].head();
        if (refused.isEmpty()) {
            return;
        }
        LOG.warn("consent record database log '{}': {} record(s) were committed after their appends timed out; "
                + "voiding them (first seq {})", logName, refused.size(), refused.get(0).seq());
        for (int attempt = 0; ; attempt++) {
            try {
                ChainHead h = lockHead(c, logName);
                Instant now = clock.instant();
                appendMarker(c, logName, h, new VoidMarker(RecordIds.next(now), now, refused,
                        "the commit outlived the append timeout: the choice was refused (not acknowledged)"));
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE consent_records SET voided = TRUE WHERE log_id = ? AND seq = ?")) {
                    for (VoidMarker.Voided v : refused) {
                        st.setString(1, logName);
                        st.setLong(2, v.seq());
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                c.commit();
                head = null; // reload: the marker moved it
                return;
            } catch (SQLException e) {
                c.rollback();
                if (attempt >= 5) {
                    LOG.error("consent record database log '{}': cannot write the void marker for {} refused record(s) "
                            + "(first seq {}): {}; those records stay although their choices were not acknowledged",
                            logName, refused.size(), refused.get(0).seq(), e.getMessage(), e);
                    throw e;
                }
                sleep(50L << attempt);
            }
        }
    }

    /**
     * Idempotence across restarts and instances: records whose id the table already holds (not voided)
     * are answered with the stored entry and not written again.
     */
    private List<BatchWriter.Pending> withoutWritten(Connection c, List<BatchWriter.Pending> group) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (BatchWriter.Pending p : group) {
            if (p.payload instanceof ConsentRecord r) {
                ids.add(r.id().toString());
            }
        }
        if (ids.isEmpty()) {
            return group;
        }
        java.util.Map<String, Entry> found = new java.util.HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT record_id, seq, prev, hash FROM consent_records "
                + "WHERE record_id = ANY(?) AND entry_type = 'consent' AND NOT voided")) {
            st.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new Entry(rs.getLong(2), rs.getString(3).trim(), "", rs.getString(4).trim()));
                }
            }
        }
        c.rollback();
        if (found.isEmpty()) {
            return group;
        }
        List<BatchWriter.Pending> rest = new ArrayList<>(group.size());
        for (BatchWriter.Pending p : group) {
            Entry e = p.payload instanceof ConsentRecord r ? found.get(r.id().toString()) : null;
            if (e == null) {
                rest.add(p);
            } else {
                writer.succeed(p, new Entry(e.seq(), e.prev(), p.payload, e.hash()));
            }
        }
        return rest;
    }

    /** After a failed commit: if the batch did reach the database, its records are written. */
    private void resolveInDoubt() throws SQLException {
        InDoubt d = inDoubt;
        if (d == null) {
            return;
        }
        Connection c = connection();
        Entry last = d.entries()[d.entries().length - 1];
        boolean committed;
        try (PreparedStatement st = c.prepareStatement(HASH_AT)) {
            st.setString(1, logName);
            st.setLong(2, last.seq());
            try (ResultSet rs = st.executeQuery()) {
                committed = rs.next() && last.hash().equals(rs.getString(1));
            }
        }
        c.rollback();
        inDoubt = null;
        if (committed) {
            LOG.info("consent record database log '{}': a batch whose commit reported an error was committed after all", logName);
            acknowledge(c, d.pendings(), d.entries());
        }
    }

    private static ChainHead loadHead(Connection c, String log) throws SQLException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<ChainHead> found = selectHead(c, log);
            if (found.isPresent()) {
                c.commit();
                return found.get();
            }
            try (PreparedStatement st = c.prepareStatement(INSERT_HEAD)) {
                st.setString(1, log);
                st.setString(2, EntryCodec.GENESIS);
                st.executeUpdate();
                c.commit();
                return ChainHead.EMPTY;
            } catch (SQLException e) {
                c.rollback();
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // another writer created it first: read it
            }
        }
        throw new SQLException("cannot read or create the head row of consent record log '" + log + "'");
    }

    private static Optional<ChainHead> selectHead(Connection c, String log) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SELECT_HEAD)) {
            st.setString(1, log);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ChainHead(rs.getLong(1), rs.getString(2).trim()));
            }
        }
    }

    private static boolean moveHead(Connection c, String log, ChainHead from, ChainHead to) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(MOVE_HEAD)) {
            st.setLong(1, to.seq());
            st.setString(2, to.hash());
            st.setString(3, log);
            st.setLong(4, from.seq());
            st.setString(5, from.hash());
            return st.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement st, String log, Entry e, String line) throws SQLException {
        Object payload = e.payload();
        st.setString(1, log);
        st.setLong(2, e.seq());
        st.setString(3, e.prev());
        st.setString(4, e.hash());
        st.setObject(8, OffsetDateTime.ofInstant(EntryCodec.timestamp(payload), ZoneOffset.UTC));
        st.setString(21, line);
        if (payload instanceof ConsentRecord r) {
            st.setString(5, EntryCodec.CONSENT);
            st.setString(6, r.id().toString());
            st.setString(7, column(r.subjectId()));
            st.setString(9, column(r.jurisdiction()));
            st.setString(10, r.regime().name());
            st.setString(11, column(EntryCodec.jsonArray(r.laws())));
            st.setString(12, column(r.catalogRevision()));
            st.setString(13, column(EntryCodec.jsonChoices(r.categories())));
            st.setString(14, column(EntryCodec.jsonChoices(r.services())));
            st.setString(15, r.method().name());
            st.setBoolean(16, r.gpc());
            st.setString(17, column(r.locale()));
            st.setString(18, column(r.textsHash()));
            st.setString(19, column(r.clientAddress()));
            st.setString(20, column(r.userAgent()));
            return;
        }
        st.setString(5, typeOf(payload));
        st.setString(6, (payload instanceof ErasureMarker m ? m.id() : payload instanceof VoidMarker v ? v.id()
                : ((RetentionMarker) payload).id()).toString());
        for (int i : new int[] {7, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20}) {
            st.setNull(i, java.sql.Types.VARCHAR);
        }
        st.setNull(16, java.sql.Types.BOOLEAN);
    }

    private static String typeOf(Object payload) {
        return payload instanceof ConsentRecord ? EntryCodec.CONSENT : payload instanceof ErasureMarker ? EntryCodec.ERASURE
                : payload instanceof VoidMarker ? EntryCodec.VOID : EntryCodec.RETENTION;
    }

    /** Text for a query column: PostgreSQL text cannot hold NUL, so it becomes U+FFFD (the entry column keeps the truth). */
    static String column(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || (state.startsWith("23") && !state.equals("23505")));
    }

    private void logFailure(SQLException e, int waiting) {
        core.logFailure("consent record database log '" + logName + "': cannot write " + waiting + " record(s), retrying "
                + "until their timeout: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------ the log

    /**
     * Verifies every log in the table: the chain of each, that each row's columns agree with its entry,
     * and that each log's head row names its last entry (so rows cut from the end are detected). Counts
     * are totals; the head is this sink's log's; the problem is the first found.
     */
    @Override
    public ChainReport verify() {
        try (Connection c = source.get()) {
            c.setAutoCommit(false);
            long entries = 0;
            long records = 0;
            long markers = 0;
            ChainHead own = ChainHead.EMPTY;
            ChainProblem problem = null;
            for (String log : logs(c)) {
                ChainReport r = verify(c, log);
                entries += r.entries();
                records += r.records();
                markers += r.markers();
                if (log.equals(logName)) {
                    own = r.head();
                }
                if (problem == null && r.problem().isPresent()) {
                    problem = r.problem().get();
                }
            }
            c.rollback();
            return new ChainReport(entries, records, markers, own, Optional.ofNullable(problem));
        } catch (SQLException e) {
            throw new RecordWriteException("cannot read consent records to verify them: " + e.getMessage(), e);
        }
    }

    /** Verifies one log, as {@link #verify()} does for each. */
    public ChainReport verify(String log) {
        try (Connection c = source.get()) {
            c.setAutoCommit(false);
            ChainReport r = verify(c, log);
            c.rollback();
            return r;
        } catch (SQLException e) {
            throw new RecordWriteException("cannot read consent records to verify them: " + e.getMessage(), e);
        }
    }

    private ChainReport verify(Connection c, String log) throws SQLException {
        Optional<ChainHead> headRow = selectHead(c, log);
        Set<String> anchors = headRow.filter(h -> h.seq() > 0).map(h -> Set.of(h.hash())).orElse(Set.of());
        ChainVerifier verifier = new ChainVerifier(anchors, keys);
        long lastSeq = 0;
        try (PreparedStatement st = c.prepareStatement("SELECT seq, prev, hash, entry_type, subject_id, entry "
                + "FROM consent_records WHERE log_id = ? ORDER BY seq")) {
            st.setFetchSize(1000);
            st.setString(1, log);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next() && !verifier.stopped()) {
                    long seq = rs.getLong(1);
                    String location = "log " + log + " seq " + seq;
                    Entry e;
                    try {
                        e = EntryCodec.read(rs.getString(6));
                    } catch (EntryFormatException ex) {
                        verifier.problem(new ChainProblem(ex.kind(), location, Objects.requireNonNullElse(ex.getMessage(), ex.toString())));
                        break;
                    }
                    String mismatch = mismatch(e, seq, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    if (mismatch != null) {
                        verifier.problem(new ChainProblem(ChainProblem.Kind.COLUMN_MISMATCH, location,
                                "the row's " + mismatch + " disagrees with the entry it stores"));
                        break;
                    }
                    verifier.entry(location, e);
                    lastSeq = seq;
                }
            }
        }
        if (headRow.isPresent() && lastSeq > headRow.get().seq()) {
            verifier.problem(new ChainProblem(ChainProblem.Kind.OUT_OF_ORDER, "log " + log + " seq " + lastSeq,
                    "the log's head row says seq " + headRow.get().seq() + ", but entries continue to seq " + lastSeq
                            + ": rows were added without moving the head"));
        }
        return verifier.finish();
    }

    private static @Nullable String mismatch(Entry e, long seq, String prev, String hash, String type, @Nullable String subject) {
        if (e.seq() != seq) {
            return "seq";
        }
        if (!e.prev().equals(prev.trim())) {
            return "prev";
        }
        if (!e.hash().equals(hash.trim())) {
            return "hash";
        }
        String expectedType = typeOf(e.payload());
        if (!expectedType.equals(type)) {
            return "entry_type";
        }
        if (e.payload() instanceof ConsentRecord r && !column(r.subjectId()).equals(subject)) {
            return "subject_id";
        }
        return null;
    }

    private static List<String> logs(Connection c) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT log_id FROM consent_record_logs")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT log_id FROM consent_records")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Every record of the subject across all logs in the table, by log then seq. */
    @Override
    public List<ChainedRecord> export(String subjectId) {
        try (Connection c = source.get()) {
            c.setAutoCommit(false);
            List<ChainedRecord> out = new ArrayList<>();
            for (LoggedEntry e : subjectEntries(c, subjectId, null)) {
                if (!e.voided()) {
                    out.add(e.entry().chained());
                }
            }
            c.rollback();
            return out;
        } catch (SQLException e) {
            throw new RecordWriteException("cannot read consent records to export them: " + e.getMessage(), e);
        }
    }

    private record LoggedEntry(String log, Entry entry, boolean voided) {
    }

    /** The subject's consent entries, in log and seq order; only one log's when given. */
    private static List<LoggedEntry> subjectEntries(Connection c, String subjectId, @Nullable String onlyLog) throws SQLException {
        List<LoggedEntry> out = new ArrayList<>();
        String sql = "SELECT log_id, seq, entry, voided FROM consent_records WHERE subject_id = ? AND entry_type = ?"
                + (onlyLog != null ? " AND log_id = ?" : "") + " ORDER BY log_id, seq";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, column(subjectId));
            st.setString(2, EntryCodec.CONSENT);
            if (onlyLog != null) {
                st.setString(3, onlyLog);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Entry e;
                    try {
                        e = EntryCodec.parse(rs.getString(3));
                    } catch (EntryFormatException ex) {
                        throw new SQLException("the entry of log " + rs.getString(1) + " seq " + rs.getLong(2)
                                + " cannot be read (" + ex.getMessage() + "); verify the log");
                    }
                    if (e.record().subjectId().equals(subjectId)) {
                        out.add(new LoggedEntry(rs.getString(1), e, rs.getBoolean(4)));
                    }
                }
            }
        }
        return out;
    }

    /** Erases the subject's records from every log in the table, each log in one transaction. */
    @Override
    public int erase(String subjectId) {
        try (Connection c = source.get()) {
            c.setAutoCommit(false);
            Set<String> logs = new TreeSet<>();
            subjectEntries(c, subjectId, null).forEach(e -> logs.add(e.log()));
            c.rollback();
            int total = 0;
            for (String log : logs) {
                total += eraseIn(c, log, subjectId);
            }
            return total;
        } catch (SQLException e) {
            throw new RecordWriteException("erasure failed: " + e.getMessage() + "; logs already done stay erased, "
                    + "run the erasure again for the rest", e);
        }
    }

    private int eraseIn(Connection c, String log, String subjectId) throws SQLException {
        try {
            ChainHead h = lockHead(c, log);
            List<Entry> entries = new ArrayList<>();
            subjectEntries(c, subjectId, log).forEach(e -> entries.add(e.entry()));
            if (entries.isEmpty()) {
                c.rollback();
                return 0;
            }
            List<RemovedEntry> removed = new ArrayList<>();
            for (Entry e : entries) {
                removed.add(new RemovedEntry(e.seq(), e.prev(), e.hash()));
            }
            Instant now = clock.instant();
            Entry marker = appendMarker(c, log, h, new ErasureMarker(RecordIds.next(now), now,
                    EntryCodec.subjectDigest(subjectId), removed));
            try (PreparedStatement st = c.prepareStatement("DELETE FROM consent_records WHERE log_id = ? AND seq = ?")) {
                for (Entry e : entries) {
                    st.setString(1, log);
                    st.setLong(2, e.seq());
                    st.addBatch();
                }
                st.executeBatch();
            }
            c.commit();
            LOG.info("consent record database log '{}': erased {} record(s) of one subject; erasure marker at seq {}",
                    log, removed.size(), marker.seq());
            return removed.size();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Purges entries before {@code cutoff} from the start of every log in the table, each in one transaction. */
    @Override
    public long purgeBefore(Instant cutoff) {
        try (Connection c = source.get()) {
            c.setAutoCommit(false);
            List<String> logs = logs(c);
            c.rollback();
            long total = 0;
            for (String log : logs) {
                total += purgeIn(c, log, cutoff);
            }
            return total;
        } catch (SQLException e) {
            throw new RecordWriteException("purge failed: " + e.getMessage() + "; run it again", e);
        }
    }

    private long purgeIn(Connection c, String log, Instant cutoff) throws SQLException {
        try {
            ChainHead h = lockHead(c, log);
            long anchorSeq = h.seq() + 1;
            String anchorPrev = h.hash();
            // The first entry (lowest seq) that is not older than the cutoff.
            try (PreparedStatement st = c.prepareStatement("SELECT seq, prev FROM consent_records WHERE log_id = ? "
                    + "AND seq = (SELECT MIN(seq) FROM consent_records WHERE log_id = ? AND recorded_at >= ?)")) {
                st.setString(1, log);
                st.setString(2, log);
                st.setObject(3, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        anchorSeq = rs.getLong(1);
                        anchorPrev = rs.getString(2).trim();
                    }
                }
            }
            long removed;
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM consent_records WHERE log_id = ? AND seq < ?")) {
                st.setString(1, log);
                st.setLong(2, anchorSeq);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    removed = rs.getLong(1);
                }
            }
            if (removed == 0) {
                c.rollback();
                return 0;
            }
            Instant now = clock.instant();
            appendMarker(c, log, h, new RetentionMarker(RecordIds.next(now), now, cutoff, anchorSeq, anchorPrev, removed));
            try (PreparedStatement st = c.prepareStatement("DELETE FROM consent_records WHERE log_id = ? AND seq < ?")) {
                st.setString(1, log);
                st.setLong(2, anchorSeq);
                st.executeUpdate();
            }
            c.commit();
            LOG.info("consent record database log '{}': purged {} entries before {}; the log now starts at seq {}",
                    log, removed, cutoff, anchorSeq);
            return removed;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Takes the log's head row lock for this transaction and returns the head. */
    private static ChainHead lockHead(Connection c, String log) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(LOCK_HEAD)) {
            st.setString(1, log);
            if (st.executeUpdate() != 1) {
                throw new SQLException("consent record log '" + log + "' has no head row in consent_record_logs; "
                        + "its rows were written by something else than the sink");
            }
        }
        return selectHead(c, log).orElseThrow();
    }

    private Entry appendMarker(Connection c, String log, ChainHead h, Object marker) throws SQLException {
        EntryCodec.Sealed sealed = EntryCodec.seal(h.seq() + 1, h.hash(), EntryCodec.body(marker), keys);
        Entry e = new Entry(h.seq() + 1, h.hash(), marker, sealed.hash(), sealed.mac());
        if (!moveHead(c, log, h, e.head())) {
            throw new SQLException("the head of consent record log '" + log + "' moved while it was locked");
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            bind(st, log, e, new String(sealed.line(), 0, sealed.line().length - 1, StandardCharsets.UTF_8));
            st.executeUpdate();
        }
        return e;
    }

    @Override
    public ChainHead head() {
        try (Connection c = source.get()) {
            ChainHead h = selectHead(c, logName).orElse(ChainHead.EMPTY);
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return h;
        } catch (SQLException e) {
            throw new RecordWriteException("cannot read the head of consent record log '" + logName + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcRecordSink[" + logName + "]";
    }

    /** Configures a {@link JdbcRecordSink}. Not thread-safe. */
    public static final class Builder {
        private final ConnectionSource source;
        private String logName = "default";
        private Duration writeTimeout = Duration.ofSeconds(5);
        private int maxQueued = 65_536;
        private int maxBatch = 1_000;
        private @Nullable Duration retention;
        private boolean createSchema;
        private Clock clock = Clock.systemUTC();
        private @Nullable RecordKeys keys;
        private @Nullable ThreadFactory threads;
        private @Nullable ScheduledExecutorService scheduler;
        private int idempotenceWindow = 65_536;

        private Builder(ConnectionSource source) {
            this.source = source;
        }

        /** The log this sink appends to; default {@code default}. At most 100 characters. */
        public Builder logName(String logName) {
            if (logName.isEmpty() || logName.length() > 100) {
                throw new IllegalArgumentException("logName must be 1 to 100 characters, was '" + logName + "'");
            }
            this.logName = logName;
            return this;
        }

        /** How long {@code append} waits for its commit before failing; default 5 s. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = BuilderChecks.positive("writeTimeout", timeout);
            return this;
        }

        /** How many records may wait for the writer before appends are refused; default 65,536. */
        public Builder maxQueued(int maxQueued) {
            this.maxQueued = BuilderChecks.atLeastOne("maxQueued", maxQueued);
            return this;
        }

        /** The most records written in one transaction; default 1,000. */
        public Builder maxBatch(int maxBatch) {
            this.maxBatch = BuilderChecks.atLeastOne("maxBatch", maxBatch);
            return this;
        }

        /** Purge entries older than {@code maxAge} from every log, at open and hourly; off by default. */
        public Builder retention(Duration maxAge) {
            this.retention = BuilderChecks.positive("retention", maxAge);
            return this;
        }

        /** Run the bundled PostgreSQL DDL on open (idempotent); off by default, for hosts that manage their schema. */
        public Builder createSchema(boolean createSchema) {
            this.createSchema = createSchema;
            return this;
        }

        /** The clock for marker timestamps and retention; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the sink. It does not need the database until the first write, except to create the
         * schema when asked.
         *
         * @throws SQLException if the schema was to be created and could not be
         */
        public JdbcRecordSink open() throws SQLException {
            return new JdbcRecordSink(this).start();
        }

        /** Authenticate every entry with the records keys (an HMAC of its hash); verify checks them. Off by default. */
        public Builder keys(RecordKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Makes the sink's threads (the writer, and the scheduler unless given); default daemon threads. */
        public Builder threadFactory(ThreadFactory threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /** Runs retention on the host's scheduler (the sink does not shut it down); by default its own. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * How many recent record ids the writer remembers besides the table's unique index, to answer a
         * repeated append without a query; default 65,536.
         */
        public Builder idempotenceWindow(int ids) {
            this.idempotenceWindow = BuilderChecks.atLeastOne("idempotenceWindow", ids);
            return this;
        }
    }
}
