package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.cookieNamesSet;
import static org.consent4j.servlet.TestSetup.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Error pages with the filter mapped to REQUEST and ERROR, as the documentation recommends when error
 * pages set cookies: the error page's cookies are gated like any other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ErrorDispatchContract {

    private TestContainer container;

    abstract TestContainer start(TestContainer.Registration registration, Map<String, HttpServlet> servlets);

    @BeforeAll
    void startContainer() {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().build());
        container = start(new TestContainer.Registration(filter, Map.of(), Map.of(),
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR)), Map.of("/s/*", new ScenarioServlet()));
    }

    @AfterAll
    void stopContainer() throws Exception {
        container.close();
    }

    @Test
    void errorPageWhenErrorDispatchMappedThenItsCookiesAreGated() {
        HttpResponse<String> r = get(container.uri("/s/teapot"), "CF-IPCountry", "FR");
        assertEquals(418, r.statusCode());
        assertTrue(r.body().contains("dispatch ERROR"), r.body());
        assertEquals(List.of("JSESSIONID"), cookieNamesSet(r));
    }

    @Test
    void errorPageWhenVisitorGrantedThenItsCookiesPass() {
        HttpResponse<String> r = get(container.uri("/s/teapot"), "CF-IPCountry", "FR", "Cookie", "consent4j=" + TestSetup.grantAll("FR"));
        assertEquals(418, r.statusCode());
        assertTrue(cookieNamesSet(r).contains("_ga"), cookieNamesSet(r)::toString);
    }
}
