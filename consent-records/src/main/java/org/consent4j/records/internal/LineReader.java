package org.consent4j.records.internal;

import org.consent4j.records.*;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads a log file line by line on '\n' only, strictly as UTF-8, up to a byte limit (the committed size of
 * a file being written). Reports an unterminated last line separately: that is a torn tail.
 */
public final class LineReader implements Closeable {

    /** Longer lines are damage, not entries. */
    public static final int MAX_LINE = 16 * 1024 * 1024;

    /** One line: its 1-based number, its byte offset, its text (or null when it is not UTF-8), terminated or not. */
    public record Line(long number, long offset, int length, @Nullable String text, boolean terminated) {
    }

    private final @Nullable InputStream in;
    private final @Nullable FileChannel channel;
    private long position;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkLen;
    private long remaining;
    private byte[] line = new byte[1024];
    private long number;
    private long offset;

    public LineReader(Path file, long limit) throws IOException {
        this.remaining = Math.min(limit, Files.size(file));
        this.in = Files.newInputStream(file);
        this.channel = null;
    }

    /**
     * Reads through an open channel with positional reads, from the start up to {@code limit}, and
     * leaves the channel open on {@link #close()}: for the segment a sink holds locked (closing another
     * descriptor of a file releases the process's POSIX locks on it).
     */
    public LineReader(FileChannel channel, long limit) throws IOException {
        this.remaining = Math.min(limit, channel.size());
        this.in = null;
        this.channel = channel;
    }

    /** Reads up to the file's size when opened: lines appended later are not seen. */
    public LineReader(Path file) throws IOException {
        this(file, Files.size(file));
    }

    /** The next line, or null at the end. */
    public @Nullable Line next() throws IOException {
        int len = 0;
        long start = offset;
        while (true) {
            if (chunkPos == chunkLen) {
                if (remaining <= 0) {
                    break;
                }
                int n = read((int) Math.min(chunk.length, remaining));
                if (n < 0) {
                    break;
                }
                remaining -= n;
                chunkPos = 0;
                chunkLen = n;
            }
            int nl = -1;
            for (int i = chunkPos; i < chunkLen; i++) {
                if (chunk[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? chunkLen : nl;
            int n = end - chunkPos;
            if (len + n > line.length) {
                if (len + n > MAX_LINE) {
                    throw new IOException("line " + (number + 1) + " is longer than " + MAX_LINE + " bytes; not a log file");
                }
                line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
            }
            System.arraycopy(chunk, chunkPos, line, len, n);
            len += n;
            chunkPos = end;
            if (nl >= 0) {
                chunkPos++;
                number++;
                offset += len + 1;
                return new Line(number, start, len, decode(len), true);
            }
        }
        if (len == 0) {
            return null;
        }
        number++;
        offset += len;
        return new Line(number, start, len, decode(len), false);
    }

    private int read(int max) throws IOException {
        if (in != null) {
            return in.read(chunk, 0, max);
        }
        int n = java.util.Objects.requireNonNull(channel).read(ByteBuffer.wrap(chunk, 0, max), position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    private @Nullable String decode(int len) {
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
