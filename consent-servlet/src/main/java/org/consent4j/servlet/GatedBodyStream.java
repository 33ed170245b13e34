package org.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.consent4j.html.HtmlGate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body stream of a response that may be HTML.
 *
 * <p><b>When it decides.</b> While the content type is missing or HTML, the application's bytes are
 * held, up to the container's buffer size, exactly as long as the container itself would hold them:
 * the decision, and any byte reaching the container, come only when the application's own bytes
 * would have overflowed the container's buffer, or at a flush or close. So the filter never commits
 * a response earlier than the application would, headers and cookies set after a small first write
 * still arrive, {@code reset()} still works, and a Content-Type set late is seen. Then the body is
 * either streamed through the {@link HtmlGate} (as {@link HtmlBodyTransformer#rewrites} says, which
 * sniffs a body without a Content-Type as a browser would) or passed straight through.
 *
 * <p><b>Non-blocking I/O.</b> After {@link #setWriteListener}, nothing is written to the container
 * unless its {@code isReady()} said so: what the gate produces waits in a queue of at most one
 * application write plus what the gate held, {@link #isReady()} is false while it waits, and the
 * application's listener is called again once it is out. A {@code close()} or an async
 * {@code complete()} waits for the queue in the same way.
 *
 * <p>Not thread-safe, like any servlet output stream.
 */
final class GatedBodyStream extends ServletOutputStream {

    private static final Logger LOG = LoggerFactory.getLogger(GatedBodyStream.class);
    private static final AtomicBoolean WARNED_ENCODED = new AtomicBoolean();
    private static final byte[] EMPTY = new byte[0];

    private enum State { UNDECIDED, GATING, PASSING, CLOSED }

    private final ServletOutputStream out;
    private final HttpServletRequest request;
    private final GatedResponse response;
    private final ConsentContext context;
    private final HtmlBodyTransformer transformer;
    /** Where the gate and passed bytes go: the container's stream, or the queue in non-blocking mode. */
    private final OutputStream sink;
    private State state = State.UNDECIDED;
    private @Nullable OutputStream gated;

    /** Application bytes held while undecided. */
    private byte[] held = EMPTY;
    private int heldLength;

    /** Non-blocking mode: the application's listener, bytes waiting for the container, and what waits for them. */
    private @Nullable WriteListener listener;
    private byte[] queue = EMPTY;
    private int queued;
    private boolean closing;
    private boolean outClosed;
    private @Nullable Runnable afterClose;

    GatedBodyStream(ServletOutputStream out, HttpServletRequest request, GatedResponse response, ConsentContext context,
                    HtmlBodyTransformer transformer) {
        this.out = out;
        this.request = request;
        this.response = response;
        this.context = context;
        this.transformer = transformer;
        this.sink = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (listener == null) {
                    out.write(b, off, len);
                } else {
                    enqueue(b, off, len);
                }
            }

            @Override
            public void flush() throws IOException {
                if (listener == null) {
                    out.flush();
                }
            }
        };
    }

    /** Whether a Content-Length set now must be held back. */
    boolean mayRewrite() {
        return switch (state) {
            case GATING -> true;
            case UNDECIDED -> HtmlBodyTransformer.rewrites(request, response, held, 0, heldLength)
                    != HtmlBodyTransformer.Verdict.PASS || response.getContentType() == null;
            case PASSING, CLOSED -> false;
        };
    }

    /** The response's buffer was reset: forget what was held and decide again at the next write. */
    void restart() {
        heldLength = 0;
        if (state == State.GATING || state == State.PASSING) {
            gated = null;
            state = State.UNDECIDED;
        }
    }

    // ---- writing ---------------------------------------------------------------------------------

    @Override
    public void write(int b) throws IOException {
        if (state == State.UNDECIDED && holds(1) && !completes(1)) {
            ensureHeld(1);
            held[heldLength++] = (byte) b;
            return;
        }
        target().write(b);
        drain();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (state == State.UNDECIDED) {
            if (holds(len) && !completes(len)) {
                ensureHeld(len);
                System.arraycopy(b, off, held, heldLength, len);
                heldLength += len;
                return;
            }
            decide(b, off, len);
        }
        target().write(b, off, len);
        drain();
    }

    /** Whether {@code len} more bytes can be held: the container would not have sent them yet either. */
    private boolean holds(int len) {
        String type = response.getContentType();
        if (type != null && !HtmlBodyTransformer.isMarkup(type)) {
            return false;
        }
        return (long) heldLength + len <= response.getBufferSize();
    }

    /**
     * Whether {@code len} more bytes complete the Content-Length the application set: the container
     * would commit the response then (Jetty and Tomcat both do), so the body is decided without
     * holding the last write.
     */
    private boolean completes(int len) {
        long length = response.heldContentLength();
        return length >= 0 && heldLength + (long) len >= length;
    }

    private void ensureHeld(int more) {
        if (heldLength + more > held.length) {
            held = Arrays.copyOf(held, Math.max(heldLength + more, Math.max(256, held.length * 2)));
        }
    }

    private OutputStream target() throws IOException {
        if (state == State.UNDECIDED) {
            decide(EMPTY, 0, 0);
        }
        if (state == State.GATING && gated != null) {
            return gated;
        }
        return sink;
    }

    /** Decides from the headers as they are now (and the first bytes), then writes what was held. */
    private void decide(byte[] next, int off, int len) throws IOException {
        HtmlBodyTransformer.Verdict verdict = heldLength > 0
                ? HtmlBodyTransformer.rewrites(request, response, held, 0, heldLength)
                : HtmlBodyTransformer.rewrites(request, response, next, off, len);
        switch (verdict) {
            case GATE -> {
                response.dropContentLength();
                gated = open();
                state = State.GATING;
            }
            case PASS_ENCODED -> {
                response.releaseContentLength();
                if (WARNED_ENCODED.compareAndSet(false, true)) {
                    LOG.warn("An HTML response on {} was already content-encoded ({}) when it reached the consent"
                            + " filter, so its trackers could not be gated: map compression outside the consent filter"
                            + " (logged once)", request.getRequestURI(), response.getHeader("Content-Encoding"));
                }
                state = State.PASSING;
            }
            case PASS -> {
                response.releaseContentLength();
                state = State.PASSING;
            }
        }
        if (heldLength > 0) {
            int n = heldLength;
            heldLength = 0;
            (state == State.GATING && gated != null ? gated : sink).write(held, 0, n);
        }
    }

    private OutputStream open() {
        HtmlGate gate = transformer.gate();
        SiteTraffic traffic = transformer.traffic();
        HtmlGate.PageBuilder page = traffic.page(gate, request, context);
        declareCharset(page);
        boolean xml = xhtml(response.getContentType());
        page.xml(xml);
        String skip = transformer.skipReason(request);
        String markup = response.beforeGatedBody(request, context, transformer, skip);
        if (!markup.isEmpty()) {
            page.headInjection(markup);
        }
        try {
            return page.outputStream(sink);
        } catch (IllegalArgumentException e) {
            LOG.warn("head markup left out of {}: {}", request.getRequestURI(), e.getMessage());
            HtmlGate.PageBuilder plain = traffic.page(gate, request, context).xml(xml);
            declareCharset(plain);
            return plain.outputStream(sink);
        }
    }

    /** Whether a Content-Type names XHTML, whose markers must be well-formed XML. */
    static boolean xhtml(@Nullable String type) {
        return type != null && type.stripLeading().regionMatches(true, 0, "application/xhtml+xml", 0, 21);
    }

    /**
     * A short name of what the gated body depends on: the decisions (through their inputs) and the
     * markup. A CSP nonce in the markup does not count: it changes with every response, and a
     * {@code 304} keeps the stored response's policy and its nonce together.
     */
    static String variant(ConsentContext context, String markup) {
        org.consent4j.core.decision.VisitorConsent v = context.visitorQuietly();
        int h = java.util.Objects.hash(v.jurisdiction().regime(), v.jurisdiction().gpcHonoured(), v.signals().gpc(),
                v.needsPrompt(), v.state().map(st -> st.categories()).orElse(null),
                v.state().map(st -> st.services()).orElse(null), v.state().map(st -> st.gpc()).orElse(null));
        return Integer.toHexString(31 * h + withoutNonces(markup).hashCode());
    }

    /** The markup without its {@code nonce="..."} attributes. */
    static String withoutNonces(String markup) {
        int at = markup.indexOf(" nonce=\"");
        if (at < 0) {
            return markup;
        }
        StringBuilder sb = new StringBuilder(markup.length());
        int from = 0;
        while (at >= 0) {
            int close = markup.indexOf('"', at + 8);
            if (close < 0) {
                break;
            }
            sb.append(markup, from, at);
            from = close + 1;
            at = markup.indexOf(" nonce=\"", from);
        }
        return sb.append(markup, from, markup.length()).toString();
    }

    /**
     * Tells the gate the charset the bytes are in: the writer's when the application writes characters,
     * else the {@code charset=} label of the Content-Type, read as browsers read it (a label they do not
     * know is ignored, as they ignore it); otherwise the gate reads the page as a browser does.
     */
    private void declareCharset(HtmlGate.PageBuilder page) {
        Charset writer = response.writerCharset();
        if (writer != null) {
            page.charset(writer);
            return;
        }
        String type = response.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("charset=")) {
            return;
        }
        String label = response.getCharacterEncoding();
        try {
            page.charset(label);
        } catch (IllegalArgumentException e) {
            LOG.debug("charset '{}' of {} is unknown to browsers: the gate reads the page as they do", label,
                    request.getRequestURI());
        }
    }

    @Override
    public void flush() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        target().flush();
        drain();
    }

    @Override
    public void close() throws IOException {
        closeThen(null);
    }

    /**
     * Ends the body: decides if still undecided, lets the gate write what it holds, closes the
     * container's stream, then runs {@code then} (at once, or in non-blocking mode once the queue is out).
     */
    void closeThen(@Nullable Runnable then) throws IOException {
        if (state == State.CLOSED) {
            if (then != null) {
                if (listener != null && !outClosed) {
                    afterClose = chain(afterClose, then);
                } else {
                    then.run();
                }
            }
            return;
        }
        OutputStream target = target();
        state = State.CLOSED;
        if (target != sink) {
            target.close();
        }
        if (listener == null) {
            out.close();
            outClosed = true;
            if (then != null) {
                then.run();
            }
            return;
        }
        closing = true;
        afterClose = chain(afterClose, then);
        drain();
    }

    private static @Nullable Runnable chain(@Nullable Runnable first, @Nullable Runnable second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        return () -> {
            first.run();
            second.run();
        };
    }

    // ---- non-blocking I/O ----------------------------------------------------------------------------

    @Override
    public boolean isReady() {
        if (listener == null) {
            return out.isReady();
        }
        if (queued > 0) {
            try {
                drain();
            } catch (IOException e) {
                return false;
            }
            if (queued > 0) {
                return false;
            }
        }
        return !outClosed && out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
        java.util.Objects.requireNonNull(writeListener, "writeListener");
        if (listener != null) {
            throw new IllegalStateException("a WriteListener is already set on this response");
        }
        listener = writeListener;
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() throws IOException {
                drain();
                if (queued == 0 && !closing) {
                    writeListener.onWritePossible();
                }
            }

            @Override
            public void onError(Throwable t) {
                writeListener.onError(t);
            }
        });
    }

    private void enqueue(byte[] b, int off, int len) {
        if (queued + len > queue.length) {
            queue = Arrays.copyOf(queue, Math.max(queued + len, Math.max(1024, queue.length * 2)));
        }
        System.arraycopy(b, off, queue, queued, len);
        queued += len;
    }

    /**
     * Non-blocking mode: writes the queue if the container is ready (the container may keep the
     * array until it is ready again, so the queue starts a new one), then closes the container's
     * stream once all is out and a close was asked for.
     */
    private void drain() throws IOException {
        if (listener == null) {
            return;
        }
        if (queued > 0 && out.isReady()) {
            byte[] chunk = queue;
            int n = queued;
            queue = EMPTY;
            queued = 0;
            out.write(chunk, 0, n);
        }
        if (queued == 0 && closing && !outClosed && out.isReady()) {
            outClosed = true;
            out.close();
            Runnable then = afterClose;
            afterClose = null;
            if (then != null) {
                then.run();
            }
        }
    }
}
