package org.consent4j.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongPredicate;
import java.util.concurrent.ThreadFactory;
import org.consent4j.records.internal.SinkCore;
import org.consent4j.records.internal.VoidMarker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.BatchWriter;
import org.consent4j.records.internal.LineReader;
import org.consent4j.records.internal.RecordIds;
import org.consent4j.records.internal.EntryFormatException;

/**
 * The segmented log and its group commit: the segment files of one log with the active one locked and
 * open, the chain's head, and the write path. The writer thread (through {@link #handler()}) seals each
 * group onto the chain and writes it without forcing; syncer threads force the file with overlapping
 * calls and acknowledge a group once a force that began after its write has returned. A waiter that
 * gives up after its record was written gets a void entry written right after it before it is
 * answered. Rotation by size and day, cutting back after a failed force, and rewrites of the active
 * segment (for maintenance) happen here, under the write lock.
 */
final class SegmentedLog {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesRecordSink.class);
    private static final int BUFFER = 1 << 20;
    /** Forces in flight at once: many disks complete overlapping flushes far faster than one after another. */
    private static final int SYNCERS = 4;

    private final Path directory;
    private final SegmentFiles files;
    private final String baseName;
    private final long rotateBytes;
    private final @Nullable ZoneId rotateDailyZone;
    private final Duration writeTimeout;
    private final Clock clock;
    // Attached by start(): the group commit whose handler this log is.
    private @Nullable SinkCore core;
    private @Nullable BatchWriter writer;
    private final List<Path> recoveredTails = new ArrayList<>();
    private final @Nullable RecordKeys keys;
    private final Duration adminTimeout;
    private final ThreadFactory threads;
    private final JsonLinesRecordSink.Forcer forcer;
    private final List<FileChannel> retired = new ArrayList<>();
    /** Held while the file, the head and the buffer change: by the writer, and by a waiter voiding its record. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final java.util.concurrent.ConcurrentLinkedQueue<BatchWriter.Pending> lateRefusals =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Incremented whenever the file is cut back after a failure (what was written before is gone). */
    private long epoch;
    private boolean closedLog;
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




    @SuppressWarnings("NullAway.Init") // openLog() sets the writer thread's fields (channel, active, head...) before it returns
    SegmentedLog(Path directory, String baseName, long rotateBytes, @Nullable ZoneId rotateDailyZone, Duration writeTimeout,
            Duration adminTimeout, Clock clock, @Nullable RecordKeys keys, ThreadFactory threads,
            JsonLinesRecordSink.Forcer forcer) throws IOException {
        this.directory = directory;
        this.baseName = baseName;
        this.rotateBytes = rotateBytes;
        this.rotateDailyZone = rotateDailyZone;
        this.writeTimeout = writeTimeout;
        this.adminTimeout = adminTimeout;
        this.clock = clock;
        this.keys = keys;
        this.threads = threads;
        this.forcer = forcer;
        Files.createDirectories(directory);
        this.files = new SegmentFiles(directory, baseName);
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
    }

    /** The writing side of the group commit: hand it to the {@link SinkCore}, then {@link #start} with it. */
    BatchWriter.Handler handler() {
        return new Handler();
    }

    /** Starts the syncers once the sink is fully built (never from a constructor); remembers recent record ids. */
    void start(SinkCore attached) {
        this.core = attached;
        this.writer = attached.writer();
        rememberRecentIds();
        for (int i = 0; i < SYNCERS; i++) {
            Thread t = threads.newThread(this::syncLoop);
            syncers.add(t);
            t.start();
        }
    }

    private BatchWriter w() {
        return java.util.Objects.requireNonNull(writer, "not started");
    }

    private SinkCore c() {
        return java.util.Objects.requireNonNull(core, "not started");
    }

    SegmentFiles files() {
        return files;
    }

    /** The durable view of the log. */
    LogSnapshot snapshot() {
        return snapshot;
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
        seen.values().forEach(e -> w().remember(e.record().id(), e.seq(), e.prev(), e.hash()));
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


    // ------------------------------------------------------------------------------------------ writing




    /** The segment files, oldest first; the last one is being written. */
    List<Path> segments() {
        return snapshot.segments();
    }

    /** Recovery files deleted by erasure are no longer reported. */
    void forgetRecoveryFiles(List<Path> deleted) {
        synchronized (recoveredTails) {
            recoveredTails.removeAll(deleted);
        }
    }

    /** Side files holding incomplete last lines set aside when the log was opened; usually none. */
    List<Path> recoveredTails() {
        synchronized (recoveredTails) {
            return List.copyOf(recoveredTails);
        }
    }

    ChainHead head() {
        return snapshot.head();
    }




    /** How many records were voided because they reached the log after their append had failed. */
    long voided() {
        return voidedCount.sum();
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
            w().runLater(() -> {
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
                group.forEach(p -> w().fail(p, e));
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
                        w.pendings().forEach(p -> w().fail(p, e));
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
                w().succeed(w.pendings().get(i), w.entries()[i]);
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
        c().logFailure(message, e);
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













    /** Rewrites a segment keeping the lines whose number passes {@code keep}; on the writer thread if it is being written. */
    void rewrite(Path segment, LongPredicate keep) throws IOException {
        boolean done = w().call(() -> {
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
        FileChannel reopened = Objects.requireNonNull(files.rewriteFile(segment, keep, new LineReader(channel, written), true),
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
    }

    void deleteClosed(Path segment) {
        w().call(() -> {
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














}
