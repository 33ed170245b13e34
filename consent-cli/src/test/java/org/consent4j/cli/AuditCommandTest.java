package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.consent4j.core.testing.Fixtures;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AuditCommandTest {

    private static Server server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (request.getRequestURI().equals("/gone")) {
                    // a page that sends the browser to a port nobody listens on: Chromium shows its error page
                    response.sendRedirect("http://127.0.0.1:" + closed + "/");
                    return;
                }
                response.setContentType("text/html;charset=utf-8");
                if (request.getRequestURI().equals("/leaky")) {
                    response.getWriter().write("<script src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script>");
                } else {
                    response.getWriter().write("<script type=\"text/plain\" data-consent-gated data-consent-category=\"analytics\""
                            + " data-consent-service=\"google-analytics\" data-consent-src=\"https://www.googletagmanager.com/gtag/js\"></script>");
                }
            }
        }), "/");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/";
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AuditCommand command = new AuditCommand(p -> Fixtures.catalog(), p -> Fixtures.jurisdictions());
        int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void auditWhenATagHasNoConsentConditionThenExitsOneAndWritesBothReports(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("audit.json");
        Path html = dir.resolve("out/audit.html");
        Result r = run(base, "--paths", "/leaky", "--jurisdiction", "FR,US-CA", "--json", json.toString(), "--html", html.toString());

        assertEquals(Command.FOUND, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("VIOLATION [no-choice, FR] /leaky google-analytics (analytics)"), r.out());
        JsonNode report = new ObjectMapper().readTree(Files.readString(json));
        assertEquals("consent4j-audit/1", report.path("format").asText());
        assertEquals(2 * 7, report.path("runs").size(), "7 standard states in 2 jurisdictions");
        assertTrue(Files.readString(html).contains("fired-without-consent"));
        assertTrue(r.out().contains("HTML report: " + html), r.out());
    }

    @Test
    void auditWhenTagsAreGatedThenExitsZero() {
        Result r = run(base, "--paths", "/,/about", "--jurisdiction", "FR", "--state", "no-choice", "--state", "gpc");

        assertEquals(Command.OK, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("0 violations"), r.out());
    }

    @Test
    void auditWhenArgumentsAreWrongThenExitsTwoSayingWhy() {
        assertEquals(Command.USAGE, run().status());
        assertTrue(run().err().contains("give the URL"));
        Result state = run(base, "--state", "sometimes");
        assertEquals(Command.USAGE, state.status());
        assertTrue(state.err().contains("unknown consent state 'sometimes'"), state.err());
        assertTrue(run(base, "--jurisdiction", "France").err().contains("'France' is not a jurisdiction code"));
        assertTrue(run("ftp://example.org/").err().contains("not an http(s) URL"));
        assertTrue(run(base, "--timeout", "0").err().contains("positive number of seconds"));
        assertTrue(run(base, "--paths").err().contains("Missing required parameter for option '--paths'"));
        assertTrue(run(base, "--state", "only:ads").err().contains("unknown category 'ads'"));
    }

    @Test
    void auditWhenSiteIsDownThenExitsTwoWithAHint() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Result r = run("http://127.0.0.1:" + port + "/", "--state", "no-choice");
        assertEquals(Command.USAGE, r.status());
        assertTrue(r.err().contains("is the site running"), r.err());
        assertTrue(r.err().contains("connection refused"), "names the cause: " + r.err());
        assertTrue(!r.err().contains("null") && !r.out().contains("0 violations"), r.out() + r.err());
    }

    @Test
    void auditWhenSiteIsDownAndBrowserThenExitsTwoNotAFalseGreen() throws Exception {
        org.consent4j.testkit.Chromium chromium = org.consent4j.testkit.Chromium.system();
        org.consent4j.core.testing.External.assume(chromium.available(), chromium.missing().orElse("Chromium"));
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Result r = run("http://127.0.0.1:" + port + "/", "--browser", "--state", "no-choice");
        assertEquals(Command.USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("could not reach http://127.0.0.1:" + port + "/"), r.err());
        assertTrue(r.err().contains("connection refused"), r.err());
        assertTrue(!r.out().contains("0 violations") && !r.err().contains("null"), r.out() + r.err());
    }

    @Test
    void auditWhenBrowserCannotLoadAPageThenExitsTwoNamingThePage() throws Exception {
        org.consent4j.testkit.Chromium chromium = org.consent4j.testkit.Chromium.system();
        org.consent4j.core.testing.External.assume(chromium.available(), chromium.missing().orElse("Chromium"));
        Result r = run(base, "--browser", "--state", "no-choice", "--paths", "/clean,/gone", "--timeout", "10");
        assertEquals(Command.USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("the browser could not load " + base + "gone"), r.err());
        assertTrue(r.err().contains("ERR_"), "names the browser's error: " + r.err());
        assertTrue(!r.out().contains("0 violations"), r.out());
    }

    @Test
    void helpPrintsUsage() {
        Result r = run("--help");
        assertEquals(Command.OK, r.status());
        assertTrue(r.out().contains("--jurisdiction=LIST"), r.out());
    }
}
