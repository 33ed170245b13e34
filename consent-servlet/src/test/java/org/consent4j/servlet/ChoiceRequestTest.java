package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

final class ChoiceRequestTest {

    private static final Catalog CATALOG = Fixtures.catalog();

    private static ChoiceRequest json(String body) throws BadRequest {
        return ChoiceRequest.fromJson(body.getBytes(StandardCharsets.UTF_8), CATALOG);
    }

    private static ChoiceRequest form(String body) throws BadRequest {
        return ChoiceRequest.fromForm(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, CATALOG);
    }

    @Test
    void fromJsonWhenAcceptAllThenEveryOptionalCategoryGranted() throws BadRequest {
        ChoiceRequest c = json("{\"accept\":\"all\",\"extra\":1}");
        assertEquals(ConsentMethod.ACCEPT_ALL, c.method());
        assertEquals(Map.of("functional", Choice.GRANTED, "analytics", Choice.GRANTED, "marketing", Choice.GRANTED), c.categories());
    }

    @Test
    void fromFormWhenNoFieldsThenCustomWithEverythingDenied() throws BadRequest {
        ChoiceRequest c = form("submit=Save");
        assertEquals(ConsentMethod.CUSTOM, c.method());
        assertTrue(c.categories().values().stream().allMatch(x -> x == Choice.DENIED));
    }

    @Test
    void fromFormWhenEncodedThenDecoded() throws BadRequest {
        ChoiceRequest c = form("category=analytics&locale=fr-CA&textsHash=sha256%3Aabc");
        assertEquals(Choice.GRANTED, c.categories().get("analytics"));
        assertEquals("fr-CA", c.locale());
        assertEquals("sha256:abc", c.textsHash());
    }

    @Test
    void fromJsonWhenTooDeepThenBadRequest() {
        BadRequest e = assertThrows(BadRequest.class, () -> json("{\"x\":" + "[".repeat(50) + "]".repeat(50) + ",\"accept\":\"all\"}"));
        assertEquals(400, e.status());
    }

    @Property
    void fromJsonEitherParsesOrRefusesWithA4xx(@ForAll byte[] body) {
        try {
            ChoiceRequest c = ChoiceRequest.fromJson(body, CATALOG);
            assertEquals(3, c.categories().size());
        } catch (BadRequest e) {
            assertTrue(e.status() >= 400 && e.status() < 500);
            assertTrue(!e.getMessage().isEmpty());
        }
    }

    @Property
    void fromFormEitherParsesOrRefusesWithA4xx(@ForAll String body) {
        try {
            ChoiceRequest c = form(body);
            assertEquals(3, c.categories().size());
        } catch (BadRequest e) {
            assertTrue(e.status() >= 400 && e.status() < 500);
        }
    }

    @Test
    void fromJsonWhenServicesWithCategoriesThenOnlyTheGivenServicesKept() throws BadRequest {
        ChoiceRequest c = json("{\"categories\":{\"marketing\":false},\"services\":{\"youtube\":true,"
                + "\"google-analytics\":false,\"container-session\":true}}");
        assertEquals(ConsentMethod.CUSTOM, c.method());
        assertEquals(Map.of("youtube", Choice.GRANTED, "google-analytics", Choice.DENIED), c.services(),
                "a necessary service granted is not stored, as necessary categories are not");
        assertEquals(Choice.DENIED, c.categories().get("marketing"));
        assertEquals(Map.of(), json("{\"accept\":\"all\"}").services());
    }

    /** Any map of ids to booleans: stored as given for optional catalog services, else a 400 naming the id. */
    @Property
    void fromJsonWhenAnyServicesThenStoredAsGivenOrRefusedNamingTheId(
            @ForAll("serviceChoices") Map<String, Boolean> services) {
        StringBuilder body = new StringBuilder("{\"categories\":{},\"services\":{");
        services.forEach((id, on) -> body.append('"').append(id).append("\":").append(on).append(','));
        if (!services.isEmpty()) {
            body.setLength(body.length() - 1);
        }
        body.append("}}");
        boolean unknown = services.keySet().stream().anyMatch(id -> CATALOG.service(id).isEmpty());
        boolean necessaryRefused = services.entrySet().stream().anyMatch(e -> e.getKey().equals("container-session") && !e.getValue());
        try {
            ChoiceRequest c = json(body.toString());
            assertTrue(!unknown && !necessaryRefused, body::toString);
            Map<String, Choice> expected = new java.util.HashMap<>();
            services.forEach((id, on) -> {
                if (!id.equals("container-session")) {
                    expected.put(id, on ? Choice.GRANTED : Choice.DENIED);
                }
            });
            assertEquals(expected, c.services());
        } catch (BadRequest e) {
            assertEquals(400, e.status());
            assertTrue(unknown || necessaryRefused, e.getMessage());
            assertTrue(e.getMessage().contains("service '"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<Map<String, Boolean>> serviceChoices() {
        return Arbitraries.maps(Arbitraries.of("youtube", "segmetrics", "meta-pixel", "google-analytics",
                "container-session", "site-preferences", "nope", "YouTube", ""), Arbitraries.of(true, false)).ofMaxSize(5);
    }
}
