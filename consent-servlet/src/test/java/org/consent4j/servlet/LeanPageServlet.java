package org.consent4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Pages written the ways that test when a gated response commits, non-blocking writes, fragments,
 * XHTML, and bodies whose type is missing or set late.
 */
final class LeanPageServlet extends HttpServlet {

    static final String HEAD = "<!DOCTYPE html><html><head><title>t</title>";
    static final String TRACKER = "<script src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script>";
    static final String REST = "</head><body><p>hello</p>" + TRACKER + "</body></html>";
    static final String FRAGMENT = "<li>row 7</li><img src=\"https://www.facebook.com/tr?id=1\">";
    static final String XHTML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
            + "<head><title>x</title></head><body>" + TRACKER + "</body></html>";
    /** A block of the streamed page, with a tracker. */
    static final byte[] BLOCK = ("<div><p>text text text text</p>" + TRACKER + "</div>\n").getBytes(StandardCharsets.UTF_8);
    static final int STREAMED = 10 * 1024 * 1024;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getPathInfo()) {
            case "/late-headers" -> {
                resp.setContentType("text/html;charset=UTF-8");
                ServletOutputStream out = resp.getOutputStream();
                out.write(HEAD.getBytes(StandardCharsets.UTF_8));
                resp.setHeader("X-After-Write", "yes");
                resp.addCookie(new Cookie("JSESSIONID", "abc"));
                resp.setHeader("X-Committed-Then", Boolean.toString(resp.isCommitted()));
                out.write(REST.getBytes(StandardCharsets.UTF_8));
            }
            case "/late-headers-writer" -> {
                resp.setContentType("text/html;charset=UTF-8");
                PrintWriter w = resp.getWriter();
                w.write(HEAD);
                resp.setHeader("X-After-Write", "yes");
                resp.addCookie(new Cookie("JSESSIONID", "abc"));
                w.write(REST);
            }
            case "/reset" -> {
                resp.setContentType("text/html;charset=UTF-8");
                resp.getOutputStream().write(HEAD.getBytes(StandardCharsets.UTF_8));
                resp.reset();
                resp.setStatus(503);
                resp.setContentType("text/plain;charset=UTF-8");
                resp.setHeader("X-Reset", "yes");
                resp.getOutputStream().write("try later".getBytes(StandardCharsets.UTF_8));
            }
            case "/send-error" -> {
                resp.setContentType("text/html;charset=UTF-8");
                resp.getOutputStream().write(HEAD.getBytes(StandardCharsets.UTF_8));
                resp.sendError(409);
            }
            case "/page", "/fragment-attribute" -> {
                if (req.getPathInfo().equals("/fragment-attribute")) {
                    req.setAttribute(HeadMarkup.SKIP_ATTRIBUTE, Boolean.TRUE);
                }
                resp.setContentType("text/html;charset=UTF-8");
                resp.setHeader("ETag", "\"v1\"");
                String match = req.getHeader("If-None-Match");
                if (match != null && List.of(match.split(",\\s*")).contains("\"v1\"")) {
                    resp.setHeader("X-If-None-Match", match);
                    resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                    return;
                }
                resp.setHeader("X-If-None-Match", String.valueOf(match));
                resp.getWriter().write(HEAD + REST);
            }
            case "/fragment" -> {
                resp.setContentType("text/html;charset=UTF-8");
                resp.getWriter().write(FRAGMENT);
            }
            case "/xhtml" -> {
                resp.setContentType("application/xhtml+xml;charset=UTF-8");
                resp.getWriter().write(XHTML);
            }
            case "/no-type" -> resp.getOutputStream().write((HEAD + REST).getBytes(StandardCharsets.UTF_8));
            case "/late-type" -> {
                ServletOutputStream out = resp.getOutputStream();
                out.write(HEAD.getBytes(StandardCharsets.UTF_8));
                resp.setContentType("text/html;charset=UTF-8");
                out.write(REST.getBytes(StandardCharsets.UTF_8));
            }
            case "/writer-default-charset" -> {
                resp.setContentType("text/html");
                resp.getWriter().write(HEAD + "<p>caf\u00e9</p>" + REST);
            }
            case "/write-listener" -> writeListener(req, resp);
            default -> resp.sendError(404);
        }
    }

    /** Streams {@link #STREAMED} bytes of HTML with non-blocking writes, as a correct async servlet does. */
    private static void writeListener(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AsyncContext async = req.startAsync();
        async.setTimeout(60_000);
        resp.setContentType("text/html;charset=UTF-8");
        ServletOutputStream out = resp.getOutputStream();
        out.setWriteListener(new WriteListener() {
            private long written;
            private boolean headDone;

            @Override
            public void onWritePossible() throws IOException {
                while (out.isReady()) {
                    if (!headDone) {
                        headDone = true;
                        out.write((HEAD + "</head><body>").getBytes(StandardCharsets.UTF_8));
                    } else if (written < STREAMED) {
                        byte[] chunk = new byte[BLOCK.length * 64];
                        for (int i = 0; i < 64; i++) {
                            System.arraycopy(BLOCK, 0, chunk, i * BLOCK.length, BLOCK.length);
                        }
                        out.write(chunk);
                        written += chunk.length;
                    } else {
                        out.write("</body></html>".getBytes(StandardCharsets.UTF_8));
                        async.complete();
                        return;
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                async.complete();
            }
        });
    }
}
