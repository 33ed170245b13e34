package org.consent4j.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A test body rewriter that does only the HTML gate's head injection: for an HTML response it holds
 * the body and, when the request completes, writes it with {@code headMarkup()} of the gated response
 * inserted right after {@code <head>}; other bodies pass straight through. Holds HTML back (the
 * real gate streams); for tests of the filter's side of the seam only.
 */
final class HeadInsertion implements BodyTransformer {

    @Override
    public ServletOutputStream wrap(ServletOutputStream out, HttpServletResponse response, ConsentContext context) {
        return new ServletOutputStream() {
            private final ByteArrayOutputStream held = new ByteArrayOutputStream();
            private @org.jspecify.annotations.Nullable Boolean html;
            private boolean closed;

            /** Decides at the first write, as the seam asks: only HTML is held back. */
            private boolean html() {
                if (html == null) {
                    String type = response.getContentType();
                    html = type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html");
                }
                return html;
            }

            @Override
            public void write(int b) throws IOException {
                if (html()) {
                    held.write(b);
                } else {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (html()) {
                    held.write(b, off, len);
                } else {
                    out.write(b, off, len);
                }
            }

            @Override
            public void close() throws IOException {
                if (closed || html == null || !html) {
                    return;
                }
                closed = true;
                String page = held.toString(StandardCharsets.UTF_8);
                int head = page.indexOf("<head>");
                if (head >= 0) {
                    page = page.substring(0, head + 6) + ((GatedResponse) response).headMarkup() + page.substring(head + 6);
                }
                out.write(page.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("not for async tests");
            }
        };
    }
}
