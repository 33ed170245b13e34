package org.consent4j.html;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Gates a page whose encoding the byte-level rewriter cannot read (UTF-16, ISO-2022-JP): decodes it
 * as a browser would, gates the text as UTF-8, and encodes the result back into the page's encoding.
 * Malformed input becomes U+FFFD, which is what a browser shows for it; everything else keeps its
 * characters, so the page a browser shows is the page the gate read. Memory stays bounded: a few
 * buffers of fixed size.
 */
final class Transcoder extends OutputStream {

    private final Recoder in;
    private final HtmlRewriter gate;
    private final Writer back;
    private final OutputStream out;
    private boolean finished;

    /**
     * @param source the page's encoding
     * @param gate   makes the rewriter of the UTF-8 text, given the sink it writes to
     * @param out    where the re-encoded page goes
     */
    Transcoder(Charset source, Function<OutputStream, HtmlRewriter> gate, OutputStream out) {
        this.out = out;
        this.back = new OutputStreamWriter(new NonClosing(out), source.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.gate = gate.apply(new Recoder(StandardCharsets.UTF_8, back));
        this.in = new Recoder(source, new OutputStreamWriter(new NonClosing(this.gate), StandardCharsets.UTF_8));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        in.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        in.flushChars();
        gate.flush();
        back.flush();
        out.flush();
    }

    /** Ends the page without closing the sink. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        in.end();
        gate.finish();
        gate.flush();
        back.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    /** Decodes bytes in a charset and writes the characters to a writer, as they come. */
    static final class Recoder extends OutputStream {

        private final CharsetDecoder decoder;
        private final Writer writer;
        private final ByteBuffer bytes = ByteBuffer.allocate(8192);
        private final CharBuffer chars = CharBuffer.allocate(8192);

        Recoder(Charset cs, Writer writer) {
            this.decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            this.writer = writer;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, bytes.remaining());
                bytes.put(b, off, n);
                off += n;
                len -= n;
                decode(false);
            }
        }

        private void decode(boolean last) throws IOException {
            bytes.flip();
            while (true) {
                CoderResult r = decoder.decode(bytes, chars, last);
                drain();
                if (!r.isOverflow()) {
                    break;
                }
            }
            bytes.compact();
        }

        private void drain() throws IOException {
            chars.flip();
            writer.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
            chars.clear();
        }

        @Override
        public void flush() throws IOException {
            flushChars();
        }

        void flushChars() throws IOException {
            writer.flush();
        }

        /** The end of the input: what is left is decoded (an incomplete sequence becomes U+FFFD). */
        void end() throws IOException {
            decode(true);
            while (decoder.flush(chars).isOverflow()) {
                drain();
            }
            drain();
            writer.flush();
        }

        @Override
        public void close() throws IOException {
            end();
        }
    }

    /** Keeps a writer's close from closing the stream under it. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
