package org.consent4j.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop over real HTTP on its embedded server, as a browser in France would use it: {@code _ga} is
 * dropped without a choice, kept after accepting, expired after withdrawing; the choices are recorded in a
 * verifiable log; the Actuator endpoint and the metrics see them. The application defines no bean: only the
 * starter and {@code consent4j.keys}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "consent4j.keys=k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")
class ShopApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void recordLog(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("shop-records");
        registry.add("consent4j.records.directory", dir::toString);
    }

    @Test
    void analyticsCookieFollowsTheVisitorsChoiceFromFirstVisitToWithdrawal() throws Exception {
        // A visitor in France without a choice: opt-in, so _ga is dropped and the template leaves analytics out.
        HttpResponse<String> first = get("/api/visit", "");
        assertEquals(200, first.statusCode());
        assertTrue(setCookie(first, "_ga").isEmpty(), "_ga must be dropped before a choice: " + cookies(first));
        JsonNode visit = JSON.readTree(first.body());
        assertFalse(visit.get("analytics").asBoolean());
        assertEquals("FR", visit.get("jurisdiction").asText());
        HttpResponse<String> page = get("/", "");
        assertTrue(setCookie(page, "_ga").isEmpty());
        assertTrue(page.body().contains("Analytics off") && !page.body().contains("/js/analytics.js"), page.body());

        // Accepting everything: the choice is recorded, the consent cookie set, and _ga passes.
        HttpResponse<String> accepted = write("POST", "{\"accept\":\"all\"}", "");
        assertEquals(200, accepted.statusCode(), accepted.body());
        String consent = setCookie(accepted, "consent4j").orElseThrow();
        HttpResponse<String> second = get("/api/visit", consent);
        assertTrue(setCookie(second, "_ga").isPresent(), "_ga must pass after accepting: " + cookies(second));
        assertTrue(JSON.readTree(second.body()).get("analytics").asBoolean());
        HttpResponse<String> page2 = get("/", consent);
        assertTrue(page2.body().contains("Analytics on") && page2.body().contains("/js/analytics.js"), page2.body());

        // Withdrawing: recorded too, and the _ga the browser still holds is expired.
        HttpResponse<String> withdrawn = write("DELETE", "", consent + "; _ga=GA1.1.123456789.1700000000");
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        String expiry = setCookie(withdrawn, "_ga").orElseThrow();
        assertTrue(expiry.contains("Max-Age=0") || expiry.contains("Expires=Thu, 01 Jan 1970"), expiry);
        String afterWithdrawal = setCookie(withdrawn, "consent4j").orElseThrow();
        HttpResponse<String> third = get("/api/visit", afterWithdrawal);
        assertTrue(setCookie(third, "_ga").isEmpty(), "_ga must be dropped after withdrawing: " + cookies(third));

        // The Actuator endpoint counts both choices, and the record log verifies.
        JsonNode state = JSON.readTree(get("/actuator/consent4j", "").body());
        assertEquals(2, state.at("/filter/choicesRecorded").asLong(), state.toString());
        assertTrue(state.at("/filter/cookiesDropped").asLong() >= 3, state.toString());
        assertEquals(2, state.at("/records/head/seq").asLong(), state.toString());
        HttpResponse<String> verified = HTTP.send(HttpRequest.newBuilder(uri("/actuator/consent4j"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode report = JSON.readTree(verified.body());
        assertTrue(report.get("intact").asBoolean(), report.toString());
        assertEquals(2, report.get("records").asLong(), report.toString());

        // The metric: one acceptance and one withdrawal in France.
        JsonNode accepts = JSON.readTree(get("/actuator/metrics/consent4j.choices?tag=jurisdiction:FR&tag=method:accept_all", "").body());
        assertEquals(1.0, accepts.at("/measurements/0/value").asDouble(), accepts.toString());
        JsonNode withdrawals = JSON.readTree(get("/actuator/metrics/consent4j.choices?tag=method:withdrawal", "").body());
        assertEquals(1.0, withdrawals.at("/measurements/0/value").asDouble(), withdrawals.toString());
        JsonNode denied = JSON.readTree(get("/actuator/metrics/consent4j.decisions.denied?tag=reason:no-choice-opt-in", "").body());
        assertTrue(denied.at("/measurements/0/value").asDouble() >= 2, denied.toString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("CloudFront-Viewer-Country", "FR").GET();
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> write(String method, String json, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/consent"))
                .header("CloudFront-Viewer-Country", "FR")
                .header("Sec-Fetch-Site", "same-origin")
                .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (!json.isEmpty()) {
            b.header("Content-Type", "application/json");
        }
        if (!cookie.isEmpty()) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static List<String> cookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }

    /** The {@code name=value} pair of the Set-Cookie for this name, or, for an expiry, the whole header. */
    private static Optional<String> setCookie(HttpResponse<?> response, String name) {
        return cookies(response).stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.contains("Max-Age=0") || c.contains("1970") ? c : c.split(";", 2)[0]);
    }
}
