package org.consent4j.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consent4j.core.internal.json.StrictJson;
import org.jspecify.annotations.Nullable;

/**
 * The bundled catalog's texts in other languages, kept in one overlay file per language beside it
 * ({@code i18n/<lang>.json}) so the catalog itself stays readable. An overlay gives, per service id, a
 * {@code description} and, per cookie name, prefix or pattern, what the cookie is for:
 * <pre>{"language": "fr", "services": {"google-analytics": {"description": "...", "cookies": {"_ga": "..."}}}}</pre>
 * The texts are merged into the catalog's JSON before it is read, as if written inline as
 * {@code {"en": ..., "fr": ...}}; a text the catalog already has in that language wins. An overlay
 * that names a service or cookie the catalog does not have is an error: the bundled files are tested
 * together.
 */
final class CatalogTranslations {

    /** The languages that have an overlay for the bundled catalog. */
    static final List<String> BUNDLED = List.of("fr", "de");

    private static final String DIRECTORY = "org/consent4j/core/catalog/i18n/";

    private CatalogTranslations() {
    }

    /** Merges every bundled overlay into the bundled catalog's tree. */
    static void applyBundled(JsonNode catalog) {
        for (String language : BUNDLED) {
            String resource = DIRECTORY + language + ".json";
            try (InputStream in = CatalogTranslations.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw failure(resource, "", "the overlay is missing from the classpath",
                            "the consent-core jar is incomplete; rebuild or re-download it");
                }
                apply(catalog, StrictJson.readTree(in.readAllBytes()), language, resource);
            } catch (IOException e) {
                throw failure(resource, "", "the overlay cannot be read: " + e, "the consent-core jar may be damaged");
            }
        }
    }

    /** Merges one overlay into a catalog tree. */
    static void apply(JsonNode catalog, JsonNode overlay, String language, String source) {
        if (!language.equals(overlay.path("language").asText(""))) {
            throw failure(source, "/language", "the overlay is not for '" + language + "'", "set \"language\": \"" + language + "\"");
        }
        Map<String, ObjectNode> services = new HashMap<>();
        for (JsonNode s : catalog.path("services")) {
            if (s instanceof ObjectNode o && s.path("id").isTextual()) {
                services.put(s.path("id").textValue(), o);
            }
        }
        List<CatalogProblem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : overlay.path("services").properties()) {
            String pointer = "/services/" + e.getKey();
            ObjectNode service = services.get(e.getKey());
            if (service == null) {
                problems.add(new CatalogProblem(source, pointer, "no service '" + e.getKey() + "' in the catalog",
                        "remove the entry or fix the id"));
                continue;
            }
            JsonNode description = e.getValue().get("description");
            if (description != null) {
                merge(service, "description", description, language, source, pointer, problems);
            }
            for (Map.Entry<String, JsonNode> c : e.getValue().path("cookies").properties()) {
                ObjectNode cookie = cookie(service, c.getKey());
                if (cookie == null) {
                    problems.add(new CatalogProblem(source, pointer + "/cookies/" + c.getKey(), "service '" + e.getKey()
                            + "' has no cookie '" + c.getKey() + "'", "use the cookie's name, prefix or pattern as the catalog gives it"));
                } else {
                    merge(cookie, "description", c.getValue(), language, source, pointer + "/cookies/" + c.getKey(), problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
    }

    private static @Nullable ObjectNode cookie(ObjectNode service, String key) {
        for (JsonNode c : service.path("cookies")) {
            for (String field : List.of("name", "prefix", "pattern")) {
                if (c instanceof ObjectNode o && key.equals(c.path(field).asText(null))) {
                    return o;
                }
            }
        }
        return null;
    }

    private static void merge(ObjectNode target, String field, JsonNode text, String language, String source, String pointer,
                              List<CatalogProblem> problems) {
        if (!text.isTextual() || text.textValue().isBlank()) {
            problems.add(new CatalogProblem(source, pointer, "the text must be a non-empty string", "write the translation"));
            return;
        }
        JsonNode existing = target.get(field);
        ObjectNode texts;
        if (existing instanceof ObjectNode o) {
            texts = o;
        } else {
            texts = StrictJson.objectNode();
            if (existing != null && existing.isTextual()) {
                texts.put(LocalizedText.DEFAULT_LANGUAGE, existing.textValue());
            }
            target.set(field, texts);
        }
        if (!texts.has(language)) {
            texts.put(language, text.textValue());
        }
    }

    private static CatalogException failure(String source, String pointer, String message, String hint) {
        return new CatalogException(List.of(new CatalogProblem(source, pointer, message, hint)));
    }
}
