package org.consent4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ServeCommandTest {

    private static final Pattern URL = Pattern.compile("consent4j demo: (http://127\\.0\\.0\\.1:(\\d+)/)");

    @TempDir
    Path dir;

    @Test
    void servePrintsTheUrlServesTheDemoAndStopsWhenInterrupted() throws Exception {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        AtomicInteger status = new AtomicInteger(-1);
        Thread serve = new Thread(() -> status.set(Main.run(new String[] {"serve", "--port", "0", "--records",
                dir.resolve("records.jsonl").toString()}, out, err)), "serve-under-test");
        serve.start();
        Matcher m = URL.matcher("");
        boolean printed = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!printed && System.nanoTime() < deadline) {
            m = URL.matcher(outBytes.toString(StandardCharsets.UTF_8));
            printed = m.find();
            if (!printed) {
                Thread.sleep(20);
            }
        }
        try {
            assertTrue(printed, "serve printed no URL: " + outBytes.toString(StandardCharsets.UTF_8));
            HttpResponse<String> home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)))
                    .header("CloudFront-Viewer-Country", "FR").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("data-jurisdiction=\"FR\""));
            String origin = m.group(1).substring(0, m.group(1).length() - 1);
            HttpResponse<String> choice = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1) + "consent"))
                    .header("Content-Type", "application/json").header("Origin", origin).header("CloudFront-Viewer-Country", "FR")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"accept\":\"all\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, choice.statusCode(), choice.body());
        } finally {
            serve.interrupt();
            serve.join(10_000);
        }
        assertFalse(serve.isAlive(), "serve did not stop when interrupted");
        assertEquals(Command.OK, status.get());
        Path segment = dir.resolve("records-000001.jsonl");
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("consent records: " + segment.toAbsolutePath()),
                outBytes.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(segment);
        assertTrue(lines.stream().anyMatch(l -> l.contains("ACCEPT_ALL")), "the choice is in the record log: " + lines);
        ByteArrayOutputStream verifyOut = new ByteArrayOutputStream();
        assertEquals(Command.OK, Main.run(new String[] {"records", "verify", segment.toString()},
                new PrintStream(verifyOut, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())),
                verifyOut.toString(StandardCharsets.UTF_8));
    }

    @Test
    void serveWhenNoRecordsGivenThenPerUserDataDirectoryPrinted() throws Exception {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path data = dir.resolve("xdg");
        ServeCommand command = new ServeCommand(name -> name.equals("XDG_DATA_HOME") ? data.toString() : null, dir.resolve("home"));
        AtomicInteger status = new AtomicInteger(-1);
        Thread serve = new Thread(() -> status.set(command.run(List.of("--port", "0"), out, err)), "serve-under-test");
        serve.start();
        Path segment = data.resolve("consent4j").resolve("consent-records-000001.jsonl");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (!outBytes.toString(StandardCharsets.UTF_8).contains("consent records: ") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("consent records: " + segment.toAbsolutePath()),
                    outBytes.toString(StandardCharsets.UTF_8));
        } finally {
            serve.interrupt();
            serve.join(10_000);
        }
        assertEquals(Command.OK, status.get());
        assertTrue(Files.isDirectory(data.resolve("consent4j")));
    }

    @Test
    void dataDirectoryFollowsXdgDataHomeElseHome() {
        Path home = Path.of("/home/visitor").toAbsolutePath();
        Path xdg = Path.of("/var/data").toAbsolutePath();
        assertEquals(xdg.resolve("consent4j"),
                ServeCommand.dataDirectory(n -> n.equals("XDG_DATA_HOME") ? xdg.toString() : null, home));
        assertEquals(home.resolve(".local/share/consent4j"), ServeCommand.dataDirectory(n -> null, home));
        assertEquals(home.resolve(".local/share/consent4j"),
                ServeCommand.dataDirectory(n -> n.equals("XDG_DATA_HOME") ? "relative/dir" : null, home), "relative XDG ignored");
    }

    @Test
    void serveWhenPortTakenThenExitTwoWithAHint() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"serve", "--port", String.valueOf(taken.getLocalPort()), "--records",
                    dir.resolve("r.jsonl").toString()}, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            String err = errBytes.toString(StandardCharsets.UTF_8);
            assertEquals(Command.USAGE, status, err);
            assertTrue(err.contains("port " + taken.getLocalPort() + " on 127.0.0.1 is taken"), err);
            assertTrue(err.contains("--port 0 picks a free one"), err);
        }
    }

    @Test
    void serveRefusesBadArguments() {
        for (List<String> args : List.of(List.of("--port", "http"), List.of("--port", "70000"), List.of("--port"),
                List.of("--colour"))) {
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
            String[] argv = new String[args.size() + 1];
            argv[0] = "serve";
            for (int i = 0; i < args.size(); i++) {
                argv[i + 1] = args.get(i);
            }
            assertEquals(Command.USAGE, Main.run(argv, new PrintStream(new ByteArrayOutputStream()), err), args.toString());
            assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains(args.get(args.size() - 1).equals("--colour")
                    ? "Unknown option: '--colour'" : "--port"), errBytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void serveIsListedInTheHelp() {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        assertEquals(Command.OK, Main.run(new String[] {"--help"}, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream())));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("serve"));
    }
}
