package org.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The seam where a body rewriter (the HTML gate) plugs into the gated response. Package-private
 * until the HTML gate lands.
 *
 * <p>The response calls {@link #wrap} at most once, when the application first asks for the output
 * stream or the writer (a writer is then built over the returned stream with the response's
 * character encoding). Headers can still change at that point and the content type may not be set
 * yet, so a rewriter should decide at its first write or at commit whether to rewrite (on the
 * content type, the status and {@code Content-Encoding}), remove {@code Content-Length} when it
 * does, and pass bytes through untouched when it does not. It must stream, never buffer the whole
 * body. The filter closes the returned stream when the request completes (after the chain returns,
 * or when an async request completes), so a rewriter can flush what it holds back.
 *
 * <p>The response passed to {@link #wrap} is the {@link GatedResponse}: its {@code headMarkup()} is the
 * markup to insert right after the {@code <head>} start tag of an HTML page (the banner loader and the
 * visitor's state), empty when there is none.
 */
interface BodyTransformer {

    /** Leaves every body untouched; the response hands out the container's own stream and writer. */
    BodyTransformer NONE = (out, response, context) -> out;

    /**
     * The stream the application writes to.
     *
     * @param out      the container's stream
     * @param response the gated response (headers can still be read and changed)
     * @param context  the visitor's consent
     * @return {@code out} to leave the body untouched, or a stream that rewrites into it
     */
    ServletOutputStream wrap(ServletOutputStream out, HttpServletResponse response, ConsentContext context)
            throws IOException;
}
