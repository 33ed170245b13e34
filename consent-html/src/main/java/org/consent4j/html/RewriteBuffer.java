package org.consent4j.html;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The rewriter's output side: passes the bytes of the current input chunk to the sink as runs,
 * holds back a <em>capture</em> (bytes that may still be rewritten, possibly spanning chunks) and
 * writes it out with the insertions queued for it. Only ever inserts: the output minus the insertions
 * is the input.
 *
 * <p>Positions are indexes into the current chunk; {@link #abs(int)} turns them into document
 * offsets and {@link #rel(int)} into offsets from the capture's start. Not thread-safe.
 */
final class RewriteBuffer {

    private final OutputStream out;
    private final byte[] obuf = new byte[8192];
    private int olen;

    private long chunkAbs;
    private byte[] chunk = new byte[0];
    private int chunkOff;
    private int runStart;

    private boolean capturing;
    private int capBegin;
    private long capStartAbs;
    private byte[] hold = new byte[1024];
    private int holdLen;

    private int[] insAt = new int[8];
    private byte[][] insBytes = new byte[8][];
    private int insCount;

    RewriteBuffer(OutputStream out) {
        this.out = out;
    }

    OutputStream sink() {
        return out;
    }

    // ---------------------------------------------------------------- chunks and runs

    /** Starts a chunk {@code b[off, ...)}: its bytes go out as a run unless captured. */
    void beginChunk(byte[] b, int off) {
        chunk = b;
        chunkOff = off;
        runStart = off;
        if (capturing) {
            capBegin = off;
        }
    }

    /**
     * Ends the chunk at {@code end}: writes the run, and adds the captured part to the hold unless that
     * makes the capture longer than {@code limit}, in which case the capture goes out unchanged.
     * Returns true when the capture overflowed.
     */
    boolean endChunk(int end, long limit) throws IOException {
        boolean overflow = false;
        if (!capturing) {
            emitRun(end);
        } else {
            emitRun(capBegin);
            int add = end - capBegin;
            if (holdLen + (long) add > limit) {
                writeOut(hold, 0, holdLen);
                writeOut(chunk, capBegin, add);
                holdLen = 0;
                capturing = false;
                overflow = true;
            } else {
                appendHold(chunk, capBegin, add);
            }
            runStart = end;
            capBegin = end;
        }
        chunkAbs += end - chunkOff;
        return overflow;
    }

    /** Whether ending the chunk at {@code end} would make the capture longer than {@code limit}. */
    boolean wouldOverflow(int end, long limit) {
        return capturing && holdLen + (long) (end - capBegin) > limit;
    }

    /**
     * Copies capture bytes {@code [from, from + len)} into {@code dst}, wherever they are: in the hold or
     * in the chunk after it.
     */
    void copyCapture(int from, byte[] dst, int len) {
        for (int j = 0; j < len; j++) {
            int r = from + j;
            dst[j] = r < holdLen ? hold[r] : chunk[capBegin + r - holdLen];
        }
    }

    /** Bytes in the capture when the chunk ends at {@code to}. */
    int captureLength(int to) {
        return holdLen + (to - capBegin);
    }

    /**
     * Writes the first {@code relEnd} bytes of the capture, which spans the hold and then the chunk up to
     * {@code to}, with the insertions queued for them, and keeps holding the rest (whose start becomes
     * the capture's start). Stops capturing when nothing is left.
     */
    void flushCapturePrefix(int relEnd, int to) throws IOException {
        emitRun(capBegin);
        int pos = 0;
        for (int k = 0; k < insCount; k++) {
            int at = insAt[k];
            writeCapture(pos, at);
            writeOut(insBytes[k], 0, insBytes[k].length);
            pos = at;
        }
        writeCapture(pos, relEnd);
        insCount = 0;
        if (relEnd <= holdLen) {
            System.arraycopy(hold, relEnd, hold, 0, holdLen - relEnd);
            holdLen -= relEnd;
        } else {
            capBegin += relEnd - holdLen;
            holdLen = 0;
        }
        capStartAbs += relEnd;
        runStart = capBegin;
        if (holdLen == 0 && capBegin >= to) {
            capturing = false;
            runStart = to;
        }
    }

    /** Writes capture bytes {@code [from, to)}: hold first, then the chunk from where the capture continues. */
    private void writeCapture(int from, int to) throws IOException {
        if (from < holdLen) {
            int e = Math.min(to, holdLen);
            writeOut(hold, from, e - from);
            from = e;
        }
        if (to > from) {
            writeOut(chunk, capBegin + from - holdLen, to - from);
        }
    }

    /** Counts bytes that went to the sink directly, outside any chunk. */
    void skip(long n) {
        chunkAbs += n;
    }

    /** Forgets the current chunk (at the end of the document, before deciding what is still held). */
    void detachChunk() {
        chunk = new byte[0];
        chunkOff = 0;
        runStart = 0;
        capBegin = 0;
    }

    long abs(int i) {
        return chunkAbs + (i - chunkOff);
    }

    int rel(int i) {
        return (int) (abs(i) - capStartAbs);
    }

    void writeOut(byte[] b, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        if (len >= 2048) {
            flushOut();
            out.write(b, off, len);
            return;
        }
        if (olen + len > obuf.length) {
            flushOut();
        }
        System.arraycopy(b, off, obuf, olen, len);
        olen += len;
    }

    void flushOut() throws IOException {
        if (olen > 0) {
            out.write(obuf, 0, olen);
            olen = 0;
        }
    }

    /** Writes the run of the current chunk up to {@code to}. */
    void emitRun(int to) throws IOException {
        if (to > runStart) {
            writeOut(chunk, runStart, to - runStart);
            runStart = to;
        }
    }

    // ---------------------------------------------------------------- capture

    boolean capturing() {
        return capturing;
    }

    /** The document offset of the capture's first byte. */
    long captureStart() {
        return capStartAbs;
    }

    /** Bytes of the capture held across chunks. */
    int held() {
        return holdLen;
    }

    /** Starts holding back at {@code i}. */
    void startCapture(int i) {
        capturing = true;
        capBegin = i;
        capStartAbs = abs(i);
        holdLen = 0;
    }

    /** Stops holding: the held bytes go out unchanged and the rest of the capture joins the run. */
    void dropCapture() throws IOException {
        if (!capturing) {
            return;
        }
        if (holdLen > 0) {
            writeOut(hold, 0, holdLen);
            holdLen = 0;
        }
        capturing = false;
    }

    /** Writes the run up to where the capture begins (so something can go out before it). */
    void emitBeforeCapture() throws IOException {
        emitRun(capBegin);
    }

    private void appendHold(byte[] b, int off, int len) {
        if (holdLen + len > hold.length) {
            hold = Arrays.copyOf(hold, Math.max(hold.length * 4, holdLen + len));
        }
        System.arraycopy(b, off, hold, holdLen, len);
        holdLen += len;
    }

    /** Makes the capture up to {@code idx} contiguous: in the hold if it spans chunks. */
    void consolidate(int idx) {
        if (holdLen > 0 && idx > capBegin) {
            appendHold(chunk, capBegin, idx - capBegin);
            runStart = idx;
            capBegin = idx;
        }
    }

    /** The array holding the (consolidated) capture. */
    byte[] capArray() {
        return holdLen > 0 ? hold : chunk;
    }

    /** Where the capture starts in {@link #capArray()}. */
    int capBase() {
        return holdLen > 0 ? 0 : capBegin;
    }

    /** Writes the capture (up to {@code idx}, already consolidated) with the pending insertions. */
    void finishCapture(int idx) throws IOException {
        if (insCount == 0) {
            dropCapture();
            return;
        }
        emitRun(capBegin);
        byte[] a;
        int base;
        int len;
        if (holdLen > 0) {
            a = hold;
            base = 0;
            len = holdLen;
        } else {
            a = chunk;
            base = capBegin;
            len = idx - capBegin;
        }
        int from = 0;
        for (int k = 0; k < insCount; k++) {
            int at = insAt[k];
            writeOut(a, base + from, at - from);
            writeOut(insBytes[k], 0, insBytes[k].length);
            from = at;
        }
        writeOut(a, base + from, len - from);
        insCount = 0;
        holdLen = 0;
        capturing = false;
        runStart = idx;
    }

    /** Queues {@code bytes} for insertion at {@code at} bytes into the capture (in increasing order). */
    void insert(int at, byte[] bytes) {
        if (insCount == insAt.length) {
            insAt = Arrays.copyOf(insAt, insCount * 2);
            insBytes = Arrays.copyOf(insBytes, insCount * 2);
        }
        insAt[insCount] = at;
        insBytes[insCount] = bytes;
        insCount++;
    }

    boolean hasInsertions() {
        return insCount > 0;
    }

    void clearInsertions() {
        insCount = 0;
    }

    /** Bytes of buffer held now (for tests of the memory bound). */
    int capacity() {
        return hold.length + obuf.length + insAt.length * (Integer.BYTES + 8);
    }
}
