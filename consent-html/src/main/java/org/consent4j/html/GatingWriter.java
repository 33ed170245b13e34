package org.consent4j.html;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.function.Function;

/**
 * The character variant of the gate: encodes characters as UTF-8, gates the bytes, and decodes the
 * result back into the sink writer. UTF-8 represents every character, so the round trip is exact;
 * an unpaired surrogate becomes {@code ?}, as any encoding writer would make it.
 */
final class GatingWriter extends Writer {

    private final HtmlRewriter rewriter;
    private final Utf8Sink decoder;
    private final byte[] buf = new byte[8192];
    private int len;
    /** A high surrogate that ended the previous write, waiting for its low half. */
    private char pendingHigh;
    private boolean closed;

    GatingWriter(Function<OutputStream, HtmlRewriter> rewriter, Writer sink) {
        this.decoder = new Utf8Sink(sink);
        this.rewriter = rewriter.apply(decoder);
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void write(String s, int off, int n) throws IOException {
        java.util.Objects.checkFromIndexSize(off, n, s.length());
        char[] tmp = new char[Math.min(n, 4096)];
        while (n > 0) {
            int k = Math.min(n, tmp.length);
            s.getChars(off, off + k, tmp, 0);
            write(tmp, 0, k);
            off += k;
            n -= k;
        }
    }

    @Override
    public void write(char[] c, int off, int n) throws IOException {
        java.util.Objects.checkFromIndexSize(off, n, c.length);
        if (closed) {
            throw new IOException("the gated writer is closed");
        }
        int end = off + n;
        for (int i = off; i < end; i++) {
            if (len > buf.length - 4) {
                drain();
            }
            char ch = c[i];
            if (pendingHigh != 0) {
                char high = pendingHigh;
                pendingHigh = 0;
                if (Character.isLowSurrogate(ch)) {
                    putCodePoint(Character.toCodePoint(high, ch));
                    continue;
                }
                buf[len++] = '?';
            }
            if (ch < 0x80) {
                buf[len++] = (byte) ch;
            } else if (ch < 0x800) {
                buf[len++] = (byte) (0xC0 | ch >> 6);
                buf[len++] = (byte) (0x80 | ch & 0x3F);
            } else if (Character.isHighSurrogate(ch)) {
                pendingHigh = ch;
            } else if (Character.isLowSurrogate(ch)) {
                buf[len++] = '?';
            } else {
                buf[len++] = (byte) (0xE0 | ch >> 12);
                buf[len++] = (byte) (0x80 | ch >> 6 & 0x3F);
                buf[len++] = (byte) (0x80 | ch & 0x3F);
            }
        }
        drain();
    }

    private void putCodePoint(int cp) {
        buf[len++] = (byte) (0xF0 | cp >> 18);
        buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
        buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
        buf[len++] = (byte) (0x80 | cp & 0x3F);
    }

    private void drain() throws IOException {
        if (len > 0) {
            rewriter.write(buf, 0, len);
            len = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        rewriter.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (pendingHigh != 0) {
            pendingHigh = 0;
            buf[len++] = '?';
        }
        drain();
        closed = true;
        rewriter.close();
    }

    /** Decodes the rewriter's UTF-8 output into the sink writer; sequences may span writes. */
    private static final class Utf8Sink extends OutputStream {
        private final Writer sink;
        private final char[] chars = new char[8192];
        private int pending;
        private int need;
        private int cp;

        Utf8Sink(Writer sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            int k = 0;
            for (int i = off; i < off + n; i++) {
                if (k > chars.length - 2) {
                    sink.write(chars, 0, k);
                    k = 0;
                }
                int v = b[i] & 0xFF;
                if (need > 0) {
                    if ((v & 0xC0) == 0x80) {
                        cp = cp << 6 | v & 0x3F;
                        if (--need == 0) {
                            k = put(cp, k);
                        }
                        continue;
                    }
                    need = 0;
                    chars[k++] = '\uFFFD';
                }
                if (v < 0x80) {
                    chars[k++] = (char) v;
                } else if (v >= 0xF0 && v < 0xF8) {
                    cp = v & 0x07;
                    need = 3;
                } else if (v >= 0xE0) {
                    cp = v & 0x0F;
                    need = 2;
                } else if (v >= 0xC0) {
                    cp = v & 0x1F;
                    need = 1;
                } else {
                    chars[k++] = '\uFFFD';
                }
            }
            if (k > 0) {
                sink.write(chars, 0, k);
            }
            pending = need;
        }

        private int put(int codePoint, int k) {
            if (codePoint >= 0x10000) {
                chars[k++] = Character.highSurrogate(codePoint);
                chars[k++] = Character.lowSurrogate(codePoint);
            } else {
                chars[k++] = (char) codePoint;
            }
            return k;
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }

        @Override
        public void close() throws IOException {
            if (pending > 0) {
                sink.write('\uFFFD');
            }
            sink.close();
        }
    }
}
