package org.consent4j.core.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.SensitiveData;
import org.consent4j.core.internal.json.StrictJson;

/**
 * The site's own rules on top of the law: what to do where the law leaves a choice, which earlier
 * catalog revisions still count, which services handle sensitive data on this site, and which legal
 * consent exemptions to use. Immutable; made in Java with {@link #builder()} or read from JSON with
 * {@link #parse(String, String)}:
 *
 * <pre>{@code
 * {
 *   "honourGpcBeyondMandate": true,
 *   "grantOverGpc": false,
 *   "exemptions": ["GB/statistics"],
 *   "sensitive": {"meta-pixel": ["health"]},
 *   "acceptedRevisions": {
 *     "catalog": ["3f1c0a9e2b7d"],
 *     "categories": {"analytics": ["a1b2c3d4"]},
 *     "services": {"youtube": ["0badc0de"]}
 *   }
 * }
 * }</pre>
 *
 * @param honourGpcBeyondMandate whether Global Privacy Control opts the visitor out where the
 *                               jurisdiction's entry honours it but no law requires it (yet); on by default
 * @param grantOverGpc           whether an explicit grant made while GPC was on may win over the signal,
 *                               where the law allows it or GPC is honoured only as policy; off by default
 * @param exemptions             legal consent exemptions turned on, as {@code CODE/id} (e.g. {@code GB/statistics})
 * @param sensitive              service id to the sensitive data it handles on this site, added to the catalog's flags
 * @param acceptedCatalogRevisions whole-catalog revisions whose choices still count (a consent cookie
 *                               written before per-category revisions carries only this)
 * @param acceptedCategoryRevisions category id to earlier revisions of it whose choices still count
 * @param acceptedServiceRevisions  service id to earlier revisions of it whose choices still count
 */
public record ConsentPolicy(boolean honourGpcBeyondMandate, boolean grantOverGpc, Set<String> exemptions,
                            Map<String, Set<SensitiveData>> sensitive, Set<String> acceptedCatalogRevisions,
                            Map<String, Set<String>> acceptedCategoryRevisions,
                            Map<String, Set<String>> acceptedServiceRevisions) {

    /** The defaults: GPC honoured beyond the mandate, GPC never overridden, no exemptions, nothing earlier accepted. */
    public static final ConsentPolicy DEFAULT = builder().build();

    private static final Pattern EXEMPTION = Pattern.compile("(default|[A-Z]{2}(-[A-Z0-9]{1,3})?)/[a-z0-9][a-z0-9_-]{0,63}");
    private static final List<String> FIELDS = List.of("honourGpcBeyondMandate", "grantOverGpc", "exemptions", "sensitive",
            "acceptedRevisions");

    /** Copies the collections and checks that each exemption reads CODE/id. */
    public ConsentPolicy {
        exemptions = Set.copyOf(exemptions);
        for (String e : exemptions) {
            if (!EXEMPTION.matcher(e).matches()) {
                throw new IllegalArgumentException("exemption '" + e + "' must read CODE/id, e.g. GB/statistics");
            }
        }
        Map<String, Set<SensitiveData>> s = new HashMap<>();
        sensitive.forEach((k, v) -> s.put(k, v.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(v))));
        sensitive = Map.copyOf(s);
        acceptedCatalogRevisions = Set.copyOf(acceptedCatalogRevisions);
        acceptedCategoryRevisions = copy(acceptedCategoryRevisions);
        acceptedServiceRevisions = copy(acceptedServiceRevisions);
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> map) {
        Map<String, Set<String>> m = new HashMap<>();
        map.forEach((k, v) -> m.put(k, Set.copyOf(v)));
        return Map.copyOf(m);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the exemption {@code id} of jurisdiction {@code code} is turned on. */
    public boolean exemptionOn(String code, String id) {
        return exemptions.contains(code + "/" + id);
    }

    /**
     * The policy in a JSON file.
     *
     * @throws IllegalArgumentException naming the file, the field and what is wrong
     */
    public static ConsentPolicy load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the consent policy (" + e.getMessage()
                    + "); check that the file exists and is readable UTF-8", e);
        }
    }

    /**
     * The policy in {@code json}; absent fields keep their defaults, unknown fields are errors.
     *
     * @param source the name used in error messages (a file name)
     * @throws IllegalArgumentException naming the source, the field and what is wrong
     */
    public static ConsentPolicy parse(String json, String source) {
        JsonNode root;
        try {
            root = StrictJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + StrictJson.problem(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": the consent policy must be a JSON object, e.g. {\"grantOverGpc\": false}");
        }
        List<String> problems = new ArrayList<>();
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!FIELDS.contains(n)) {
                problems.add("/" + n + ": unknown field (known: " + String.join(", ", FIELDS) + ")");
            }
        }
        Builder b = builder();
        JsonNode n = root.get("honourGpcBeyondMandate");
        if (n != null) {
            if (n.isBoolean()) {
                b.honourGpcBeyondMandate(n.booleanValue());
            } else {
                problems.add("/honourGpcBeyondMandate: write true or false");
            }
        }
        n = root.get("grantOverGpc");
        if (n != null) {
            if (n.isBoolean()) {
                b.grantOverGpc(n.booleanValue());
            } else {
                problems.add("/grantOverGpc: write true or false");
            }
        }
        n = root.get("exemptions");
        if (n != null) {
            for (String e : strings(n, "/exemptions", problems)) {
                if (EXEMPTION.matcher(e).matches()) {
                    b.exemption(e);
                } else {
                    problems.add("/exemptions: '" + e + "' must read CODE/id, e.g. GB/statistics");
                }
            }
        }
        n = root.get("sensitive");
        if (n != null) {
            if (!n.isObject()) {
                problems.add("/sensitive: write {\"service-id\": [\"health\"]}");
            } else {
                n.properties().forEach(e -> {
                    for (String kind : strings(e.getValue(), "/sensitive/" + e.getKey(), problems)) {
                        try {
                            b.sensitive(e.getKey(), SensitiveData.fromJson(kind));
                        } catch (IllegalArgumentException x) {
                            problems.add("/sensitive/" + e.getKey() + ": " + x.getMessage());
                        }
                    }
                });
            }
        }
        n = root.get("acceptedRevisions");
        if (n != null) {
            if (!n.isObject()) {
                problems.add("/acceptedRevisions: write {\"catalog\": [...], \"categories\": {...}, \"services\": {...}}");
            } else {
                n.properties().forEach(e -> {
                    String at = "/acceptedRevisions/" + e.getKey();
                    switch (e.getKey()) {
                        case "catalog" -> strings(e.getValue(), at, problems).forEach(b::acceptCatalogRevision);
                        case "categories", "services" -> {
                            if (!e.getValue().isObject()) {
                                problems.add(at + ": write {\"id\": [\"revision\", ...]}");
                            } else {
                                e.getValue().properties().forEach(r -> strings(r.getValue(), at + "/" + r.getKey(), problems)
                                        .forEach(rev -> {
                                            if (e.getKey().equals("categories")) {
                                                b.acceptCategoryRevision(r.getKey(), rev);
                                            } else {
                                                b.acceptServiceRevision(r.getKey(), rev);
                                            }
                                        }));
                            }
                        }
                        default -> problems.add(at + ": unknown field (known: catalog, categories, services)");
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + problems.size() + " problem(s) in the consent policy: "
                    + String.join("; ", problems));
        }
        return b.build();
    }

    private static List<String> strings(JsonNode node, String at, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (!node.isArray()) {
            problems.add(at + ": write a list of strings");
            return out;
        }
        for (JsonNode v : node) {
            if (v.isTextual() && !v.textValue().isBlank()) {
                out.add(v.textValue());
            } else {
                problems.add(at + ": " + v + " is not a non-empty string");
            }
        }
        return out;
    }

    /** Builds a {@link ConsentPolicy}. Not thread-safe. */
    public static final class Builder {
        private boolean honourGpcBeyondMandate = true;
        private boolean grantOverGpc;
        private final Set<String> exemptions = new HashSet<>();
        private final Map<String, Set<SensitiveData>> sensitive = new HashMap<>();
        private final Set<String> catalog = new HashSet<>();
        private final Map<String, Set<String>> categories = new HashMap<>();
        private final Map<String, Set<String>> services = new HashMap<>();

        private Builder() {
        }

        /** Honour GPC where the jurisdiction's entry does but no law requires it; on by default. */
        public Builder honourGpcBeyondMandate(boolean honour) { this.honourGpcBeyondMandate = honour; return this; }
        /** Let a grant made while GPC was on win where the law allows it or GPC is only policy; off by default. */
        public Builder grantOverGpc(boolean allowed) { this.grantOverGpc = allowed; return this; }
        /** Turns on a legal exemption, written {@code CODE/id}, e.g. {@code GB/statistics}. */
        public Builder exemption(String codeSlashId) { exemptions.add(codeSlashId); return this; }
        /** Flags a service as handling this kind of sensitive data on this site. */
        public Builder sensitive(String serviceId, SensitiveData kind) {
            sensitive.computeIfAbsent(serviceId, k -> EnumSet.noneOf(SensitiveData.class)).add(kind);
            return this;
        }
        /** A whole-catalog revision whose choices still count. */
        public Builder acceptCatalogRevision(String revision) { catalog.add(Objects.requireNonNull(revision)); return this; }
        /** An earlier revision of a category whose choices still count. */
        public Builder acceptCategoryRevision(String categoryId, String revision) {
            categories.computeIfAbsent(categoryId, k -> new HashSet<>()).add(revision);
            return this;
        }
        /** An earlier revision of a service whose choices still count. */
        public Builder acceptServiceRevision(String serviceId, String revision) {
            services.computeIfAbsent(serviceId, k -> new HashSet<>()).add(revision);
            return this;
        }

        /** The policy. */
        public ConsentPolicy build() {
            return new ConsentPolicy(honourGpcBeyondMandate, grantOverGpc, exemptions, sensitive, catalog, categories, services);
        }
    }
}
