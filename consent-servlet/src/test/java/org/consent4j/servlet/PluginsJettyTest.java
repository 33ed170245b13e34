package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.consentCookieSet;
import static org.consent4j.servlet.TestSetup.get;
import static org.consent4j.servlet.TestSetup.request;
import static org.consent4j.servlet.TestSetup.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pluggable parts on Jetty 12: a consent source reading another consent manager's cookie, a source
 * and a resolver that throw (they must not break the request).
 */
final class PluginsJettyTest {

    private static TestContainer container;

    /** Reads a legacy manager's cookie {@code legacy=all|none} as an imported choice without subject. */
    private static Optional<ConsentCookie> legacy(jakarta.servlet.http.HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (c.getName().equals("legacy") && (c.getValue().equals("all") || c.getValue().equals("none"))) {
                Choice choice = c.getValue().equals("all") ? Choice.GRANTED : Choice.DENIED;
                ConsentState state = new ConsentState(Map.of("functional", choice, "analytics", choice, "marketing", choice),
                        Map.of(), Instant.now().minusSeconds(60), TestSetup.REVISION, "FR", ConsentMethod.IMPORT, false);
                return Optional.of(new ConsentCookie("", state));
            }
        }
        return Optional.empty();
    }

    @BeforeAll
    static void start() {
        ConsentFilter filter = new ConsentFilter(TestSetup.config()
                .source(request -> {
                    if (request.getHeader("X-Break-Source") != null) {
                        throw new IllegalStateException("source failure (test)");
                    }
                    return Optional.empty();
                })
                .source(PluginsJettyTest::legacy)
                .jurisdictionResolver(request -> {
                    if (request.getHeader("X-Break-Resolver") != null) {
                        throw new IllegalStateException("resolver failure (test)");
                    }
                    return request.getHeader("X-Where") == null ? "" : request.getHeader("X-Where");
                })
                .build());
        container = TestContainer.jetty(TestContainer.Registration.of(filter), Map.of("/s/*", new ScenarioServlet()));
    }

    @AfterAll
    static void stop() throws Exception {
        container.close();
    }

    @Test
    void sourceWhenLegacyCookieThenImportedChoiceApplies() {
        HttpResponse<String> r = get(container.uri("/s/context"), "X-Where", "FR", "Cookie", "legacy=all");
        assertTrue(r.body().contains("analytics=allow (granted by the visitor)"), r.body());
        assertTrue(r.body().contains("subject=\n"), r.body());
    }

    @Test
    void sourceWhenSignedCookieAlsoPresentThenSignedCookieWins() {
        HttpResponse<String> r = get(container.uri("/s/context"), "X-Where", "FR",
                "Cookie", "legacy=all; consent4j=" + TestSetup.denyAll("FR"));
        assertTrue(r.body().contains("analytics=deny (denied by the visitor)"), r.body());
    }

    @Test
    void postWhenChoiceImportedWithoutSubjectThenNewSubjectAndOwnCookie() {
        HttpResponse<String> r = send(request(container.uri("/consent"), "X-Consent4j", "1", "X-Where", "FR",
                "Cookie", "legacy=all", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"accept\":\"none\"}")).build());
        assertEquals(200, r.statusCode(), r.body());
        ConsentCookie cookie = TestSetup.CODEC.decode(consentCookieSet(r).orElseThrow()).orElseThrow();
        assertEquals(22, cookie.subjectId().length());
        assertEquals(ConsentMethod.REJECT_ALL, cookie.state().method());
    }

    @Test
    void sourceWhenItThrowsThenNextSourcesStillAskedAndRequestServed() {
        HttpResponse<String> r = get(container.uri("/s/context"), "X-Where", "FR", "X-Break-Source", "1", "Cookie", "legacy=all");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("analytics=allow (granted by the visitor)"), r.body());
    }

    @Test
    void resolverWhenItThrowsThenFallbackJurisdiction() {
        HttpResponse<String> r = get(container.uri("/s/context"), "X-Where", "US-CA", "X-Break-Resolver", "1");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("jurisdiction=default"), r.body());
        assertTrue(get(container.uri("/s/context"), "X-Where", "US-CA").body().contains("jurisdiction=US-CA"));
    }
}
