package org.consent4j.examples.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start as written in the docs, on a real Jetty over HTTP. */
final class QuickStartTest {

    private static final String KEYS = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void quickStartWhenNoChoiceThenGaDroppedAndAfterAcceptingKeptAndRecorded(@TempDir Path records) throws Exception {
        Server server = QuickStart.start(0, KEYS, records);
        try {
            URI base = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
            HttpResponse<String> first = HTTP.send(HttpRequest.newBuilder(base.resolve("/"))
                    .header("CloudFront-Viewer-Country", "FR").build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(first.body().contains("analytics not allowed"), first.body());
            assertFalse(names(first).contains("_ga"), names(first).toString());

            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(base.resolve("/consent"))
                    .header("CloudFront-Viewer-Country", "FR").header("Sec-Fetch-Site", "same-origin")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"accept\":\"all\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, accepted.statusCode(), accepted.body());
            String consent = accepted.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("consent4j="))
                    .findFirst().orElseThrow().split(";", 2)[0];
            HttpResponse<String> second = HTTP.send(HttpRequest.newBuilder(base.resolve("/"))
                    .header("CloudFront-Viewer-Country", "FR").header("Cookie", consent).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(second.body().contains("analytics allowed"), second.body());
            assertTrue(names(second).contains("_ga"), names(second).toString());
        } finally {
            server.stop();
        }
        try (var files = Files.list(records)) {
            String log = files.filter(f -> f.toString().endsWith(".jsonl")).map(QuickStartTest::read).reduce("", String::concat);
            assertTrue(log.contains("ACCEPT_ALL") || log.contains("accept_all") || log.contains("accept-all"), log);
        }
    }

    @Test
    void quickStartWhenKeysMissingThenErrorNamesTheVariable(@TempDir Path records) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuickStart.start(0, null, records));
        assertTrue(e.getMessage().contains("CONSENT4J_KEYS"), e.getMessage());
    }

    private static List<String> names(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().map(c -> c.split("=", 2)[0]).toList();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
