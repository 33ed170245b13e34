package org.consent4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.consent4j.destinations.Event;
import org.consent4j.destinations.EventType;
import org.junit.jupiter.api.Test;

/** The event parser behind {@code POST /events}: an event or a specific IllegalArgumentException, never anything else. */
final class EventsParserTest {

    @Property(tries = 500)
    void anyTextParsesToAnEventOrAClearError(@ForAll("jsonish") String body) {
        try {
            Event e = EventsServlet.parse(body);
            assertTrue(e.type() != EventType.IDENTIFY || !e.userId().isBlank());
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"type\"", "\"page\"", "\"track\"",
                "\"identify\"", "\"event\"", "\"name\"", "\"userId\"", "\"properties\"", "\"traits\"", "null", "true",
                "1", "-2.5e3", "\"x\"", "\"\"", " ", "\"\\u0000\"");
        return Arbitraries.oneOf(
                fragments.list().ofMaxSize(30).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(60));
    }

    @Test
    void segmentShapesMapToEvents() {
        Event page = EventsServlet.parse("{\"type\":\"page\",\"name\":\"Home\",\"properties\":{\"path\":\"/\"}}");
        assertEquals(EventType.PAGE, page.type());
        assertEquals("Home", page.name());
        assertEquals(Map.of("path", "/"), page.properties());
        Event track = EventsServlet.parse("{\"type\":\"track\",\"event\":\"Signed up\",\"userId\":\"u1\","
                + "\"properties\":{\"n\":2,\"tags\":[\"a\",true],\"nested\":{\"k\":\"v\"}}}");
        assertEquals(EventType.TRACK, track.type());
        assertTrue(track.personal(), "a user id makes a track event personal");
        assertEquals(List.of("a", true), track.properties().get("tags"));
        assertEquals(Map.of("k", "v"), track.properties().get("nested"));
        Event identify = EventsServlet.parse("{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"plan\":\"pro\"}}");
        assertEquals("u1", identify.userId());
        assertEquals(Map.of("plan", "pro"), identify.properties());
    }

    @Test
    void blankUserIdOnIdentifyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventsServlet.parse("{\"type\":\"identify\",\"userId\":\"  \"}"));
        assertTrue(e.getMessage().contains("userId"), e.getMessage());
    }
}
