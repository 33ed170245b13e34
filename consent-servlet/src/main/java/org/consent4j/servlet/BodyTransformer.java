package org.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The seam where a body rewriter (the HTML gate) plugs into the gated response.
 *
 * <p>The response calls {@link #wrap} at most once per body (again after a {@code reset()}), when
 * the application first asks for the output stream or the writer (a writer is then built over the
 * returned stream with the response's character encoding). Headers can still change at that point
 * and the content type may not be set yet, so a rewriter decides at its first write, flush or close
 * whether to rewrite (on the content type, the status, the method and {@code Content-Encoding}), and
 * passes bytes through untouched when it does not. It must stream, never buffer the whole body. The
 * filter closes the returned stream when the request completes (after the chain returns, or when an
 * async request completes), so a rewriter can flush what it holds back.
 *
 * <p>While {@link #mayRewrite} is true the response holds back any {@code Content-Length} the
 * application sets; the rewriter then calls {@link GatedResponse#releaseContentLength()} when it
 * decides to pass the body through, or {@link GatedResponse#dropContentLength()} when it rewrites.
 */
interface BodyTransformer {

    /** Leaves every body untouched; the response hands out the container's own stream and writer. */
    BodyTransformer NONE = new BodyTransformer() {
        @Override
        public ServletOutputStream wrap(ServletOutputStream out, HttpServletRequest request, GatedResponse response,
                                        ConsentContext context) {
            return out;
        }

        @Override
        public boolean mayRewrite(HttpServletRequest request, GatedResponse response, @Nullable ServletOutputStream stream) {
            return false;
        }
    };

    /**
     * The stream the application writes to.
     *
     * @param out      the container's stream
     * @param request  the request
     * @param response the gated response (headers can still be read and changed)
     * @param context  the visitor's consent
     * @return {@code out} to leave the body untouched, or a stream that rewrites into it
     */
    ServletOutputStream wrap(ServletOutputStream out, HttpServletRequest request, GatedResponse response,
                             ConsentContext context) throws IOException;

    /**
     * Whether the body may still be rewritten, so that a {@code Content-Length} set now must be held
     * back.
     *
     * @param stream the stream {@link #wrap} returned for this body, or null before the application
     *               asked for one
     */
    boolean mayRewrite(HttpServletRequest request, GatedResponse response, @Nullable ServletOutputStream stream);
}
