package org.consent4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.internal.json.StrictJson;

/**
 * Asks a site whether it has a consent4j consent endpoint ({@code GET /consent} answering the JSON of
 * the endpoint contract) and which jurisdiction it resolved for the headers sent.
 */
final class EndpointProbe {

    /** The answer: whether the endpoint is there, and the jurisdiction code it reported (empty if none). */
    record Result(boolean available, String jurisdiction) {
    }


    private EndpointProbe() {
    }

    static Result probe(URI site, String endpoint, Map<String, String> headers, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(site.resolve(endpoint)).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", HttpAuditSession.USER_AGENT).GET();
        headers.forEach(b::header);
        try {
            HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Result(false, "");
            }
            JsonNode json = StrictJson.readTree(response.body());
            if (json == null || !json.isObject() || !json.path("categories").isArray()) {
                return new Result(false, "");
            }
            return new Result(true, json.path("jurisdiction").asText(""));
        } catch (IOException e) {
            return new Result(false, "");
        }
    }

    static Optional<String> mismatch(Result result, String expected) {
        if (!result.available() || result.jurisdiction().isEmpty() || result.jurisdiction().equalsIgnoreCase(expected)) {
            return Optional.empty();
        }
        return Optional.of(result.jurisdiction());
    }
}
