package org.consent4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The application under test: sets cookies every way a servlet can, chosen by the path info.
 * Query parameters {@code c} name cookies (repeatable), {@code v} is a raw Set-Cookie value and
 * {@code h} the spelling of the header name.
 */
final class ScenarioServlet extends HttpServlet {

    private final ExecutorService async = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scenario-async");
        t.setDaemon(true);
        return t;
    });

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        Object included = req.getAttribute(jakarta.servlet.RequestDispatcher.INCLUDE_PATH_INFO);
        String scenario = included != null ? included.toString() : req.getPathInfo() == null ? "/" : req.getPathInfo();
        String[] names = req.getParameterValues("c");
        names = names == null ? new String[0] : names;
        String header = req.getParameter("h") == null ? "Set-Cookie" : req.getParameter("h");
        switch (scenario) {
            case "/add-cookie" -> {
                for (String n : names) {
                    Cookie c = new Cookie(n, "v-" + n);
                    c.setPath("/");
                    resp.addCookie(c);
                }
                text(resp, "ok");
            }
            case "/add-header" -> {
                for (String v : req.getParameterValues("v")) {
                    resp.addHeader(header, v);
                }
                text(resp, "ok");
            }
            case "/set-header" -> {
                for (String n : names) {
                    resp.addCookie(new Cookie(n, "v-" + n));
                }
                resp.setHeader(header, req.getParameter("v"));
                text(resp, "ok");
            }
            case "/int-header" -> {
                resp.setIntHeader("Set-Cookie", 5);
                resp.addDateHeader("set-cookie", 0L);
                text(resp, "ok");
            }
            case "/reset" -> {
                for (String n : names) {
                    resp.addCookie(new Cookie(n, "before-reset"));
                }
                resp.setHeader("X-Before", "1");
                resp.reset();
                for (String n : names) {
                    resp.addCookie(new Cookie(n, "after-reset"));
                }
                text(resp, "ok");
            }
            case "/commit-early" -> {
                resp.setContentType("text/plain");
                resp.getWriter().write("early");
                resp.flushBuffer();
                for (String n : names) {
                    resp.addCookie(new Cookie(n, "late"));
                    resp.addHeader("Set-Cookie", n + "=late-header");
                }
                resp.getWriter().write(" body");
            }
            case "/redirect" -> {
                for (String n : names) {
                    resp.addCookie(new Cookie(n, "v-" + n));
                }
                resp.sendRedirect("/elsewhere");
            }
            case "/error" -> {
                for (String n : names) {
                    resp.addCookie(new Cookie(n, "v-" + n));
                }
                resp.sendError(404, "nothing here");
            }
            case "/async" -> {
                AsyncContext ctx = req.startAsync();
                String[] toSet = names;
                async.execute(() -> {
                    try {
                        HttpServletResponse r = (HttpServletResponse) ctx.getResponse();
                        for (String n : toSet) {
                            r.addCookie(new Cookie(n, "async"));
                            r.addHeader("Set-Cookie", n + "=async-header");
                        }
                        r.setContentType("text/plain");
                        r.getWriter().write("async ok");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } finally {
                        ctx.complete();
                    }
                });
            }
            case "/forward" -> req.getRequestDispatcher("/s/add-cookie").forward(req, resp);
            case "/include" -> {
                resp.setContentType("text/plain");
                resp.addCookie(new Cookie("JSESSIONID", "outer"));
                req.getRequestDispatcher("/s/add-cookie").include(req, resp);
            }
            case "/context" -> {
                ConsentContext ctx = ConsentContext.of(req);
                StringBuilder sb = new StringBuilder();
                sb.append("jurisdiction=").append(ctx.jurisdiction().code()).append('\n');
                sb.append("location=").append(ctx.location()).append('\n');
                sb.append("gpc=").append(ctx.gpc()).append('\n');
                sb.append("subject=").append(ctx.subjectId()).append('\n');
                sb.append("prompt=").append(ctx.needsPrompt()).append('\n');
                for (String id : new String[] {"necessary", "functional", "analytics", "marketing", "segmetrics",
                        "google-analytics", "personalised-ads", "nope"}) {
                    sb.append(id).append('=').append(ctx.decision(id)).append('\n');
                }
                text(resp, sb.toString());
            }
            case "/plain" -> text(resp, "plain");
            case "/teapot" -> {
                resp.addCookie(new Cookie("sm_uid", "before-error"));
                resp.sendError(418);
            }
            case "/error-page" -> {
                resp.addCookie(new Cookie("_ga", "from-error-page"));
                resp.addCookie(new Cookie("JSESSIONID", "from-error-page"));
                resp.setContentType("text/html;charset=UTF-8");
                resp.getWriter().write("<p>error page, dispatch " + req.getDispatcherType() + "</p>");
            }
            case "/html" -> {
                resp.setContentType("text/html;charset=UTF-8");
                resp.getWriter().write("<!doctype html><p>hello</p>");
            }
            case "/vary-app" -> {
                resp.setHeader("Vary", "Accept-Encoding");
                for (String n : names) {
                    resp.addCookie(new Cookie(n, "v"));
                }
                resp.setHeader("Vary", "Accept-Language");
                text(resp, "ok");
            }
            case "/cache-public" -> {
                resp.setHeader("Cache-Control", "public, max-age=600, s-maxage=600");
                for (String n : names) {
                    resp.addCookie(new Cookie(n, "v"));
                }
                text(resp, "ok");
            }
            default -> resp.sendError(404);
        }
    }

    private static void text(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        PrintWriter w = resp.getWriter();
        w.write(body);
    }

    @Override
    public void destroy() {
        async.shutdownNow();
    }
}
