package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.consentCookieSet;
import static org.consent4j.servlet.TestSetup.get;
import static org.consent4j.servlet.TestSetup.request;
import static org.consent4j.servlet.TestSetup.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.consent4j.records.JsonLinesRecordSink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subject access ({@code GET /consent/records}) and the per-client rate limit on choices, over real HTTP
 * on embedded Jetty 12 and Tomcat 11, with a real JSON Lines log.
 */
final class RecordsAccessContainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static TestContainer start(String container, ConsentFilterConfig config) {
        TestContainer.Registration r = TestContainer.Registration.of(new ConsentFilter(config));
        Map<String, jakarta.servlet.http.HttpServlet> servlets = Map.of("/s/*", new ScenarioServlet());
        return container.equals("jetty") ? TestContainer.jetty(r, servlets) : TestContainer.tomcat(r, servlets);
    }

    private static HttpResponse<String> choose(TestContainer c, String body, String... cookie) {
        HttpRequest.Builder b = request(c.uri("/consent"), "X-Consent4j", "1", "Content-Type", "application/json");
        if (cookie.length > 0) {
            b.header("Cookie", "consent4j=" + cookie[0]);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void visitorDownloadsTheRecordsOfTheSubjectInTheirCookieAndNobodyElses(String container) throws Exception {
        try (JsonLinesRecordSink sink = JsonLinesRecordSink.builder(dir).open();
             TestContainer c = start(container, TestSetup.config().recordSink(sink).build())) {
            HttpResponse<String> first = choose(c, "{\"accept\":\"all\",\"locale\":\"en\",\"textsHash\":\"abc\"}");
            assertEquals(200, first.statusCode(), first.body());
            String cookie = consentCookieSet(first).orElseThrow();
            assertEquals(200, choose(c, "{\"accept\":\"none\"}", cookie).statusCode());
            assertEquals(200, choose(c, "{\"accept\":\"all\"}").statusCode()); // another visitor

            HttpResponse<String> mine = get(c.uri("/consent/records"), "Cookie", "consent4j=" + cookie);
            assertEquals(200, mine.statusCode(), mine.body());
            assertEquals("no-store", mine.headers().firstValue("cache-control").orElse(""));
            JsonNode body = JSON.readTree(mine.body());
            String subject = body.get("subject").textValue();
            assertEquals(2, body.get("records").size(), mine.body());
            for (JsonNode r : body.get("records")) {
                assertEquals(subject, r.get("subject").textValue());
            }
            assertEquals("ACCEPT_ALL", body.get("records").get(0).get("method").textValue());
            assertEquals("en", body.get("records").get(0).get("locale").textValue());
            assertEquals("REJECT_ALL", body.get("records").get(1).get("method").textValue());
            assertEquals(sink.export(subject).size(), 2);

            HttpResponse<String> none = get(c.uri("/consent/records"));
            assertEquals(200, none.statusCode());
            assertEquals(0, JSON.readTree(none.body()).get("records").size(), "no cookie, no subject, no records");
            HttpResponse<String> forged = get(c.uri("/consent/records"), "Cookie", "consent4j=" + cookie.replace('A', 'B') + "x");
            assertEquals(0, JSON.readTree(forged.body()).get("records").size(), "a forged cookie names no subject");
            assertEquals(405, send(request(c.uri("/consent/records")).POST(HttpRequest.BodyPublishers.noBody()).build())
                    .statusCode());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void subjectAccessIsNotFoundWhenTheSinkCannotReadRecordsBack(String container) throws Exception {
        try (TestContainer c = start(container, TestSetup.config().recordSink(new RecordingSink()).build())) {
            HttpResponse<String> r = get(c.uri("/consent/records"));
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("cannot read records back"), r.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void choicesOverTheClientsLimitGet429WithRetryAfterAndNoRecord(String container) throws Exception {
        RecordingSink sink = new RecordingSink();
        try (TestContainer c = start(container, TestSetup.config().recordSink(sink).choiceRateLimit(0.5, 3).build())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, choose(c, "{\"accept\":\"all\"}").statusCode());
            }
            HttpResponse<String> limited = choose(c, "{\"accept\":\"all\"}");
            assertEquals(429, limited.statusCode(), limited.body());
            long retry = Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow());
            assertTrue(retry >= 1 && retry <= 2, "Retry-After " + retry);
            assertTrue(limited.body().contains("too many consent requests"), limited.body());
            assertEquals(3, sink.records().size(), "a refused choice is not recorded");
            assertEquals(200, get(c.uri("/consent")).statusCode(), "reading the state is not limited");
            Thread.sleep(2100);
            assertEquals(200, choose(c, "{\"accept\":\"none\"}").statusCode(), "tokens come back at the configured rate");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aRateOfZeroTurnsTheLimitOff(String container) throws Exception {
        try (TestContainer c = start(container, TestSetup.config().recordSink(new RecordingSink()).choiceRateLimit(0, 1).build())) {
            for (int i = 0; i < 80; i++) {
                assertEquals(200, choose(c, "{\"accept\":\"all\"}").statusCode());
            }
        }
    }
}
