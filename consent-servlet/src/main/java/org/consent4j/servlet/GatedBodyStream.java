package org.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.consent4j.html.HtmlGate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body stream of a response that may be HTML: at its first write, flush or close (when the
 * headers are final for the body) it decides whether to gate, as {@link HtmlBodyTransformer#rewrites}
 * says, then either streams every write through the {@link HtmlGate} or passes it straight through.
 * Content-Length is dropped when the body is gated and released otherwise. Not thread-safe, like
 * any servlet output stream.
 */
final class GatedBodyStream extends ServletOutputStream {

    private static final Logger LOG = LoggerFactory.getLogger(GatedBodyStream.class);
    private static final AtomicBoolean WARNED_ENCODED = new AtomicBoolean();

    private enum State { UNDECIDED, GATING, PASSING, CLOSED }

    private final ServletOutputStream out;
    private final HttpServletRequest request;
    private final GatedResponse response;
    private final ConsentContext context;
    private final HtmlGate gate;
    private final HeadMarkup headMarkup;
    private final GatedHtmlHeaders headers;
    private final SiteTraffic traffic;
    /** The container's stream, which the gate may close without closing it. */
    private final OutputStream sink;
    private State state = State.UNDECIDED;
    private @Nullable OutputStream gated;

    GatedBodyStream(ServletOutputStream out, HttpServletRequest request, GatedResponse response, ConsentContext context,
                    HtmlGate gate, HeadMarkup headMarkup, GatedHtmlHeaders headers, SiteTraffic traffic) {
        this.out = out;
        this.request = request;
        this.response = response;
        this.context = context;
        this.gate = gate;
        this.headMarkup = headMarkup;
        this.headers = headers;
        this.traffic = traffic;
        this.sink = new OutputStream() {
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
        };
    }

    /** Whether a Content-Length set now must be held back. */
    boolean mayRewrite() {
        return switch (state) {
            case GATING -> true;
            case UNDECIDED -> HtmlBodyTransformer.rewrites(request, response) != HtmlBodyTransformer.Verdict.PASS
                    || response.getContentType() == null;
            case PASSING, CLOSED -> false;
        };
    }

    /** The response's buffer was reset: forget what was held and decide again at the next write. */
    void restart() {
        if (state == State.GATING || state == State.PASSING) {
            gated = null;
            state = State.UNDECIDED;
        }
    }

    private OutputStream target() throws IOException {
        if (state == State.UNDECIDED) {
            decide();
        }
        if (state == State.GATING && gated != null) {
            return gated;
        }
        return out;
    }

    private void decide() {
        HtmlBodyTransformer.Verdict verdict = HtmlBodyTransformer.rewrites(request, response);
        switch (verdict) {
            case GATE -> {
                response.dropContentLength();
                headers.add(request, response, context);
                gated = open();
                state = State.GATING;
                return;
            }
            case PASS_ENCODED -> {
                response.releaseContentLength();
                if (WARNED_ENCODED.compareAndSet(false, true)) {
                    LOG.warn("An HTML response on {} was already content-encoded ({}) when it reached the consent"
                            + " filter, so its trackers could not be gated: map compression outside the consent filter"
                            + " (logged once)", request.getRequestURI(), response.getHeader("Content-Encoding"));
                }
            }
            case PASS -> response.releaseContentLength();
        }
        state = State.PASSING;
    }

    private OutputStream open() {
        HtmlGate.PageBuilder page = traffic.page(gate, request, context);
        Charset charset = declaredCharset();
        if (charset != null) {
            page.charset(charset);
        }
        String markup = headMarkup.markup(request, context);
        if (!markup.isEmpty()) {
            page.headInjection(markup);
        }
        try {
            return page.outputStream(sink);
        } catch (IllegalArgumentException e) {
            LOG.warn("head markup left out of {}: {}", request.getRequestURI(), e.getMessage());
            HtmlGate.PageBuilder plain = traffic.page(gate, request, context);
            if (charset != null) {
                plain.charset(charset);
            }
            return plain.outputStream(sink);
        }
    }

    /** The charset of an explicit {@code charset=} in the Content-Type; null lets the gate read the page. */
    private @Nullable Charset declaredCharset() {
        String type = response.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("charset=")) {
            return null;
        }
        try {
            return Charset.forName(response.getCharacterEncoding());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void write(int b) throws IOException {
        target().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        target().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        target().flush();
    }

    @Override
    public void close() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        OutputStream target = target();
        state = State.CLOSED;
        if (target != out) {
            target.close();
        }
        out.close();
    }

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        out.setWriteListener(listener);
    }
}
