package org.consent4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/** Serves pages with tracker tags in every way an application writes a body. */
final class PageServlet extends HttpServlet {

    static final String PAGE = """
            <!DOCTYPE html><html><head><title>Caf\u00e9</title>
            <script async src="https://www.googletagmanager.com/gtag/js?id=G-TEST1"></script>
            <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
            </head><body><p>Hello \u65e5\u672c</p>
            <noscript><img src="https://www.facebook.com/tr?id=1&amp;ev=PageView&amp;noscript=1"></noscript>
            <iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>
            <script src="/js/app.js"></script>
            </body></html>
            """;
    static final byte[] PAGE_BYTES = PAGE.getBytes(StandardCharsets.UTF_8);
    /** A block of the large page: two trackers and some text. */
    static final String BLOCK = "<div class=\"card\"><p>Some text &amp; more text about things.</p>"
            + "<img src=\"https://www.facebook.com/tr?id=1\" alt=\"\"><script src=\"/local.js\"></script>"
            + "<script>gtag('event', 'view');</script></div>\n";
    static final int BIG = 5 * 1024 * 1024;

    /** Released by the streaming test once it has read the first part. */
    static volatile CountDownLatch firstPartRead = new CountDownLatch(1);

    private final ExecutorService async = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "page-async");
        t.setDaemon(true);
        return t;
    });

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getPathInfo()) {
            case "/writer" -> {
                resp.setContentType("text/html;charset=UTF-8");
                PrintWriter w = resp.getWriter();
                for (int i = 0; i < PAGE.length(); i += 50) {
                    w.write(PAGE, i, Math.min(50, PAGE.length() - i));
                }
            }
            case "/stream-length-before" -> {
                resp.setContentType("text/html;charset=UTF-8");
                resp.setContentLength(PAGE_BYTES.length);
                resp.getOutputStream().write(PAGE_BYTES);
            }
            case "/stream-length-after" -> {
                resp.setContentType("text/html;charset=UTF-8");
                ServletOutputStream out = resp.getOutputStream();
                out.write(PAGE_BYTES);
                resp.setContentLengthLong(PAGE_BYTES.length);
            }
            case "/header-length" -> {
                resp.setHeader("Content-Length", Integer.toString(PAGE_BYTES.length));
                resp.setContentType("text/html;charset=UTF-8");
                resp.getOutputStream().write(PAGE_BYTES);
            }
            case "/length-then-type" -> {
                resp.setContentLength(PAGE_BYTES.length);
                resp.getOutputStream();
                resp.setContentType("text/html;charset=UTF-8");
                resp.getOutputStream().write(PAGE_BYTES);
            }
            case "/plain" -> {
                resp.setContentType("text/plain;charset=UTF-8");
                resp.setContentLength(PAGE_BYTES.length);
                resp.getOutputStream().write(PAGE_BYTES);
            }
            case "/gzip" -> {
                byte[] zipped = gzip(PAGE_BYTES);
                resp.setContentType("text/html;charset=UTF-8");
                resp.setHeader("Content-Encoding", "gzip");
                resp.setContentLength(zipped.length);
                resp.getOutputStream().write(zipped);
            }
            case "/not-modified" -> {
                resp.setContentType("text/html;charset=UTF-8");
                resp.setStatus(304);
            }
            case "/range" -> {
                byte[] part = java.util.Arrays.copyOfRange(PAGE_BYTES, 0, 200);
                resp.setStatus(206);
                resp.setContentType("text/html;charset=UTF-8");
                resp.setHeader("Content-Range", "bytes 0-199/" + PAGE_BYTES.length);
                resp.setContentLength(part.length);
                resp.getOutputStream().write(part);
            }
            case "/stream" -> {
                resp.setContentType("text/html;charset=UTF-8");
                ServletOutputStream out = resp.getOutputStream();
                out.write("<!DOCTYPE html><html><head></head><body><p>first</p>".getBytes(StandardCharsets.UTF_8));
                resp.flushBuffer();
                boolean released;
                try {
                    released = firstPartRead.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    released = false;
                }
                out.write(("<p>released=" + released + "</p><img src=\"https://www.facebook.com/tr\"></body></html>")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case "/big" -> {
                resp.setContentType("text/html;charset=UTF-8");
                ServletOutputStream out = resp.getOutputStream();
                byte[] page = bigPage();
                for (int off = 0; off < page.length; off += 8192) {
                    out.write(page, off, Math.min(8192, page.length - off));
                }
            }
            case "/async" -> {
                AsyncContext ctx = req.startAsync();
                async.execute(() -> {
                    try {
                        HttpServletResponse r = (HttpServletResponse) ctx.getResponse();
                        r.setContentType("text/html;charset=UTF-8");
                        r.getWriter().write(PAGE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        ctx.complete();
                    }
                });
            }
            case "/reset" -> {
                resp.setContentType("text/html;charset=UTF-8");
                ServletOutputStream out = resp.getOutputStream();
                out.write("<html><head><script src=\"https://www.googletagmanager.com/gtag/js".getBytes(StandardCharsets.UTF_8));
                resp.resetBuffer();
                out.write(PAGE_BYTES);
            }
            default -> resp.sendError(404);
        }
    }

    static byte[] bigPage() {
        StringBuilder sb = new StringBuilder(BIG + 1024).append("<!DOCTYPE html><html><head><title>big</title></head><body>\n");
        while (sb.length() < BIG) {
            sb.append(BLOCK);
        }
        return sb.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    @Override
    public void destroy() {
        async.shutdownNow();
    }
}
