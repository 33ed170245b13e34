package org.consent4j.servlet.csp;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.testing.Fixtures;

/** The shared catalog plus a necessary CDN with a host, an engine at a fixed instant, and requests. */
final class CspFixtures {

    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    static final Catalog CATALOG = Fixtures.catalog().toBuilder()
            .service(Service.builder("site-cdn", Category.NECESSARY).name("CDN").host("cdn.example.net").build())
            .service(Service.builder("chat", Category.FUNCTIONAL).name("Chat").host("chat.example.org").build())
            .build();
    static final ConsentEngine ENGINE = ConsentEngine.builder().catalog(CATALOG).jurisdictions(Fixtures.jurisdictions())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    private CspFixtures() {
    }

    static VisitorConsent visitor(String location, boolean gpc, Map<String, Choice> categories, Map<String, Choice> services) {
        Optional<ConsentState> state = categories.isEmpty() && services.isEmpty() ? Optional.empty()
                : Optional.of(new ConsentState(categories, services, NOW.minusSeconds(60), CATALOG.revision(), location,
                ConsentMethod.CUSTOM, gpc));
        return ENGINE.evaluate(location, Signals.of(gpc), state);
    }

    static VisitorConsent noChoice() {
        return visitor("FR", false, Map.of(), Map.of());
    }

    static VisitorConsent granted(String... categories) {
        Map<String, Choice> m = new HashMap<>();
        for (String c : new String[] {"functional", "analytics", "marketing"}) {
            m.put(c, Choice.DENIED);
        }
        for (String c : categories) {
            m.put(c, Choice.GRANTED);
        }
        return visitor("FR", false, m, Map.of());
    }

    /** A request with attributes and a context path; other methods are not supported. */
    static HttpServletRequest request(String contextPath) {
        return request(contextPath, false);
    }

    /** A request with attributes, a context path and a scheme; other methods are not supported. */
    static HttpServletRequest request(String contextPath, boolean secure) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(CspFixtures.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "getContextPath" -> contextPath;
                    case "isSecure" -> secure;
                    case "getRequestURI" -> contextPath + "/page";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "request";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static ContentSecurityPolicy policy(CspConfig config) {
        return ContentSecurityPolicy.create(CATALOG, config, "/consent", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The sources of one directive of a policy, or null when absent. */
    static java.util.List<String> directive(String policy, String name) {
        for (String part : policy.split(";")) {
            String[] tokens = part.trim().split("\\s+");
            if (tokens[0].equals(name)) {
                return java.util.List.of(tokens).subList(1, tokens.length);
            }
        }
        return null;
    }
}
