package org.consent4j.core.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link Discovery} saw, at one moment: the sightings, and the inventory they were judged against.
 *
 * @param generatedAt      when the report was made
 * @param catalogRevision  the catalog's revision
 * @param declared         whether the site declared the services it uses
 * @param inUse            the ids of the services in the site's inventory
 * @param sightings        unknown hosts, unknown cookies and undeclared services
 * @param dropped          sightings not kept because discovery was full
 */
public record DiscoveryReport(Instant generatedAt, String catalogRevision, boolean declared, List<String> inUse,
                              List<Sighting> sightings, long dropped) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();

    /** Checks the components and copies the lists. */
    public DiscoveryReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(catalogRevision, "catalogRevision");
        inUse = List.copyOf(inUse);
        sightings = List.copyOf(sightings);
    }

    /** The sightings of one kind. */
    public List<Sighting> of(Sighting.Kind kind) {
        return sightings.stream().filter(s -> s.kind() == kind).toList();
    }

    /** The report as JSON, the format of the operators' endpoint and of {@link #parse(String)}. */
    public String toJson() {
        StringWriter out = new StringWriter(256 + sightings.size() * 200);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeStringField("generatedAt", generatedAt.toString());
            g.writeStringField("catalogRevision", catalogRevision);
            g.writeBooleanField("declared", declared);
            g.writeArrayFieldStart("inUse");
            for (String id : inUse) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("sightings");
            for (Sighting s : sightings) {
                g.writeStartObject();
                g.writeStringField("kind", s.kind().name().toLowerCase(Locale.ROOT));
                g.writeStringField("subject", s.subject());
                if (!s.serviceId().isEmpty()) {
                    g.writeStringField("service", s.serviceId());
                }
                g.writeNumberField("count", s.count());
                g.writeStringField("firstSeen", s.firstSeen().toString());
                g.writeStringField("lastSeen", s.lastSeen().toString());
                g.writeStringField("page", s.page());
                g.writeStringField("evidence", s.evidence());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("dropped", dropped);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming what is wrong, for text that is not such a report
     */
    public static DiscoveryReport parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a discovery report: malformed JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject() || root.path("version").asInt(0) != 1 || !root.path("sightings").isArray()) {
            throw new IllegalArgumentException("not a discovery report: expected an object with \"version\": 1 and"
                    + " \"sightings\", as served by the inventory endpoint");
        }
        try {
            List<String> inUse = new ArrayList<>();
            root.path("inUse").forEach(n -> inUse.add(n.asText()));
            List<Sighting> sightings = new ArrayList<>();
            int i = 0;
            for (JsonNode n : root.get("sightings")) {
                String kind = n.path("kind").asText("");
                Sighting.Kind k;
                try {
                    k = Sighting.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not a discovery report: /sightings/" + i + "/kind '" + kind
                            + "' is not unknown_host, unknown_cookie or undeclared_service", e);
                }
                sightings.add(new Sighting(k, n.path("subject").asText(), n.path("service").asText(""),
                        n.path("count").asLong(1), Instant.parse(n.path("firstSeen").asText()),
                        Instant.parse(n.path("lastSeen").asText()), n.path("page").asText(""),
                        n.path("evidence").asText("")));
                i++;
            }
            return new DiscoveryReport(Instant.parse(root.path("generatedAt").asText()),
                    root.path("catalogRevision").asText(""), root.path("declared").asBoolean(false), inUse, sightings,
                    root.path("dropped").asLong(0));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a discovery report: a time is not an ISO 8601 instant ("
                    + e.getParsedString() + ")", e);
        }
    }
}
