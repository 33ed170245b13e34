package org.consent4j.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.internal.json.StrictJson;

/**
 * What the documents need beyond the consent catalog: the categories of personal data and of data
 * subjects each purpose involves, the WP248 criteria a purpose or a service indicates, and for some
 * services the data flows, risks and mitigations of a DPIA outline.
 *
 * <p>These facts live beside the catalog rather than in it: the filter loads the catalog on every start
 * and never needs them. A site adds or overrides entries with files of the same format
 * ({@link #load(Path...)}); a later file wins by id. Immutable and thread-safe.
 */
public final class ProcessingFacts {

    private static final String BUNDLED = "processing-facts.json";

    /** A purpose's facts. */
    record PurposeFacts(List<String> dataCategories, List<String> dataSubjects, Set<DpiaCriterion> criteria,
                        String note) {
    }

    /** A service's facts; lists of flows, risks and mitigations by language. */
    record ServiceFacts(List<String> dataCategories, Set<DpiaCriterion> criteria,
                        Map<String, List<String>> flows, Map<String, List<String>> risks,
                        Map<String, List<String>> mitigations, String source) {
    }

    private final Map<String, LocalizedText> dataCategories;
    private final Map<String, LocalizedText> dataSubjects;
    private final Map<String, PurposeFacts> purposes;
    private final Map<String, ServiceFacts> services;

    private ProcessingFacts(Map<String, LocalizedText> dataCategories, Map<String, LocalizedText> dataSubjects,
                            Map<String, PurposeFacts> purposes, Map<String, ServiceFacts> services) {
        this.dataCategories = Map.copyOf(dataCategories);
        this.dataSubjects = Map.copyOf(dataSubjects);
        this.purposes = Map.copyOf(purposes);
        this.services = Map.copyOf(services);
    }

    /** The facts shipped with consent4j for the bundled catalog's purposes and some of its services. */
    public static ProcessingFacts bundled() {
        try (InputStream in = ProcessingFacts.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the classpath: rebuild consent-compliance");
            }
            return new Reader(new Accumulator()).read(StrictJson.readTree(in.readAllBytes()), "bundled " + BUNDLED).into()
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + BUNDLED, e);
        }
    }

    /**
     * The bundled facts with the site's files laid over them, in order.
     *
     * @throws IllegalArgumentException naming the file, the JSON path and what is wrong
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static ProcessingFacts load(Path... siteFiles) {
        ProcessingFacts bundled = bundled();
        Accumulator all = new Accumulator(bundled);
        for (Path file : siteFiles) {
            JsonNode root;
            try {
                root = StrictJson.readTree(Files.readString(file));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(file + ": " + StrictJson.describe(e) + "; fix the file and load it again", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read processing facts " + file, e);
            }
            new Reader(all).read(root, file.toString());
        }
        return all.build();
    }

    Optional<PurposeFacts> purpose(String id) {
        return Optional.ofNullable(purposes.get(id));
    }

    Optional<ServiceFacts> service(String id) {
        return Optional.ofNullable(services.get(id));
    }

    /** The label of a data category id in a language, the id itself when unknown. */
    String dataCategoryLabel(String id, String language) {
        LocalizedText text = dataCategories.get(id);
        return text == null ? id : text.get(language);
    }

    /** The label of a data-subject category id in a language, the id itself when unknown. */
    String dataSubjectLabel(String id, String language) {
        LocalizedText text = dataSubjects.get(id);
        return text == null ? id : text.get(language);
    }

    private static final class Accumulator {
        final Map<String, LocalizedText> dataCategories = new LinkedHashMap<>();
        final Map<String, LocalizedText> dataSubjects = new LinkedHashMap<>();
        final Map<String, PurposeFacts> purposes = new LinkedHashMap<>();
        final Map<String, ServiceFacts> services = new LinkedHashMap<>();

        Accumulator() {
        }

        Accumulator(ProcessingFacts base) {
            dataCategories.putAll(base.dataCategories);
            dataSubjects.putAll(base.dataSubjects);
            purposes.putAll(base.purposes);
            services.putAll(base.services);
        }

        ProcessingFacts build() {
            return new ProcessingFacts(dataCategories, dataSubjects, purposes, services);
        }
    }

    /** Reads one file into the accumulator, failing on the first problem with its JSON path. */
    private record Reader(Accumulator into) {

        Reader read(JsonNode root, String source) {
            if (!root.isObject()) {
                throw problem(source, "", "the document must be a JSON object");
            }
            JsonNode version = root.path("version");
            if (!version.isInt() || version.intValue() != 1) {
                throw problem(source, "/version", "must be 1");
            }
            labels(root.path("dataCategories"), source, "/dataCategories", into.dataCategories);
            labels(root.path("dataSubjects"), source, "/dataSubjects", into.dataSubjects);
            for (Map.Entry<String, JsonNode> e : fields(root.path("purposes"), source, "/purposes")) {
                String at = "/purposes/" + e.getKey();
                JsonNode p = e.getValue();
                into.purposes.put(e.getKey(), new PurposeFacts(
                        known(strings(p.path("dataCategories"), source, at + "/dataCategories"), into.dataCategories,
                                source, at + "/dataCategories"),
                        known(strings(p.path("dataSubjects"), source, at + "/dataSubjects"), into.dataSubjects,
                                source, at + "/dataSubjects"),
                        criteria(p.path("criteria"), source, at + "/criteria"),
                        p.path("note").asText("")));
            }
            for (Map.Entry<String, JsonNode> e : fields(root.path("services"), source, "/services")) {
                String at = "/services/" + e.getKey();
                JsonNode s = e.getValue();
                into.services.put(e.getKey(), new ServiceFacts(
                        known(strings(s.path("dataCategories"), source, at + "/dataCategories"), into.dataCategories,
                                source, at + "/dataCategories"),
                        criteria(s.path("criteria"), source, at + "/criteria"),
                        byLanguage(s.path("flows"), source, at + "/flows"),
                        byLanguage(s.path("risks"), source, at + "/risks"),
                        byLanguage(s.path("mitigations"), source, at + "/mitigations"),
                        s.path("source").asText("")));
            }
            return this;
        }

        private static void labels(JsonNode node, String source, String at, Map<String, LocalizedText> into) {
            for (Map.Entry<String, JsonNode> e : fields(node, source, at)) {
                Map<String, String> texts = new HashMap<>();
                for (Map.Entry<String, JsonNode> t : fields(e.getValue(), source, at + "/" + e.getKey())) {
                    if (!t.getValue().isTextual()) {
                        throw problem(source, at + "/" + e.getKey() + "/" + t.getKey(), "must be a string");
                    }
                    texts.put(t.getKey(), t.getValue().textValue());
                }
                if (!texts.containsKey("en")) {
                    throw problem(source, at + "/" + e.getKey(), "needs an English (\"en\") label");
                }
                into.put(e.getKey(), new LocalizedText(texts));
            }
        }

        private static List<Map.Entry<String, JsonNode>> fields(JsonNode node, String source, String at) {
            if (node.isMissingNode()) {
                return List.of();
            }
            if (!node.isObject()) {
                throw problem(source, at, "must be a JSON object");
            }
            return new ArrayList<>(node.properties());
        }

        private static List<String> strings(JsonNode node, String source, String at) {
            if (node.isMissingNode()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw problem(source, at, "must be an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    throw problem(source, at + "/" + i, "must be a string");
                }
                out.add(node.get(i).textValue());
            }
            return List.copyOf(out);
        }

        private static List<String> known(List<String> ids, Map<String, LocalizedText> vocabulary, String source,
                                          String at) {
            for (int i = 0; i < ids.size(); i++) {
                if (!vocabulary.containsKey(ids.get(i))) {
                    throw problem(source, at + "/" + i, "'" + ids.get(i) + "' is not declared; add it under "
                            + (at.endsWith("dataSubjects") ? "/dataSubjects" : "/dataCategories") + " with its labels");
                }
            }
            return ids;
        }

        private static Set<DpiaCriterion> criteria(JsonNode node, String source, String at) {
            List<String> ids = strings(node, source, at);
            EnumSet<DpiaCriterion> out = EnumSet.noneOf(DpiaCriterion.class);
            for (int i = 0; i < ids.size(); i++) {
                try {
                    out.add(DpiaCriterion.ofId(ids.get(i)));
                } catch (IllegalArgumentException e) {
                    throw problem(source, at + "/" + i, String.valueOf(e.getMessage()));
                }
            }
            return Set.copyOf(out);
        }

        private static Map<String, List<String>> byLanguage(JsonNode node, String source, String at) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(node, source, at)) {
                out.put(e.getKey(), strings(e.getValue(), source, at + "/" + e.getKey()));
            }
            return Map.copyOf(out);
        }

        private static IllegalArgumentException problem(String source, String at, String what) {
            return new IllegalArgumentException(source + ": " + (at.isEmpty() ? "/" : at) + ": " + what);
        }
    }

    @Override
    public String toString() {
        return "ProcessingFacts[" + purposes.size() + " purposes, " + services.size() + " services]";
    }
}
