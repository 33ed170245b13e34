package org.consent4j.servlet.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdiction;

/**
 * The consent endpoints of the cross-helper contract (GET, POST, DELETE {prefix}), answered by the real
 * decision engine, for testing the banner before the filter exists. Differences from the filter: the
 * choice travels in an unsigned cookie, the jurisdiction comes from the first label of the host name
 * ({@code fr.shop.test} is FR, {@code ca.} US-CA, {@code tx.} US-TX, {@code de.} DE, anything else the
 * fallback), and records are kept in memory.
 */
final class FakeConsentEndpoint {

    static final String COOKIE = "consent4j";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HOSTS = Map.of("fr", "FR", "de", "DE", "ca", "US-CA", "tx", "US-TX");

    private final ConsentEngine engine;
    private final Catalog catalog;
    private final List<ConsentMethod> records = new CopyOnWriteArrayList<>();

    FakeConsentEndpoint(ConsentEngine engine) {
        this.engine = engine;
        this.catalog = engine.catalog();
    }

    /** The methods of the choices recorded so far. */
    List<ConsentMethod> records() {
        return List.copyOf(records);
    }

    void reset() {
        records.clear();
    }

    VisitorConsent visitor(HttpServletRequest request) {
        return engine.evaluate(location(request), signals(request), readState(request));
    }

    private static String location(HttpServletRequest request) {
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        int dot = host.indexOf('.');
        return HOSTS.getOrDefault(dot < 0 ? host : host.substring(0, dot), "XX");
    }

    private static Signals signals(HttpServletRequest request) {
        return Signals.of("1".equals(request.getHeader("Sec-GPC")));
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (method.equals("GET")) {
            json(response, 200, stateJson(visitor(request)));
            return;
        }
        if (!method.equals("POST") && !method.equals("DELETE")) {
            response.setHeader("Allow", "GET, POST, DELETE");
            error(response, 405, "the consent endpoint answers GET, POST and DELETE");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !URI.create(origin).getHost().equalsIgnoreCase(request.getServerName())) {
            error(response, 403, "cross-site consent writes are refused");
            return;
        }
        Set<String> granted = new TreeSet<>();
        ConsentMethod how;
        if (method.equals("DELETE")) {
            how = ConsentMethod.WITHDRAWAL;
        } else {
            JsonNode body;
            try {
                body = JSON.readTree(request.getInputStream());
            } catch (IOException e) {
                error(response, 400, "the body is not JSON");
                return;
            }
            if (body == null || !body.isObject()) {
                error(response, 400, "the body must be a JSON object");
                return;
            }
            if (body.path("withdraw").asBoolean(false)) {
                how = ConsentMethod.WITHDRAWAL;
            } else if (body.has("accept")) {
                String accept = body.get("accept").asText();
                if (!accept.equals("all") && !accept.equals("none")) {
                    error(response, 400, "accept must be 'all' or 'none'");
                    return;
                }
                how = accept.equals("all") ? ConsentMethod.ACCEPT_ALL : ConsentMethod.REJECT_ALL;
                if (how == ConsentMethod.ACCEPT_ALL) {
                    catalog.categories().stream().filter(c -> !c.required()).forEach(c -> granted.add(c.id()));
                }
            } else if (body.path("categories").isObject()) {
                how = ConsentMethod.CUSTOM;
                var fields = body.get("categories").fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    if (catalog.category(field.getKey()).isEmpty()) {
                        error(response, 400, "unknown category '" + field.getKey() + "'");
                        return;
                    }
                    if (field.getValue().asBoolean(false)) {
                        granted.add(field.getKey());
                    }
                }
            } else {
                error(response, 400, "give accept, categories or withdraw");
                return;
            }
        }
        VisitorConsent before = visitor(request);
        ConsentState.Builder state = ConsentState.builder(Instant.now(), catalog.revision())
                .jurisdiction(before.jurisdiction().code()).method(how).gpc(before.signals().gpc());
        for (Category c : catalog.categories()) {
            if (!c.required()) {
                state.category(c.id(), granted.contains(c.id()) ? Choice.GRANTED : Choice.DENIED);
            }
        }
        ConsentState chosen = state.build();
        records.add(how);
        VisitorConsent after = engine.evaluate(before.jurisdiction(), before.signals(), Optional.of(chosen));
        response.addHeader("Set-Cookie", COOKIE + "=" + encode(chosen) + "; Path=/; Max-Age=15552000; HttpOnly; SameSite=Lax");
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                Optional<Service> service = catalog.serviceForCookie(cookie.getName());
                if (service.isPresent() && !after.service(service.get().id()).allowed()) {
                    response.addHeader("Set-Cookie", cookie.getName() + "=; Path=/; Max-Age=0");
                }
            }
        }
        json(response, 200, stateJson(after));
    }

    /** The GET answer of the contract for this visitor. */
    String stateJson(VisitorConsent visitor) {
        Jurisdiction j = visitor.jurisdiction();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jurisdiction", j.code());
        m.put("regime", j.regime().name());
        m.put("laws", j.laws());
        m.put("gpc", visitor.signals().gpc());
        m.put("gpcHonoured", j.gpcHonoured());
        m.put("revision", catalog.revision());
        m.put("needsPrompt", visitor.needsPrompt());
        m.put("subject", "test-subject");
        m.put("choice", visitor.state().map(s -> Map.of("method", s.method().name(), "decidedAt", s.decidedAt().toString(),
                "gpc", s.gpc())).orElse(null));
        List<Object> categories = new ArrayList<>();
        for (Category c : catalog.categories()) {
            Decision d = visitor.category(c.id());
            categories.add(Map.of("id", c.id(), "required", c.required(), "decision", d.verdict(), "reason", d.reason().code()));
        }
        m.put("categories", categories);
        List<Object> services = new ArrayList<>();
        for (Service s : catalog.services()) {
            Decision d = visitor.service(s.id());
            services.add(Map.of("id", s.id(), "category", s.category(), "decision", d.verdict(), "reason", d.reason().code()));
        }
        m.put("services", services);
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<ConsentState> readState(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(COOKIE)) {
                try {
                    JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(cookie.getValue()));
                    ConsentState.Builder b = ConsentState.builder(Instant.parse(n.get("decidedAt").asText()), n.get("revision").asText())
                            .jurisdiction(n.get("jurisdiction").asText()).method(ConsentMethod.valueOf(n.get("method").asText()))
                            .gpc(n.get("gpc").asBoolean());
                    n.get("categories").fields().forEachRemaining(e -> b.category(e.getKey(), Choice.valueOf(e.getValue().asText())));
                    return Optional.of(b.build());
                } catch (RuntimeException | IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String encode(ConsentState state) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("decidedAt", state.decidedAt().toString());
        n.put("revision", state.catalogRevision());
        n.put("jurisdiction", state.jurisdiction());
        n.put("method", state.method().name());
        n.put("gpc", state.gpc());
        ObjectNode cats = n.putObject("categories");
        state.categories().forEach((k, v) -> cats.put(k, v.name()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(n));
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        json(response, status, JSON.writeValueAsString(Map.of("error", message)));
    }
}
