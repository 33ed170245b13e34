package org.consent4j.examples.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.destinations.Delivery;
import org.consent4j.destinations.DeliveryReport;
import org.consent4j.destinations.Destination;
import org.consent4j.destinations.DestinationRouter;
import org.consent4j.destinations.Event;
import org.consent4j.destinations.PrivacySignals;
import org.consent4j.iab.IabStrings;
import org.consent4j.servlet.ConsentContext;

/**
 * {@code POST /events}: a server event in Segment's shape ({@code {"type":"track","event":"Signed up",
 * "properties":{…}}}, {@code {"type":"page","name":"Home"}}, {@code {"type":"identify","userId":"u1",
 * "traits":{…}}}), sent through the router with the visitor's consent; answers, per destination,
 * delivered or suppressed and why. {@code GET /events} lists what the destinations received.
 */
final class EventsServlet extends HttpServlet {

    static final int MAX_BODY = 64 * 1024;

    private final DestinationRouter router;
    private final LocalTransport transport;

    EventsServlet(DestinationRouter router, LocalTransport transport) {
        this.router = router;
        this.transport = transport;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Event event;
        try {
            event = parse(readBody(request));
        } catch (IllegalArgumentException e) {
            send(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", e.getMessage()));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<ConsentContext> consent = ConsentContext.find(request);
        List<Map<String, Object>> deliveries = new ArrayList<>();
        if (consent.isPresent()) {
            ConsentContext c = consent.get();
            body.put("jurisdiction", c.jurisdiction().code());
            body.put("regime", c.jurisdiction().regime().name());
            body.put("gpc", c.gpc());
            // tag::iab-event[]
            IabStrings iab = c.iabSignals(); // empty unless the filter has IAB signals on
            event = event.withSignals(new PrivacySignals(iab.gpp().orElse(""), iab.gppSid(),
                    iab.tcString().orElse(""), iab.usPrivacy().orElse("")));
            DeliveryReport report = router.send(event, c.visitor());
            // end::iab-event[]
            if (!iab.isEmpty()) {
                body.put("iab", Map.of("gpp", iab.gpp().orElse(""), "tcString", iab.tcString().orElse(""),
                        "usPrivacy", iab.usPrivacy().orElse("")));
            }
            for (Delivery d : report.deliveries()) {
                deliveries.add(delivery(d.destination(), d.status().name(), d.reason(), d.target(), d.explanation()));
            }
        } else {
            body.put("jurisdiction", null);
            body.put("regime", null);
            body.put("gpc", "1".equals(request.getHeader("Sec-GPC")));
            for (Destination d : router.destinations()) {
                transport.deliver(d, event);
                deliveries.add(delivery(d.name(), "DELIVERED", "no-consent-check", "",
                        "the consent filter is off: every destination receives every event"));
            }
        }
        body.put("event", Map.of("type", event.type().name().toLowerCase(Locale.ROOT), "name", event.name(),
                "personal", event.personal()));
        body.put("deliveries", deliveries);
        send(response, HttpServletResponse.SC_OK, body);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Map<String, Object>> received = new ArrayList<>();
        for (LocalTransport.Received r : transport.received()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", r.at().toString());
            m.put("destination", r.destination());
            m.put("type", r.event().type().name().toLowerCase(Locale.ROOT));
            m.put("name", r.event().name());
            m.put("userId", r.event().userId());
            received.add(m);
        }
        send(response, HttpServletResponse.SC_OK, Map.of("received", received));
    }

    private static Map<String, Object> delivery(String destination, String status, String reason, String target,
                                                String explanation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("destination", destination);
        m.put("status", status);
        m.put("reason", reason);
        m.put("target", target);
        m.put("explanation", explanation);
        return m;
    }

    private static String readBody(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new IllegalArgumentException("send the event as Content-Type: application/json");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("the event is larger than " + MAX_BODY + " bytes");
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Reads an event in Segment's shape; a clear message for anything else. */
    static Event parse(String json) {
        JsonNode root;
        try {
            root = StrictJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + StrictJson.problem(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body must be one JSON object such as {\"type\":\"track\",\"event\":\"Signed up\"}");
        }
        String type = text(root, "type").orElseThrow(() -> new IllegalArgumentException(
                "\"type\" is missing: give page, track or identify"));
        Optional<String> userId = text(root, "userId");
        Event event = switch (type) {
            case "page" -> Event.page(text(root, "name").orElse(""), object(root, "properties"));
            case "track" -> Event.track(text(root, "event").orElseThrow(() -> new IllegalArgumentException(
                    "a track event needs \"event\", the action's name, e.g. \"Signed up\"")), object(root, "properties"));
            case "identify" -> Event.identify(userId.filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                    "an identify event needs \"userId\"")), object(root, "traits"));
            default -> throw new IllegalArgumentException("\"type\" is '" + clip(type) + "': give page, track or identify");
        };
        return userId.isPresent() && !userId.get().isBlank() && !event.personal() ? event.withUserId(userId.get()) : event;
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return Optional.of(v.asText());
    }

    private static Map<String, Object> object(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a JSON object");
        }
        return map(v, "/" + field);
    }

    private static Map<String, Object> map(JsonNode node, String pointer) {
        Map<String, Object> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            m.put(f.getKey(), value(f.getValue(), pointer + "/" + f.getKey()));
        }
        return Map.copyOf(m);
    }

    private static Object value(JsonNode node, String pointer) {
        if (node.isObject()) {
            return map(node, pointer);
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(value(node.get(i), pointer + "/" + i));
            }
            return List.copyOf(items);
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        throw new IllegalArgumentException(clip(pointer) + " is null: leave the property out instead");
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static void send(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(StrictJson.writer().writeValueAsString(body));
    }
}
