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

    private final Path directory;
    private final SegmentFiles files;
    private final String baseName;
    private final long rotateBytes;
    private final @Nullable ZoneId rotateDailyZone;
    private final @Nullable Duration retention;
    private final Duration writeTimeout;
    private final Clock clock;
    private final SinkCore core;
    private final BatchWriter writer;
    private final LogMaintenance maintenance;
    private final List<Path> recoveredTails = new ArrayList<>();
    private final @Nullable RecordKeys keys;
    private final Duration adminTimeout;
    private final ThreadFactory threads;
    private final Duration checkpointEvery;
    private final @Nullable CheckpointPublisher checkpointPublisher;
    private final @Nullable CheckpointKey checkpointKey;
    private final Forcer forcer;
    private final DirectoryTextsArchive texts;
    private final List<FileChannel> retired = new ArrayList<>();
    /** Held while the file, the head and the buffer change: by the writer, and by a waiter voiding its record. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final java.util.concurrent.ConcurrentLinkedQueue<BatchWriter.Pending> lateRefusals =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Incremented whenever the file is cut back after a failure (what was written before is gone). */
    private long epoch;
    private boolean closedLog;
    private @Nullable ChainHead lastCheckpoint;
    private volatile LogSnapshot snapshot;
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

    private JsonLinesRecordSink(Builder b) throws IOException {
        this.directory = b.directory;
        this.baseName = b.baseName;
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
        this.checkpointKey = b.checkpointKey;
        this.forcer = b.forcer;
        Files.createDirectories(directory);
        this.files = new SegmentFiles(directory, baseName);
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
        this.core = new SinkCore("consent record log " + directory.resolve(baseName), new Handler(), b.maxQueued, 8192,
                threads, b.idempotenceWindow, b.scheduler, writeTimeout);
        this.writer = core.writer();
        this.maintenance = new LogMaintenance(new MaintainedLog(), files, keys, clock, directory.resolve(baseName));
    }

    /** Starts the threads once the sink is fully built (never from the constructor). */
    private JsonLinesRecordSink start() {
        rememberRecentIds();
        for (int i = 0; i < SYNCERS; i++) {
            Thread t = threads.newThread(this::syncLoop);
            syncers.add(t);
            t.start();
        }
        core.start();
        LOG.info("consent record log {}: {} segment(s), head seq {} hash {}{}", directory.resolve(baseName),
                segments.size(), head.seq(), head.hash(), keys == null ? "" : ", signed with records key " + keys.signingKeyId());
        if (retention != null) {
            core.retain(retention, clock, this::purgeBefore);
        }
        if (keys != null || checkpointKey != null) {
            core.every(checkpointEvery, this::checkpoint);
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
        files.deleteStaleTemps();
        segments.addAll(files.list());
        if (segments.isEmpty()) {
            active = files.path(1);
            Files.createFile(active);
            files.fsyncDirectory();
            segments.add(active);
        }
        active = segments.get(segments.size() - 1);
        activeNumber = files.number(active);
        channel = FileChannel.open(active, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            files.lock(channel, active);
            List<Path> again = files.list();
            if (!again.get(again.size() - 1).equals(active)) {
                throw new IOException("the consent record log " + directory.resolve(baseName) + " is being written by "
                        + "another process (it started " + again.get(again.size() - 1).getFileName()
                        + "); one sink in one process writes a log");
            }
            Path side = files.setAsideTornTail(channel, active);
            if (side != null) {
                recoveredTails.add(side);
            }
            head = files.findHead(segments, active, channel);
            segmentDay = SegmentFiles.dayOf(channel, rotateDailyZone == null ? ZoneOffset.UTC : rotateDailyZone, clock);
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


    /** Closes channels of segments rotated away; under the admin lock, when no reader can still use them. */
    void closeRetired() {
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
        return core.append(record).chained();
    }

    /** Counters: queued, written, failed, rejected. */
    public SinkMetrics metrics() {
        return core.metrics();
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
        core.close(adminTimeout, Duration.ofSeconds(30));
        if (keys != null || checkpointKey != null) {
            checkpoint();
        }
        closeRetired();
    }

    /** A signed statement of the durable head: Ed25519 with a checkpoint key, else HMAC with the records keys. */
    private void checkpoint() {
        ChainHead h = snapshot.head();
        if (h.equals(lastCheckpoint)) {
            return;
        }
        Checkpoint c;
        if (checkpointKey != null) {
            c = Checkpoint.sign(checkpointKey, baseName, h, clock.instant());
        } else if (keys != null) {
            c = Checkpoint.sign(keys, baseName, h, clock.instant());
        } else {
            return;
        }
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
        return core.duplicates();
    }

    /**
     * Writing, on the writer thread: seal the group onto the chain, write it (no force), and hand it to
     * the syncers. Acknowledgement happens in {@link #syncLoop()}, once a force that began after the
     * write has returned.
     */
    private final class Handler implements BatchWriter.Handler {
        @Override
        public void write(List<BatchWriter.Pending> group) {
            writeLock.lock();
            try {
                writeGroup(group, true);
            } finally {
                writeLock.unlock();
            }
        }

        /**
         * On the waiter's thread, before it answers "not saved": if its record is in the file (written,
         * its force not yet returned), a void marker for it is written right after it, so that the file
         * never holds the record without its void, whenever the process stops.
         */
        @Override
        public void refused(BatchWriter.Pending p) {
            boolean interrupted = Thread.interrupted();
            try {
                if (writeLock.tryLock(writeTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    try {
                        voidLate(List.of(p));
                    } finally {
                        writeLock.unlock();
                    }
                    return;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            // The writer has held the file longer than the timeout (a stalled disk while rotating): it
            // voids the record as soon as it can.
            lateRefusals.add(p);
            writer.runLater(() -> {
                writeLock.lock();
                try {
                    voidLateRefusals();
                } finally {
                    writeLock.unlock();
                }
            });
            LOG.warn("consent record log {}: the writer was busy for more than {} ms; a refused record is voided "
                    + "once it is free", directory.resolve(baseName), writeTimeout.toMillis());
        }

        @Override
        public void shutdown() {
            writeLock.lock();
            try {
                shutdownLocked();
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * Under the write lock: seal the group onto the chain, write it (no force), and hand it to the
     * syncers. Acknowledgement happens in {@link #syncLoop()}, once a force that began after the write
     * has returned. Entries whose waiters gave up while the group was being written are voided right
     * after it.
     */
    private void writeGroup(List<BatchWriter.Pending> all, boolean mayRotate) {
        List<BatchWriter.Pending> group = new ArrayList<>(all.size());
        for (BatchWriter.Pending p : all) {
            if (!p.isDone()) { // a waiter that gave up before its record was written: never written
                group.add(p);
            }
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            recoverIfNeeded();
            long estimate = 0;
            for (BatchWriter.Pending p : group) {
                estimate += p.body.length + 200;
            }
            LocalDate today = rotateDailyZone == null ? segmentDay : LocalDate.ofInstant(clock.instant(), rotateDailyZone);
            if (mayRotate && written > 0 && ((rotateBytes > 0 && written + estimate > rotateBytes) || !today.equals(segmentDay))) {
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
        List<BatchWriter.Pending> gaveUp = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            BatchWriter.Pending p = group.get(i);
            p.written(entries[i], epoch);
            if (p.isCompletedExceptionally()) {
                gaveUp.add(p);
            }
        }
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
        if (!gaveUp.isEmpty()) {
            voidLate(gaveUp);
        }
    }

    /**
     * Under the write lock: writes one void marker for those of {@code refused} whose records are in the
     * file and not voided yet (their appends gave up after the writer took them: the callers are told
     * "not saved"). Written, not forced: the next force covers it, as it covers the record before it.
     */
    private void voidLate(List<BatchWriter.Pending> refused) {
        if (closedLog) {
            LOG.error("consent record log {}: {} record(s) refused while the log was closing could not be voided",
                    directory.resolve(baseName), refused.size());
            return;
        }
        try {
            recoverIfNeeded(); // a cut-back file holds none of what was written before the cut
        } catch (IOException e) {
            LOG.error("consent record log {}: cannot recover the file to void refused records: {}",
                    directory.resolve(baseName), e.getMessage(), e);
            return;
        }
        List<VoidMarker.Voided> voided = new ArrayList<>();
        for (BatchWriter.Pending p : refused) {
            Entry e = p.entry();
            if (e != null && e.isRecord() && p.epoch() == epoch && p.claimVoid()) {
                voided.add(new VoidMarker.Voided(e.seq(), e.hash()));
            }
        }
        if (voided.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        VoidMarker marker = new VoidMarker(RecordIds.next(now), now, voided,
                "the write outlived the append timeout: the choice was refused (not acknowledged)");
        BatchWriter.Pending p = new BatchWriter.Pending(marker, EntryCodec.body(marker));
        p.whenComplete((e, ex) -> {
            if (ex != null) {
                LOG.error("consent record log {}: the void marker for {} refused record(s) at seq {} could not be "
                        + "made durable ({}); those records are cut from the log with it",
                        directory.resolve(baseName), voided.size(), voided.get(0).seq(), ex.getMessage());
            }
        });
        try {
            writeGroup(List.of(p), false);
        } catch (RuntimeException ex) {
            LOG.error("consent record log {}: cannot write the void marker for {} refused record(s) at seq {}: {}",
                    directory.resolve(baseName), voided.size(), voided.get(0).seq(), ex.getMessage(), ex);
            return;
        }
        voidedCount.add(voided.size());
        LOG.warn("consent record log {}: {} record(s) were written after their appends had timed out; voided them "
                + "(first seq {})", directory.resolve(baseName), voided.size(), voided.get(0).seq());
    }

    /** Under the write lock: voids the refusals that could not get the lock in time. */
    private void voidLateRefusals() {
        List<BatchWriter.Pending> late = new ArrayList<>();
        for (BatchWriter.Pending p = lateRefusals.poll(); p != null; p = lateRefusals.poll()) {
            late.add(p);
        }
        if (!late.isEmpty()) {
            voidLate(late);
        }
    }

    /** Under the write lock, on the writer thread at close. */
    private void shutdownLocked() {
        try {
            drainSyncs();
            voidLateRefusals();
            drainSyncs();
        } catch (IOException | RuntimeException e) {
            LOG.error("consent record log {}: records still being written at close were not made durable",
                    directory.resolve(baseName), e);
        }
        closedLog = true;
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
        for (WrittenGroup w : done) {
            for (int i = 0; i < w.entries().length; i++) {
                // False when the waiter gave up first: it voided the record before it was answered.
                writer.succeed(w.pendings().get(i), w.entries()[i]);
            }
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
        epoch++;
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

    private RecordWriteException failure(int count, IOException e) {
        String message = String.format(Locale.ROOT,
                "could not write %d consent record(s) to %s: %s; the choices were not acknowledged",
                count, active, e.getMessage() == null ? e.toString() : e.getMessage());
        core.logFailure(message, e);
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
        Path next = files.path(activeNumber + 1);
        FileChannel created;
        try {
            created = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot rotate: " + next + " already exists but is not part of the log; move it away", e);
        }
        try {
            files.lock(created, next);
        } catch (IOException e) {
            created.close();
            throw e;
        }
        files.fsyncDirectory();
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
            snapshot = new LogSnapshot(List.copyOf(segments), durableEnd, durableHead, channel);
        } finally {
            sync.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------ the log

    @Override
    public ChainReport verify() {
        return maintenance.verify();
    }

    @Override
    public List<ChainedRecord> export(String subjectId) {
        return maintenance.export(subjectId);
    }

    @Override
    public int erase(String subjectId) {
        return maintenance.erase(subjectId);
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        return maintenance.purgeBefore(cutoff);
    }









    /** Rewrites a segment keeping the lines whose number passes {@code keep}; on the writer thread if it is being written. */
    private void rewrite(Path segment, LongPredicate keep) throws IOException {
        boolean done = writer.call(() -> {
            writeLock.lock();
            try {
                return rewriteActive(segment, keep);
            } finally {
                writeLock.unlock();
            }
        }, adminTimeout);
        if (!done) {
            files.rewriteFile(segment, keep, new LineReader(segment, Long.MAX_VALUE), false);
        }
    }

    /** Under the write lock, on the writer thread: rewrites the segment if it is the active one. */
    private boolean rewriteActive(Path segment, LongPredicate keep) throws IOException {
            if (!segment.equals(active)) {
                return false;
            }
            drainSyncs();
            // The new file is locked before it replaces the segment, so the log is never unlocked.
            FileChannel reopened = files.rewriteFile(segment, keep, new LineReader(channel, written), true);
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
    }

    private void deleteClosed(Path segment) {
        writer.call(() -> {
            writeLock.lock();
            try {
                return deleteInactive(segment);
            } finally {
                writeLock.unlock();
            }
        }, adminTimeout);
    }

    private @Nullable Void deleteInactive(Path segment) throws IOException {
            if (segment.equals(active)) {
                throw new IllegalStateException("will not delete " + segment + ": it is being written");
            }
            Files.delete(segment);
            files.fsyncDirectory();
            sync.lock();
            try {
                segments.remove(segment);
                publish();
            } finally {
                sync.unlock();
            }
            return null;
    }












    /** What maintenance needs of the log: the durable view, markers through the group commit, segment rewrites. */
    private final class MaintainedLog implements LogMaintenance.Log {
        @Override
        public LogSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public void closeRetired() {
            JsonLinesRecordSink.this.closeRetired();
        }

        @Override
        public Entry appendMarker(Object marker) {
            return core.appendMarker(marker);
        }

        @Override
        public void rewrite(Path segment, LongPredicate keep) throws IOException {
            JsonLinesRecordSink.this.rewrite(segment, keep);
        }

        @Override
        public void deleteClosed(Path segment) {
            JsonLinesRecordSink.this.deleteClosed(segment);
        }

        @Override
        public void forgetRecoveryFiles(List<Path> deleted) {
            recoveredTails.removeAll(deleted);
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
        private @Nullable CheckpointKey checkpointKey;
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
         * Sign checkpoints with this Ed25519 private key instead of the records keys' HMAC, so that a third
         * party holding only the public key can verify an exported head ({@code records verify --checkpoint
         * FILE --public-key FILE}); checkpoints are then taken with or without records keys. Off by default.
         *
         * @throws IllegalArgumentException if {@code key} is a public key only
         */
        public Builder checkpointKey(CheckpointKey key) {
            if (!key.canSign()) {
                throw new IllegalArgumentException("checkpointKey needs the private key (" + key
                        + " can only verify); records keygen --ed25519 makes one");
            }
            this.checkpointKey = key;
            return this;
        }

        /**
         * How often a signed checkpoint of the head is taken (with {@link #keys} or {@link #checkpointKey}), and where else it goes:
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
