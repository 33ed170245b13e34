package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.cookieNamesSet;
import static org.consent4j.servlet.TestSetup.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.consent4j.core.decision.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ConsentFilter#listener}: told of every dropped cookie with its reason, and never able to break a response. */
final class FilterListenerJettyTest {

    private static final List<String> events = new CopyOnWriteArrayList<>();
    private static ConsentFilter filter;
    private static TestContainer container;

    @BeforeAll
    static void start() {
        filter = new ConsentFilter(TestSetup.config().build());
        container = TestContainer.jetty(TestContainer.Registration.of(filter), Map.of("/s/*", new ScenarioServlet()));
    }

    @AfterAll
    static void stop() throws Exception {
        container.close();
    }

    @Test
    void listenerWhenCookiesDroppedThenToldEachWithServiceAndReason() {
        events.clear();
        filter.listener(new ConsentFilterListener() {
            @Override
            public void cookieDropped(String cookieName, Optional<String> serviceId, Reason reason) {
                events.add(cookieName + "/" + serviceId.orElse("-") + "/" + reason.code());
            }
        });
        long before = filter.stats().cookiesDropped();
        HttpResponse<String> r = get(container.uri("/s/add-cookie?c=_ga&c=JSESSIONID&c=not_in_catalog"), "CF-IPCountry", "FR");
        assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("_ga/") && events.get(0).endsWith("/no-choice-opt-in"), events.toString());
        assertEquals("not_in_catalog/-/unknown-target", events.get(1));
        assertEquals(before + 2, filter.stats().cookiesDropped());
    }

    @Test
    void listenerWhenItThrowsThenTheResponseIsStillGated() {
        filter.listener(new ConsentFilterListener() {
            @Override
            public void cookieDropped(String cookieName, Optional<String> serviceId, Reason reason) {
                throw new IllegalStateException("listener failure (test)");
            }
        });
        try {
            HttpResponse<String> r = get(container.uri("/s/add-cookie?c=_ga&c=JSESSIONID"), "CF-IPCountry", "FR");
            assertEquals(200, r.statusCode());
            assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
            assertFalse(cookieNamesSet(r).contains("_ga"));
        } finally {
            filter.listener(ConsentFilterListener.NONE);
        }
    }
}
