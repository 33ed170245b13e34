package org.consent4j.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.consent4j.records.internal.SinkSchedule;
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
import org.consent4j.records.internal.LineReader;
import org.consent4j.records.internal.BuilderChecks;
import org.consent4j.records.internal.RecordIds;
import org.consent4j.records.internal.EntryFormatException;

/**
 * The embedded default sink: an append-only, hash-chained JSON Lines log in a directory, durable before
 * it acknowledges.
 *
 * <p>{@link #append} returns only after the record's line has been written and the file forced to disk
 * ({@code fdatasync}); it throws {@link RecordWriteException} when that fails (disk full, I/O error) or
 * does not happen within the write timeout, so the choice is not acknowledged. Concurrent appends share
 * writes and forces (group commit): one writer thread chains and writes every waiting record as a group,
 * and a few syncer threads force the file with overlapping calls (most disks finish overlapping flushes
 * much faster than one after another); a group's callers are released once a force that began after
 * the group was written has returned. If a force fails, every record not yet acknowledged is failed and
 * the file is cut back to the last acknowledged entry.
 *
 * <p>The log is a series of segment files {@code <base>-000001.jsonl}, {@code <base>-000002.jsonl}, …,
 * rotated by size and optionally by day; the chain continues across segments. A crash can leave at most
 * an incomplete last line (never acknowledged): on open it is reported in the log, moved to a side file
 * {@code <segment>.torn-<millis>} and cut from the segment, so the log stays verifiable.
 *
 * <p>One sink in one process writes a log: opening takes an exclusive lock on {@code <base>.lock} in the
 * directory, and a second open fails until the first sink is closed.
 *
 * <p>Also a {@link ConsentRecordLog}: verification, export, erasure and purging run alongside appends.
 * Retention by age is off by default. Thread-safe. Close it on shutdown: queued records are written first.
 */
public final class JsonLinesRecordSink implements ConsentRecordSink, ConsentRecordLog {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesRecordSink.class);
    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int BUFFER = 1 << 20;
    /** Forces in flight at once: many disks complete overlapping flushes far faster than one after another. */
    private static final int SYNCERS = 4;

    private record Snapshot(List<Path> segments, long activeLimit, ChainHead head, FileChannel activeChannel) {
        Map<Path, Long> limits() {
            return segments.isEmpty() ? Map.of() : Map.of(segments.get(segments.size() - 1), activeLimit);
        }
    }

    private final Path directory;
    private final String baseName;
    private final Pattern segmentPattern;
    private final long rotateBytes;
    private final @Nullable ZoneId rotateDailyZone;
    private final @Nullable Duration retention;
    private final Duration writeTimeout;
    private final Clock clock;
    private final BatchWriter writer;
    private final ReentrantLock admin = new ReentrantLock();
    private final List<Path> recoveredTails = new ArrayList<>();
    private final @Nullable RecordKeys keys;
    private final Duration adminTimeout;
    private final ThreadFactory threads;
    private final SinkSchedule schedule;
    private final Duration checkpointEvery;
    private final @Nullable CheckpointPublisher checkpointPublisher;
    private final Forcer forcer;
    private final DirectoryTextsArchive texts;
    private final List<FileChannel> retired = new ArrayList<>();
    private final List<VoidMarker> lateVoids = new ArrayList<>();
    private @Nullable ChainHead lastCheckpoint;
    private volatile Snapshot snapshot;
    private final Path claim;
    private static final Set<Path> OPEN_LOGS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    // Owned by the writer thread after open; segments, channel and active also change under sync.
    private final List<Path> segments = new ArrayList<>();
    private FileChannel channel;
    private Path active;
    private long activeNumber;
    private long written;
    private LocalDate segmentDay;
    private ChainHead head;
    private boolean broken;
    private long groupIds;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    private long lastErrorLog;
    private long suppressedErrors;

    /** A group written to the file and waiting for a force that began after its write. */
    private record WrittenGroup(long id, List<BatchWriter.Pending> pendings, Entry[] entries, long end, ChainHead head) {
    }

    // Shared by the writer thread and the syncers, guarded by the lock sync.
    private final ReentrantLock sync = new ReentrantLock();
    /** Signalled (one syncer at a time) when there is something written that no force covers yet. */
    private final Condition work = sync.newCondition();
    /** Signalled when a force finishes or fails, for the writer waiting to drain. */
    private final Condition progress = sync.newCondition();
    private final ArrayDeque<WrittenGroup> unsynced = new ArrayDeque<>();
    private final List<Thread> syncers = new ArrayList<>();
    private final java.util.concurrent.atomic.LongAdder voidedCount = new java.util.concurrent.atomic.LongAdder();
    private long writtenGroup;
    private long coveredGroup;
    private long durableGroup;
    private int syncing;
    private @Nullable IOException syncFailure;
    private boolean stopping;
    private long durableEnd;
    private ChainHead durableHead;

    /** Forces a channel to disk; the default is {@code channel.force(false)} ({@code fdatasync}). */
    @FunctionalInterface
    interface Forcer {
        void force(FileChannel channel) throws IOException;
    }

    @SuppressWarnings("NullAway.Init") // openLog() sets the writer thread's fields (channel, active, head...) before it returns
    private JsonLinesRecordSink(Builder b) throws IOException {
        this.directory = b.directory;
        this.baseName = b.baseName;
        this.segmentPattern = Pattern.compile(Pattern.quote(baseName) + "-(\\d{6,})\\.jsonl");
        this.rotateBytes = b.rotateBytes;
        this.rotateDailyZone = b.rotateDailyZone;
        this.retention = b.retention;
        this.writeTimeout = b.writeTimeout;
        this.adminTimeout = b.adminTimeout;
        this.clock = b.clock;
        this.keys = b.keys;
        this.threads = b.threads != null ? b.threads : BatchWriter.daemonThreads("consent4j-records-" + b.baseName);
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointPublisher = b.checkpointPublisher;
        this.forcer = b.forcer;
        Files.createDirectories(directory);
        this.texts = new DirectoryTextsArchive(directory.resolve(baseName + "-texts"));
        // In this JVM the log is claimed before any descriptor of it is opened: closing a descriptor of the
        // locked segment, even after a failed attempt, would release the process's lock on it.
        this.claim = directory.toRealPath().resolve(baseName);
        if (!OPEN_LOGS.add(claim)) {
            throw new IOException("the consent record log " + directory.resolve(baseName) + " is already open in this "
                    + "process; one sink in one process writes a log");
        }
        try {
            openLog();
        } catch (IOException | RuntimeException e) {
            OPEN_LOGS.remove(claim);
            throw e;
        }
        this.writer = new BatchWriter("consent record log " + directory.resolve(baseName), new Handler(), b.maxQueued, 8192,
                threads, b.idempotenceWindow);
        this.schedule = new SinkSchedule("consent record log " + directory.resolve(baseName), b.scheduler, threads);
    }

    /** Starts the threads once the sink is fully built (never from the constructor). */
    private JsonLinesRecordSink start() {
        rememberRecentIds();
        for (int i = 0; i < SYNCERS; i++) {
            Thread t = threads.newThread(this::syncLoop);
            syncers.add(t);
            t.start();
        }
        writer.start();
        LOG.info("consent record log {}: {} segment(s), head seq {} hash {}{}", directory.resolve(baseName),
                segments.size(), head.seq(), head.hash(), keys == null ? "" : ", signed with records key " + keys.signingKeyId());
        if (retention != null) {
            long every = Math.max(1, Math.min(Duration.ofHours(1).toSeconds(), retention.toSeconds()));
            schedule.every(Duration.ofSeconds(every), true, this::applyRetention);
        }
        if (keys != null) {
            schedule.every(checkpointEvery, false, this::checkpoint);
        }
        return this;
    }

    /**
     * Fills the idempotence window with the consent records of the active segment (read through the
     * locked channel), leaving out voided ones.
     */
    private void rememberRecentIds() {
        java.util.Map<Long, Entry> seen = new LinkedHashMap<>();
        try (LineReader reader = new LineReader(channel, written)) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                String text = line.text();
                if (text == null || !line.terminated()) {
                    continue;
                }
                try {
                    Entry e = EntryCodec.parse(text);
                    if (e.isRecord()) {
                        seen.put(e.seq(), e);
                    } else if (e.payload() instanceof VoidMarker m) {
                        m.voided().forEach(v -> seen.remove(v.seq()));
                    }
                } catch (EntryFormatException e) {
                    // verify reports it
                }
            }
        } catch (IOException e) {
            LOG.warn("consent record log {}: cannot read the active segment to remember record ids ({}); duplicates "
                    + "of records written before this start are not recognised", directory.resolve(baseName), e.getMessage());
        }
        seen.values().forEach(e -> writer.remember(e.record().id(), e.seq(), e.prev(), e.hash()));
    }

    /** Finds the segments, sets aside a torn tail, reads the head, opens the active segment. */
    private void openLog() throws IOException {
        deleteStaleTemps();
        segments.addAll(listSegments());
        if (segments.isEmpty()) {
            active = segmentPath(1);
            Files.createFile(active);
            fsyncDirectory();
            segments.add(active);
        }
        active = segments.get(segments.size() - 1);
        activeNumber = segmentNumber(active);
        channel = FileChannel.open(active, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            lock(channel, active);
            List<Path> again = listSegments();
            if (!again.get(again.size() - 1).equals(active)) {
                throw new IOException("the consent record log " + directory.resolve(baseName) + " is being written by "
                        + "another process (it started " + again.get(again.size() - 1).getFileName()
                        + "); one sink in one process writes a log");
            }
            setAsideTornTail(channel, active);
            head = findHead();
            segmentDay = dayOf(active);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        Path legacyLock = directory.resolve(baseName + ".lock");
        if (Files.deleteIfExists(legacyLock)) {
            LOG.info("consent record log {}: removed the lock file {} left by an earlier version; the active segment "
                    + "itself is locked now", directory.resolve(baseName), legacyLock.getFileName());
        }
        written = channel.size();
        channel.position(written);
        durableEnd = written;
        durableHead = head;
        publish();
    }

    /**
     * Takes the exclusive lock on a segment through the channel that writes it: the log itself is
     * locked, so no file outside the log can be deleted to let a second writer in. (A POSIX lock: in this
     * process, the segment is only ever read through this channel, as closing any other descriptor of
     * the file would release the lock.)
     */
    private void lock(FileChannel ch, Path segment) throws IOException {
        FileLock acquired;
        try {
            acquired = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            throw new IOException("the consent record log " + directory.resolve(baseName) + " is already open ("
                    + segment.getFileName() + " is locked by another sink or process); one sink in one process writes a log");
        }
    }

    /** Reads a segment: through the locked channel when it is the active one, else from its file. */
    private LineReader reader(Snapshot s, Path segment) throws IOException {
        if (segment.equals(s.segments().get(s.segments().size() - 1))) {
            return new LineReader(s.activeChannel(), s.activeLimit());
        }
        return new LineReader(segment, Long.MAX_VALUE);
    }

    /** Closes channels of segments rotated away; under the admin lock, when no reader can still use them. */
    private void closeRetired() {
        List<FileChannel> old;
        synchronized (retired) {
            old = new ArrayList<>(retired);
            retired.clear();
        }
        for (FileChannel ch : old) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("error closing a rotated segment", e);
            }
        }
    }

    /** A builder for a log kept in {@code directory} (created if missing). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    // ------------------------------------------------------------------------------------------ writing

    /**
     * Appends a record and returns once it is on disk.
     *
     * @throws RecordWriteException if it could not be written and forced within the write timeout
     */
    @Override
    public void append(ConsentRecord record) {
        appendChained(record);
    }

    /**
     * Appends a record and returns its chained form (seq, prev, hash) once it is on disk.
     *
     * @throws RecordWriteException if it could not be written and forced within the write timeout
     */
    public ChainedRecord appendChained(ConsentRecord record) {
        Objects.requireNonNull(record, "record");
        byte[] body;
        try {
            body = EntryCodec.body(record);
        } catch (RuntimeException e) {
            throw new RecordWriteException("cannot serialize consent record " + record.id() + ": " + e.getMessage(), e);
        }
        return writer.submit(record, body, writeTimeout).chained();
    }

    /** Counters: queued, written, failed, rejected. */
    public SinkMetrics metrics() {
        return writer.metrics();
    }

    /** The segment files, oldest first; the last one is being written. */
    public List<Path> segments() {
        return snapshot.segments();
    }

    /** Side files holding incomplete last lines set aside when this sink opened the log; usually none. */
    public List<Path> recoveredTails() {
        return List.copyOf(recoveredTails);
    }

    @Override
    public ChainHead head() {
        return snapshot.head();
    }

    /** Writes every queued record, closes the file, logs the head (keep it elsewhere as an anchor). */
    @Override
    public void close() {
        schedule.close(adminTimeout);
        writer.close(Duration.ofSeconds(30));
        if (keys != null) {
            checkpoint();
        }
        closeRetired();
    }

    /** The records keys' signed statement of the durable head; null without keys. */
    private void checkpoint() {
        RecordKeys k = keys;
        ChainHead h = snapshot.head();
        if (k == null || h.equals(lastCheckpoint)) {
            return;
        }
        Checkpoint c = Checkpoint.sign(k, baseName, h, clock.instant());
        try {
            CheckpointPublisher.appendTo(directory.resolve(baseName + ".checkpoints")).publish(c);
            if (checkpointPublisher != null) {
                checkpointPublisher.publish(c);
            }
            lastCheckpoint = h;
        } catch (IOException | RuntimeException e) {
            LOG.error("consent record log {}: cannot publish the checkpoint at seq {}: {}", directory.resolve(baseName),
                    h.seq(), e.getMessage(), e);
        }
    }

    /** The archive of the texts shown to visitors, in {@code <baseName>-texts/} next to the segments. */
    @Override
    public Optional<TextsArchive> textsArchive() {
        return Optional.of(texts);
    }

    /** How many records were voided because they reached the log after their append had failed. */
    public long voided() {
        return voidedCount.sum();
    }

    /** Appends answered from the idempotence window (the same record id already written). */
    public long duplicates() {
        return writer.duplicates();
    }

    /**
     * Writing, on the writer thread: seal the group onto the chain, write it (no force), and hand it to
     * the syncers. Acknowledgement happens in {@link #syncLoop()}, once a force that began after the
     * write has returned.
     */
    private final class Handler implements BatchWriter.Handler {
        @Override
        public void write(List<BatchWriter.Pending> group) {
            try {
                recoverIfNeeded();
                long estimate = 0;
                for (BatchWriter.Pending p : group) {
                    estimate += p.body.length + 200;
                }
                LocalDate today = rotateDailyZone == null ? segmentDay : LocalDate.ofInstant(clock.instant(), rotateDailyZone);
                if (written > 0 && ((rotateBytes > 0 && written + estimate > rotateBytes) || !today.equals(segmentDay))) {
                    drainSyncs();
                    rotate(today);
                }
            } catch (IOException e) {
                throw failure(group.size(), e);
            }
            long start = written;
            ChainHead h = head;
            Entry[] entries = new Entry[group.size()];
            long end;
            buffer.clear();
            try {
                for (int i = 0; i < entries.length; i++) {
                    BatchWriter.Pending p = group.get(i);
                    EntryCodec.Sealed sealed = EntryCodec.seal(h.seq() + 1, h.hash(), p.body, keys);
                    entries[i] = new Entry(h.seq() + 1, h.hash(), p.payload, sealed.hash(), sealed.mac());
                    h = entries[i].head();
                    put(sealed.line());
                }
                drain();
                end = channel.position();
            } catch (IOException e) {
                rollback(start);
                throw failure(group.size(), e);
            }
            written = end;
            head = h;
            WrittenGroup w = new WrittenGroup(++groupIds, List.copyOf(group), entries, end, h);
            sync.lock();
            try {
                if (syncFailure != null) {
                    // Written on top of data a force failed to make durable: never acknowledge it.
                    RecordWriteException e = failure(group.size(), syncFailure);
                    group.forEach(p -> writer.fail(p, e));
                    return;
                }
                unsynced.addLast(w);
                writtenGroup = w.id();
                work.signal();
            } finally {
                sync.unlock();
            }
        }

        @Override
        public void shutdown() {
            try {
                drainSyncs();
                writeLateVoids();
                drainSyncs();
            } catch (IOException | RuntimeException e) {
                LOG.error("consent record log {}: records still being written at close were not made durable",
                        directory.resolve(baseName), e);
            }
            sync.lock();
            try {
                stopping = true;
                work.signalAll();
            } finally {
                sync.unlock();
            }
            for (Thread t : syncers) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                channel.force(false);
                channel.close(); // releases the lock
            } catch (IOException e) {
                LOG.error("consent record log {}: error closing {}", directory.resolve(baseName), active, e);
            }
            OPEN_LOGS.remove(claim);
            ChainHead last = snapshot.head();
            LOG.info("consent record log {} closed at seq {} hash {} (keep this head elsewhere as an anchor)",
                    directory.resolve(baseName), last.seq(), last.hash());
        }
    }

    /** On the writer thread at close: void markers the queue no longer took. */
    private void writeLateVoids() {
        List<VoidMarker> late;
        sync.lock();
        try {
            late = new ArrayList<>(lateVoids);
            lateVoids.clear();
        } finally {
            sync.unlock();
        }
        for (VoidMarker m : late) {
            BatchWriter.Pending p = new BatchWriter.Pending(m, EntryCodec.body(m));
            new Handler().write(List.of(p)); // failures are logged by the marker's own callback
        }
    }

    /** A syncer: forces whatever was written since the last force began; acknowledges what it covered. */
    private void syncLoop() {
        while (true) {
            long target;
            FileChannel ch;
            sync.lock();
            try {
                while (!stopping && (writtenGroup <= coveredGroup || syncFailure != null)) {
                    work.awaitUninterruptibly();
                }
                if (stopping) {
                    return;
                }
                target = writtenGroup;
                coveredGroup = target;
                syncing++;
                ch = channel;
            } finally {
                sync.unlock();
            }
            IOException failure = null;
            try {
                forcer.force(ch);
            } catch (IOException e) {
                failure = e;
            }
            sync.lock();
            try {
                syncing--;
                if (failure == null) {
                    markDurable(target);
                } else if (target > durableGroup && syncFailure == null) {
                    syncFailure = failure;
                    RecordWriteException e = failure(unsynced.stream().mapToInt(w -> w.pendings().size()).sum(), failure);
                    for (WrittenGroup w : unsynced) {
                        w.pendings().forEach(p -> writer.fail(p, e));
                    }
                    unsynced.clear();
                }
                if (writtenGroup > coveredGroup && syncFailure == null) {
                    work.signal(); // written while this force ran: another force is due
                }
                progress.signalAll();
            } finally {
                sync.unlock();
            }
        }
    }

    /** Under sync: every group up to {@code target} is on disk; publish that, then release its callers, in order. */
    private void markDurable(long target) {
        List<WrittenGroup> done = new ArrayList<>();
        while (!unsynced.isEmpty() && unsynced.peekFirst().id() <= target) {
            WrittenGroup w = unsynced.pollFirst();
            durableEnd = w.end();
            durableHead = w.head();
            done.add(w);
        }
        durableGroup = Math.max(durableGroup, target);
        if (done.isEmpty()) {
            return;
        }
        publish(); // before any caller returns, so what it reads next includes its own record
        List<VoidMarker.Voided> refused = new ArrayList<>();
        for (WrittenGroup w : done) {
            for (int i = 0; i < w.entries().length; i++) {
                if (!writer.succeed(w.pendings().get(i), w.entries()[i]) && w.entries()[i].isRecord()) {
                    refused.add(new VoidMarker.Voided(w.entries()[i].seq(), w.entries()[i].hash()));
                }
            }
        }
        if (!refused.isEmpty()) {
            voidRefused(refused);
        }
    }

    /**
     * Under sync: records that became durable after their callers were told they were not (the write
     * outlived the timeout) get a void marker, so the log holds exactly what was acknowledged.
     */
    private void voidRefused(List<VoidMarker.Voided> refused) {
        Instant now = clock.instant();
        VoidMarker marker = new VoidMarker(RecordIds.next(now), now, refused,
                "the write outlived the append timeout: the choice was refused (not acknowledged)");
        voidedCount.add(refused.size());
        BatchWriter.Pending p = new BatchWriter.Pending(marker, EntryCodec.body(marker));
        p.whenComplete((e, ex) -> {
            if (ex != null) {
                LOG.error("consent record log {}: the void marker for {} refused record(s) at seq {} could not be "
                        + "written ({}); those records stay in the log although their choices were not acknowledged",
                        directory.resolve(baseName), refused.size(), refused.get(0).seq(), ex.getMessage());
            }
        });
        LOG.warn("consent record log {}: {} record(s) reached the disk after their appends timed out; voiding them "
                + "(first seq {})", directory.resolve(baseName), refused.size(), refused.get(0).seq());
        if (!writer.submitLater(p)) {
            lateVoids.add(marker);
        }
    }

    /** On the writer thread: waits until everything written is durable (or a force failed, then recovers). */
    private void drainSyncs() throws IOException {
        sync.lock();
        try {
            while ((!unsynced.isEmpty() || syncing > 0) && syncFailure == null) {
                progress.awaitUninterruptibly();
            }
        } finally {
            sync.unlock();
        }
        recoverIfNeeded();
    }

    /**
     * On the writer thread: after a failed force, cuts the file back to the last durable entry and
     * continues the chain from there; after a failed roll-back, reopens the file and tries again.
     */
    private void recoverIfNeeded() throws IOException {
        IOException failed;
        long end;
        sync.lock();
        try {
            failed = syncFailure;
            if (failed == null && !broken) {
                return;
            }
            while (syncing > 0) {
                progress.awaitUninterruptibly();
            }
            end = durableEnd;
        } finally {
            sync.unlock();
        }
        channel.truncate(end);
        channel.position(end);
        channel.force(false);
        written = end;
        head = snapshot.head();
        broken = false;
        sync.lock();
        try {
            syncFailure = null;
            coveredGroup = writtenGroup;
        } finally {
            sync.unlock();
        }
        if (failed != null) {
            LOG.error("consent record log {}: forcing {} to disk failed ({}); records not yet acknowledged were failed "
                    + "and the file was cut back to seq {}", directory.resolve(baseName), active, failed.getMessage(), head.seq());
        }
    }

    private void put(byte[] line) throws IOException {
        if (line.length > buffer.remaining()) {
            drain();
            if (line.length > buffer.capacity()) {
                ByteBuffer wrap = ByteBuffer.wrap(line);
                while (wrap.hasRemaining()) {
                    channel.write(wrap);
                }
                return;
            }
        }
        buffer.put(line);
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private synchronized RecordWriteException failure(int count, IOException e) {
        String message = String.format(Locale.ROOT,
                "could not write %d consent record(s) to %s: %s; the choices were not acknowledged",
                count, active, e.getMessage() == null ? e.toString() : e.getMessage());
        long now = System.nanoTime();
        if (lastErrorLog == 0 || now - lastErrorLog > TimeUnit.SECONDS.toNanos(10)) {
            LOG.error("{} ({} earlier failures not logged)", message, suppressedErrors, e);
            lastErrorLog = now;
            suppressedErrors = 0;
        } else {
            suppressedErrors++;
        }
        return new RecordWriteException(message, e);
    }

    private void rollback(long start) {
        buffer.clear();
        try {
            channel.truncate(start);
            channel.position(start);
        } catch (IOException e) {
            broken = true;
            LOG.error("consent record log {}: cannot cut a failed write back from {}; will retry before the next write",
                    directory.resolve(baseName), active, e);
        }
    }

    /** On the writer thread, with nothing waiting for a force: starts the next segment. */
    private void rotate(LocalDate today) throws IOException {
        Path next = segmentPath(activeNumber + 1);
        FileChannel created;
        try {
            created = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot rotate: " + next + " already exists but is not part of the log; move it away", e);
        }
        try {
            lock(created, next);
        } catch (IOException e) {
            created.close();
            throw e;
        }
        fsyncDirectory();
        FileChannel old = channel;
        Path closed = active;
        sync.lock();
        try {
            channel = created;
            active = next;
            segments.add(next);
            durableEnd = 0;
            publish();
        } finally {
            sync.unlock();
        }
        synchronized (retired) {
            retired.add(old); // a reader may still use it; closed at the next maintenance or at close
        }
        LOG.info("consent record log {}: segment {} closed at seq {} hash {}", directory.resolve(baseName),
                closed.getFileName(), head.seq(), head.hash());
        activeNumber++;
        written = 0;
        segmentDay = today;
    }

    private void publish() {
        sync.lock();
        try {
            snapshot = new Snapshot(List.copyOf(segments), durableEnd, durableHead, channel);
        } finally {
            sync.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------ the log

    @Override
    public ChainReport verify() {
        admin.lock();
        try {
            Snapshot s = snapshot;
            closeRetired();
            return RecordFiles.verify(s.segments(), p -> reader(s, p), Set.of(), keys);
        } catch (IOException e) {
            throw new RecordWriteException("cannot read the consent record log to verify it: " + e.getMessage(), e);
        } finally {
            admin.unlock();
        }
    }

    @Override
    public List<ChainedRecord> export(String subjectId) {
        admin.lock();
        try {
            Snapshot s = snapshot;
            closeRetired();
            return RecordFiles.export(s.segments(), p -> reader(s, p), subjectId);
        } catch (IOException e) {
            throw new RecordWriteException("cannot read the consent record log to export: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RecordWriteException("cannot export: " + e.getMessage(), e);
        } finally {
            admin.unlock();
        }
    }

    @Override
    public int erase(String subjectId) {
        admin.lock();
        try {
            closeRetired();
            Snapshot s = snapshot;
            String needle = EntryCodec.subjectNeedle(subjectId);
            List<RemovedEntry> removed = new ArrayList<>();
            Map<Path, Set<Long>> drop = new LinkedHashMap<>();
            for (Path segment : s.segments()) {
                try (LineReader reader = reader(s, segment)) {
                    for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                        String text = readable(segment, line);
                        if (!text.contains(needle)) {
                            continue;
                        }
                        Entry e = parse(segment, line, text);
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
            Entry written = writer.submit(marker, EntryCodec.body(marker), writeTimeout);
            for (Map.Entry<Path, Set<Long>> d : drop.entrySet()) {
                Set<Long> lines = d.getValue();
                rewrite(d.getKey(), n -> !lines.contains(n));
            }
            eraseFromRecoveryFiles(subjectId);
            LOG.info("consent record log {}: erased {} record(s) of one subject; erasure marker at seq {}",
                    directory.resolve(baseName), removed.size(), written.seq());
            return removed.size();
        } catch (IOException e) {
            throw new RecordWriteException("erasure failed: " + e.getMessage()
                    + "; records not yet removed stay in the log, run the erasure again", e);
        } finally {
            admin.unlock();
        }
    }

    /**
     * Deletes the side files holding torn last lines ({@code <segment>.torn-*}) that mention the subject:
     * they were never acknowledged, but erasure must not leave the subject's bytes behind.
     */
    private void eraseFromRecoveryFiles(String subjectId) throws IOException {
        byte[] raw = subjectId.getBytes(StandardCharsets.UTF_8);
        String json = EntryCodec.jsonString(subjectId);
        byte[] escaped = json.substring(1, json.length() - 1).getBytes(StandardCharsets.UTF_8);
        List<Path> torn = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().startsWith(baseName + "-")
                    && f.getFileName().toString().contains(".jsonl.torn-")).forEach(torn::add);
        }
        for (Path f : torn) {
            byte[] bytes = Files.readAllBytes(f);
            if (contains(bytes, raw) || contains(bytes, escaped)) {
                Files.delete(f);
                fsyncDirectory();
                recoveredTails.remove(f);
                LOG.info("consent record log {}: erasure deleted the recovery file {} (an unacknowledged torn line "
                        + "that mentioned the subject)", directory.resolve(baseName), f.getFileName());
            }
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        admin.lock();
        try {
            closeRetired();
            Snapshot s = snapshot;
            long removed = 0;
            Path anchorSegment = null;
            long anchorLine = 0;
            Entry anchor = null;
            Map<Path, Long> lastLines = new LinkedHashMap<>();
            scan:
            for (Path segment : s.segments()) {
                try (LineReader reader = reader(s, segment)) {
                    for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                        Entry e = parse(segment, line, readable(segment, line));
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
            writer.submit(marker, EntryCodec.body(marker), writeTimeout);
            // Oldest first: a crash part-way leaves a log that starts later, still before the anchor.
            List<Path> scanned = s.segments();
            for (int i = 0; i < scanned.size(); i++) {
                Path segment = scanned.get(i);
                if (segment.equals(anchorSegment)) {
                    long first = anchorLine;
                    rewrite(segment, n -> n >= first);
                    break;
                }
                Long last = lastLines.get(segment);
                if (last == null) {
                    continue; // an empty segment
                }
                if (i == scanned.size() - 1) {
                    // It may have been written to since the scan (even rotated away): keep what came after.
                    rewrite(segment, n -> n > last);
                } else {
                    deleteClosed(segment); // fully scanned and closed before the scan began
                }
            }
            LOG.info("consent record log {}: purged {} entries before {}; the log now starts at seq {}",
                    directory.resolve(baseName), removed, cutoff, anchorSeq);
            return removed;
        } catch (IOException e) {
            throw new RecordWriteException("purge failed: " + e.getMessage()
                    + "; the log is still verifiable, run the purge again", e);
        } finally {
            admin.unlock();
        }
    }

    private void applyRetention() {
        try {
            Duration maxAge = Objects.requireNonNull(retention);
            purgeBefore(clock.instant().minus(maxAge));
        } catch (RuntimeException e) {
            LOG.error("consent record log {}: retention purge failed: {}", directory.resolve(baseName), e.getMessage(), e);
        }
    }

    private static String readable(Path segment, LineReader.Line line) throws IOException {
        if (!line.terminated()) {
            throw new IOException(segment + ":" + line.number() + " is an incomplete line in a closed segment; run records verify");
        }
        String text = line.text();
        if (text == null) {
            throw new IOException(segment + ":" + line.number() + " is not valid UTF-8; run records verify");
        }
        return text;
    }

    private static Entry parse(Path segment, LineReader.Line line, String text) throws IOException {
        try {
            return EntryCodec.parse(text);
        } catch (EntryFormatException e) {
            throw new IOException(segment + ":" + line.number() + " cannot be read (" + e.getMessage() + "); run records verify");
        }
    }

    /** Rewrites a segment keeping the lines whose number passes {@code keep}; on the writer thread if it is being written. */
    private void rewrite(Path segment, LongPredicate keep) throws IOException {
        boolean done = writer.call(() -> {
            if (!segment.equals(active)) {
                return false;
            }
            drainSyncs();
            // The new file is locked before it replaces the segment, so the log is never unlocked.
            FileChannel reopened = Objects.requireNonNull(rewriteFile(segment, keep, new LineReader(channel, written), true),
                    "a rewrite that keeps the file open returns its channel");
            FileChannel old = channel;
            written = reopened.size();
            reopened.position(written);
            sync.lock();
            try {
                channel = reopened;
                durableEnd = written;
                publish();
            } finally {
                sync.unlock();
            }
            synchronized (retired) {
                retired.add(old); // the replaced file; closed once no reader can use it
            }
            return true;
        }, adminTimeout);
        if (!done) {
            rewriteFile(segment, keep, new LineReader(segment, Long.MAX_VALUE), false);
        }
    }

    private void deleteClosed(Path segment) {
        writer.call(() -> {
            if (segment.equals(active)) {
                throw new IllegalStateException("will not delete " + segment + ": it is being written");
            }
            Files.delete(segment);
            fsyncDirectory();
            sync.lock();
            try {
                segments.remove(segment);
                publish();
            } finally {
                sync.unlock();
            }
            return null;
        }, adminTimeout);
    }

    /** Rewrites through a temporary file moved over the segment; returns the new file's channel, locked, when asked. */
    private @Nullable FileChannel rewriteFile(Path segment, LongPredicate keep, LineReader source, boolean keepOpen)
            throws IOException {
        Path tmp = directory.resolve("." + segment.getFileName() + ".tmp");
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        boolean ok = false;
        try (LineReader reader = source) {
            if (keepOpen) {
                lock(out, tmp);
            }
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                String text = readable(segment, line);
                if (!keep.test(line.number())) {
                    continue;
                }
                byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
                if (bytes.length > buf.remaining()) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    buf.clear();
                }
                if (bytes.length > buf.capacity()) {
                    ByteBuffer wrap = ByteBuffer.wrap(bytes);
                    while (wrap.hasRemaining()) {
                        out.write(wrap);
                    }
                } else {
                    buf.put(bytes);
                }
            }
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(false);
            Files.move(tmp, segment, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory();
            ok = true;
        } finally {
            if (!ok || !keepOpen) {
                out.close();
            }
        }
        return keepOpen ? out : null;
    }

    // ------------------------------------------------------------------------------------------ opening

    private List<Path> listSegments() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> segmentPattern.matcher(f.getFileName().toString()).matches()).forEach(found::add);
        }
        found.sort((a, b) -> Long.compare(segmentNumber(a), segmentNumber(b)));
        return found;
    }

    private long segmentNumber(Path segment) {
        Matcher m = segmentPattern.matcher(segment.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("not a segment of this log: " + segment);
        }
        return Long.parseLong(m.group(1));
    }

    private Path segmentPath(long number) {
        return directory.resolve(String.format(Locale.ROOT, "%s-%06d.jsonl", baseName, number));
    }

    private void deleteStaleTemps() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith("." + baseName + "-") && name.endsWith(".tmp")) {
                    LOG.warn("consent record log {}: removing {} left by an interrupted rewrite (the original is intact)",
                            directory.resolve(baseName), f);
                    Files.delete(f);
                }
            }
        }
    }

    /** Moves an incomplete last line to a side file and cuts it from the segment, reporting it. */
    private void setAsideTornTail(FileChannel ch, Path segment) throws IOException {
        {
            long size = ch.size();
            long end = lastNewline(ch, size) + 1;
            if (end == size) {
                return;
            }
            int torn = (int) Math.min(Integer.MAX_VALUE, size - end);
            ByteBuffer bytes = ByteBuffer.allocate(torn);
            while (bytes.hasRemaining() && ch.read(bytes, end + bytes.position()) > 0) {
                // read the torn bytes
            }
            Path side = Path.of(segment + ".torn-" + System.currentTimeMillis());
            try (FileChannel out = FileChannel.open(side, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                bytes.flip();
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            fsyncDirectory();
            ch.truncate(end);
            ch.force(true);
            recoveredTails.add(side);
            LOG.warn("consent record log {}: {} ended with an incomplete line of {} bytes (a write interrupted by a "
                            + "crash, never acknowledged); moved it to {} and cut it from the log",
                    directory.resolve(baseName), segment.getFileName(), torn, side.getFileName());
        }
    }

    /** Offset of the last '\n' before {@code end}, or -1. */
    private static long lastNewline(FileChannel ch, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long pos = end;
        while (pos > 0) {
            int n = (int) Math.min(buf.capacity(), pos);
            buf.clear().limit(n);
            long from = pos - n;
            while (buf.hasRemaining()) {
                if (ch.read(buf, from + buf.position()) < 0) {
                    throw new IOException("file shrank while reading");
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return from + i;
                }
            }
            pos = from;
        }
        return -1;
    }

    /** The head: the last entry of the newest segment that has one; checked against its hash. */
    private ChainHead findHead() throws IOException {
        for (int i = segments.size() - 1; i >= 0; i--) {
            Path segment = segments.get(i);
            boolean own = segment.equals(active);
            FileChannel ch = own ? channel : FileChannel.open(segment, StandardOpenOption.READ);
            try {
                long size = ch.size();
                long last = lastNewline(ch, size);
                if (last < 0) {
                    continue;
                }
                long start = lastNewline(ch, last) + 1;
                if (last - start > LineReader.MAX_LINE) {
                    throw new IOException("the last line of " + segment + " is too long to be an entry; run records verify");
                }
                ByteBuffer line = ByteBuffer.allocate((int) (last - start));
                while (line.hasRemaining() && ch.read(line, start + line.position()) > 0) {
                    // read the line
                }
                String text = new String(line.array(), StandardCharsets.UTF_8);
                try {
                    return EntryCodec.read(text).head();
                } catch (EntryFormatException e) {
                    throw new IOException("cannot continue the consent record log: the last entry of " + segment
                            + " is damaged (" + e.getMessage() + "); run records verify, and move the damaged "
                            + "segment aside to start a new log", e);
                }
            } finally {
                if (!own) {
                    ch.close();
                }
            }
        }
        return ChainHead.EMPTY;
    }

    private LocalDate dayOf(Path segment) throws IOException {
        ZoneId zone = rotateDailyZone == null ? ZoneOffset.UTC : rotateDailyZone;
        try (LineReader reader = new LineReader(channel, channel.size())) {
            LineReader.Line first = reader.next();
            if (first != null && first.terminated() && first.text() != null) {
                try {
                    return LocalDate.ofInstant(EntryCodec.timestamp(EntryCodec.parse(first.text()).payload()), zone);
                } catch (EntryFormatException e) {
                    // fall through: the segment is checked by verify
                }
            }
        }
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private void fsyncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; there, file creation is as durable as the OS makes it.
            LOG.debug("cannot fsync directory {}", directory, e);
        }
    }

    @Override
    public String toString() {
        return "JsonLinesRecordSink[" + directory.resolve(baseName) + "]";
    }

    /** Configures a {@link JsonLinesRecordSink}. Not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private String baseName = "consent-records";
        private long rotateBytes = 64L * 1024 * 1024;
        private @Nullable ZoneId rotateDailyZone;
        private @Nullable Duration retention;
        private Duration writeTimeout = Duration.ofSeconds(5);
        private int maxQueued = 65_536;
        private Clock clock = Clock.systemUTC();
        private @Nullable RecordKeys keys;
        private Duration checkpointEvery = Duration.ofMinutes(1);
        private @Nullable CheckpointPublisher checkpointPublisher;
        private @Nullable ThreadFactory threads;
        private @Nullable ScheduledExecutorService scheduler;
        private Duration adminTimeout = Duration.ofMinutes(1);
        private int idempotenceWindow = 65_536;
        private Forcer forcer = ch -> ch.force(false);

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** Segment files are named {@code <baseName>-000001.jsonl}; default {@code consent-records}. */
        public Builder baseName(String baseName) {
            if (!BASE_NAME.matcher(baseName).matches()) {
                throw new IllegalArgumentException("baseName '" + baseName
                        + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            this.baseName = baseName;
            return this;
        }

        /** Start a new segment before one grows past this size; default 64 MiB; 0 means never by size. */
        public Builder rotateAtSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("rotateAtSize must be >= 0 bytes, was " + bytes);
            }
            this.rotateBytes = bytes;
            return this;
        }

        /** Also start a new segment on the first write of each day in {@code zone}; off by default. */
        public Builder rotateDaily(ZoneId zone) {
            this.rotateDailyZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Purge entries older than {@code maxAge} from the start of the log, at open and hourly; off by
         * default. See {@link ConsentRecordLog#purgeBefore}.
         */
        public Builder retention(Duration maxAge) {
            this.retention = BuilderChecks.positive("retention", maxAge);
            return this;
        }

        /** How long {@code append} waits for its record to reach the disk before failing; default 5 s. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = BuilderChecks.positive("writeTimeout", timeout);
            return this;
        }

        /** How many records may wait for the writer before appends are refused; default 65,536. */
        public Builder maxQueued(int maxQueued) {
            this.maxQueued = BuilderChecks.atLeastOne("maxQueued", maxQueued);
            return this;
        }

        /** The clock for marker timestamps, daily rotation and retention; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Opens the log: creates the directory and first segment if needed, sets aside a torn last line,
         * and continues the chain from the last entry.
         *
         * @throws IOException if the directory cannot be used, or the last entry is damaged (the message
         *                     says which file and what to do)
         */
        public JsonLinesRecordSink open() throws IOException {
            return new JsonLinesRecordSink(this).start();
        }

        /**
         * Authenticate every entry with the records keys (an HMAC of its hash under the signing key) and
         * sign a checkpoint of the head every {@link #checkpoints checkpoint interval} and at close,
         * appended to {@code <baseName>.checkpoints} next to the segments; off by default. With keys,
         * {@code records verify --keys} detects entries edited with their hashes recomputed and forged
         * erasure entries, and, against the last checkpoint kept elsewhere, a cut tail.
         */
        public Builder keys(RecordKeys keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * How often a signed checkpoint of the head is taken (with {@link #keys}), and where else it goes:
         * somewhere the log's writer cannot change; default every minute, to the checkpoints file only.
         */
        public Builder checkpoints(Duration every, CheckpointPublisher publisher) {
            this.checkpointEvery = BuilderChecks.positive("checkpoint interval", every);
            this.checkpointPublisher = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /** Makes the sink's threads (one writer, four syncers, and the scheduler unless given); default daemon threads. */
        public Builder threadFactory(ThreadFactory threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /**
         * Runs retention and checkpoints on the host's scheduler (the sink does not shut it down); by
         * default the sink makes one single-thread scheduler with its thread factory.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** How long erasure, purging and close wait for the writer; default 1 minute. */
        public Builder adminTimeout(Duration timeout) {
            this.adminTimeout = BuilderChecks.positive("adminTimeout", timeout);
            return this;
        }

        /**
         * How many recent record ids are remembered, so that appending a record whose id was already
         * written returns the first write instead of writing it again (at-least-once delivery made
         * idempotent); default 65,536. The active segment's records are remembered on open.
         */
        public Builder idempotenceWindow(int ids) {
            this.idempotenceWindow = BuilderChecks.atLeastOne("idempotenceWindow", ids);
            return this;
        }

        /** For fault tests: how channels are forced to disk. */
        Builder forcer(Forcer forcer) {
            this.forcer = Objects.requireNonNull(forcer, "forcer");
            return this;
        }
    }
}
