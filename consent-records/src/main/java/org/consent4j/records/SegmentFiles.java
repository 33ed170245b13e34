package org.consent4j.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.EntryFormatException;
import org.consent4j.records.internal.LineReader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment files of a JSON Lines log on disk: naming and listing, the lock on the active segment,
 * recovery of a torn last line, finding the head, rewriting a segment through a temporary file, and
 * the recovery files' share of erasure. No state beyond the directory and base name; the sink owns the
 * open channels.
 */
final class SegmentFiles {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesRecordSink.class);
    static final int BUFFER = 1 << 20;

    private final Path directory;
    private final String baseName;
    private final Pattern segmentPattern;
    private final Path name;

    SegmentFiles(Path directory, String baseName) {
        this.directory = directory;
        this.baseName = baseName;
        this.segmentPattern = Pattern.compile(Pattern.quote(baseName) + "-(\\d{6,})\\.jsonl");
        this.name = directory.resolve(baseName);
    }

    /**
     * Takes the exclusive lock on a segment through the channel that writes it: the log itself is
     * locked, so no file outside the log can be deleted to let a second writer in. (A POSIX lock: in this
     * process, the segment is only ever read through this channel, as closing any other descriptor of
     * the file would release the lock.)
     */
    void lock(FileChannel ch, Path segment) throws IOException {
        FileLock acquired;
        try {
            acquired = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            throw new IOException("the consent record log " + name + " is already open ("
                    + segment.getFileName() + " is locked by another sink or process); one sink in one process writes a log");
        }
    }

    List<Path> list() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> segmentPattern.matcher(f.getFileName().toString()).matches()).forEach(found::add);
        }
        found.sort((a, b) -> Long.compare(number(a), number(b)));
        return found;
    }

    long number(Path segment) {
        Matcher m = segmentPattern.matcher(segment.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("not a segment of this log: " + segment);
        }
        return Long.parseLong(m.group(1));
    }

    Path path(long number) {
        return directory.resolve(String.format(Locale.ROOT, "%s-%06d.jsonl", baseName, number));
    }

    void deleteStaleTemps() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith("." + baseName + "-") && name.endsWith(".tmp")) {
                    LOG.warn("consent record log {}: removing {} left by an interrupted rewrite (the original is intact)",
                            name, f);
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * Moves an incomplete last line to a side file and cuts it from the segment, reporting it; returns
     * the side file, or null if the segment ended with a whole line.
     */
    @Nullable Path setAsideTornTail(FileChannel ch, Path segment) throws IOException {
        {
            long size = ch.size();
            long end = lastNewline(ch, size) + 1;
            if (end == size) {
                return null;
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
            LOG.warn("consent record log {}: {} ended with an incomplete line of {} bytes (a write interrupted by a "
                            + "crash, never acknowledged); moved it to {} and cut it from the log",
                    name, segment.getFileName(), torn, side.getFileName());
            return side;
        }
    }

    /** Offset of the last '\n' before {@code end}, or -1. */
    static long lastNewline(FileChannel ch, long end) throws IOException {
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

    /**
     * The head: the last entry of the newest segment that has one; checked against its hash. The active
     * segment is read through its (locked) channel.
     */
    ChainHead findHead(List<Path> segments, Path active, FileChannel channel) throws IOException {
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

    /** The day (in {@code zone}) of the active segment's first entry, else today. */
    static LocalDate dayOf(FileChannel channel, ZoneId zone, Clock clock) throws IOException {
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

    void fsyncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; there, file creation is as durable as the OS makes it.
            LOG.debug("cannot fsync directory {}", directory, e);
        }
    }

    /** Rewrites through a temporary file moved over the segment; returns the new file's channel, locked, when asked. */
    @Nullable FileChannel rewriteFile(Path segment, LongPredicate keep, LineReader source, boolean keepOpen)
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

    /**
     * Deletes the side files holding torn last lines ({@code <segment>.torn-*}) that mention the subject:
     * they were never acknowledged, but erasure must not leave the subject's bytes behind. Returns them.
     */
    List<Path> eraseFromRecoveryFiles(String subjectId) throws IOException {
        List<Path> deleted = new ArrayList<>();
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
                deleted.add(f);
                LOG.info("consent record log {}: erasure deleted the recovery file {} (an unacknowledged torn line "
                        + "that mentioned the subject)", name, f.getFileName());
            }
        }
        return deleted;
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

    static String readable(Path segment, LineReader.Line line) throws IOException {
        if (!line.terminated()) {
            throw new IOException(segment + ":" + line.number() + " is an incomplete line in a closed segment; run records verify");
        }
        String text = line.text();
        if (text == null) {
            throw new IOException(segment + ":" + line.number() + " is not valid UTF-8; run records verify");
        }
        return text;
    }

    static Entry parse(Path segment, LineReader.Line line, String text) throws IOException {
        try {
            return EntryCodec.parse(text);
        } catch (EntryFormatException e) {
            throw new IOException(segment + ":" + line.number() + " cannot be read (" + e.getMessage() + "); run records verify");
        }
    }
}
