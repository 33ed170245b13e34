package org.consent4j.records;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import org.consent4j.records.internal.SinkCore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.BatchWriter;
import org.consent4j.records.internal.BuilderChecks;

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

    private final Path directory;
    private final String baseName;
    private final SegmentedLog log;
    private final SinkCore core;
    private final LogMaintenance maintenance;
    private final @Nullable Duration retention;
    private final Clock clock;
    private final @Nullable RecordKeys keys;
    private final Duration adminTimeout;
    private final Duration checkpointEvery;
    private final @Nullable CheckpointPublisher checkpointPublisher;
    private final @Nullable CheckpointKey checkpointKey;
    private final DirectoryTextsArchive texts;
    private @Nullable ChainHead lastCheckpoint;

    /** Forces a channel to disk; the default is {@code channel.force(false)} ({@code fdatasync}). */
    @FunctionalInterface
    interface Forcer {
        void force(FileChannel channel) throws IOException;
    }

    private JsonLinesRecordSink(Builder b) throws IOException {
        this.directory = b.directory;
        this.baseName = b.baseName;
        this.retention = b.retention;
        this.adminTimeout = b.adminTimeout;
        this.clock = b.clock;
        this.keys = b.keys;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointPublisher = b.checkpointPublisher;
        this.checkpointKey = b.checkpointKey;
        ThreadFactory threads = b.threads != null ? b.threads : BatchWriter.daemonThreads("consent4j-records-" + b.baseName);
        this.log = new SegmentedLog(directory, baseName, b.rotateBytes, b.rotateDailyZone, b.writeTimeout, b.adminTimeout,
                clock, keys, threads, b.forcer);
        this.texts = new DirectoryTextsArchive(directory.resolve(baseName + "-texts"));
        this.core = new SinkCore("consent record log " + directory.resolve(baseName), log.handler(), b.maxQueued, 8192,
                threads, b.idempotenceWindow, b.scheduler, b.writeTimeout);
        this.maintenance = new LogMaintenance(new MaintainedLog(), log.files(), keys, clock, directory.resolve(baseName));
    }

    /** Starts the threads once the sink is fully built (never from the constructor). */
    private JsonLinesRecordSink start() {
        log.start(core);
        core.start();
        ChainHead h = log.head();
        LOG.info("consent record log {}: {} segment(s), head seq {} hash {}{}", directory.resolve(baseName),
                log.segments().size(), h.seq(), h.hash(), keys == null ? "" : ", signed with records key " + keys.signingKeyId());
        if (retention != null) {
            core.retain(retention, clock, this::purgeBefore);
        }
        if (keys != null || checkpointKey != null) {
            core.every(checkpointEvery, this::checkpoint);
        }
        return this;
    }

    /** A builder for a log kept in {@code directory} (created if missing). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

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
        return log.segments();
    }

    /** Side files holding incomplete last lines set aside when this sink opened the log; usually none. */
    public List<Path> recoveredTails() {
        return log.recoveredTails();
    }

    @Override
    public ChainHead head() {
        return log.head();
    }

    /** Writes every queued record, closes the file, logs the head (keep it elsewhere as an anchor). */
    @Override
    public void close() {
        core.close(adminTimeout, Duration.ofSeconds(30));
        if (keys != null || checkpointKey != null) {
            checkpoint();
        }
        log.closeRetired();
    }

    /** A signed statement of the durable head: Ed25519 with a checkpoint key, else HMAC with the records keys. */
    private void checkpoint() {
        ChainHead h = log.head();
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
        return log.voided();
    }

    /** Appends answered from the idempotence window (the same record id already written). */
    public long duplicates() {
        return core.duplicates();
    }

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

    /** What maintenance needs of the log: the durable view, markers through the group commit, segment rewrites. */
    private final class MaintainedLog implements LogMaintenance.Log {
        @Override
        public LogSnapshot snapshot() {
            return log.snapshot();
        }

        @Override
        public void closeRetired() {
            log.closeRetired();
        }

        @Override
        public Entry appendMarker(Object marker) {
            return core.appendMarker(marker);
        }

        @Override
        public void rewrite(Path segment, LongPredicate keep) throws IOException {
            log.rewrite(segment, keep);
        }

        @Override
        public void deleteClosed(Path segment) {
            log.deleteClosed(segment);
        }

        @Override
        public void forgetRecoveryFiles(List<Path> deleted) {
            log.forgetRecoveryFiles(deleted);
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
