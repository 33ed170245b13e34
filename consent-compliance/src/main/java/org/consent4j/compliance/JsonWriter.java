package org.consent4j.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.internal.json.StrictJson;

/** Writes a record as JSON in the shape of {@code processing-record.schema.json}. */
final class JsonWriter {

    /** The schema's identifier; bump with any incompatible change of the output. */
    static final String SCHEMA = "https://consent4j.org/schemas/processing-record-1.json";

    private JsonWriter() {
    }

    static String write(ProcessingRecord r) {
        ObjectNode root = StrictJson.objectNode();
        root.put("$schema", SCHEMA);
        root.put("generatedAt", r.generatedAt().toString());
        root.put("catalogRevision", r.catalogRevision());
        root.put("inventoryHash", r.inventoryHash());
        ObjectNode c = root.putObject("controller");
        c.put("name", r.controller().name());
        c.put("contact", r.controller().contact());
        c.put("dpo", r.controller().dpo());
        c.put("representative", r.controller().representative());
        ObjectNode site = root.putObject("site");
        strings(site.putArray("confirmedCriteria"), r.site().confirmedCriteria().stream().sorted()
                .map(DpiaCriterion::id).toList());
        site.put("consentRecordRetention", r.site().consentRecordRetention());
        site.put("securityMeasures", r.site().securityMeasures());
        ArrayNode activities = root.putArray("activities");
        for (ProcessingActivity a : r.activities()) {
            ObjectNode n = activities.addObject();
            n.put("purpose", a.purposeId());
            localized(n.putObject("label"), a.label());
            n.put("category", a.category());
            n.put("legalBasis", lower(a.legalBasis()));
            n.put("legalReference", a.legalReference());
            strings(n.putArray("dataCategories"), a.dataCategories());
            strings(n.putArray("dataSubjects"), a.dataSubjects());
            strings(n.putArray("recipients"), a.recipients());
            strings(n.putArray("services"), a.services());
        }
        ArrayNode services = root.putArray("services");
        for (ServiceEntry s : r.services()) {
            ObjectNode n = services.addObject();
            n.put("id", s.id());
            n.put("name", s.name());
            n.put("recipient", s.recipient());
            n.put("category", s.category());
            strings(n.putArray("purposes"), s.purposes());
            n.put("legalBasis", lower(s.legalBasis()));
            n.put("legalReference", s.legalReference());
            ObjectNode t = n.putObject("transfer");
            t.put("country", s.transfer().country());
            t.put("safeguard", s.transfer().safeguard());
            t.put("outsideEea", s.outsideEea());
            n.put("risk", lower(s.risk()));
            ArrayNode cookies = n.putArray("cookies");
            s.cookies().forEach(k -> cookies.addObject().put("name", k.name()).put("lifetime", k.lifetime()));
            n.put("retention", s.retention());
            strings(n.putArray("dataCategories"), s.dataCategories());
            ObjectNode d = n.putObject("dpia");
            ServiceScreening sc = s.screening();
            strings(d.putArray("indicated"), sc.indicated().stream().sorted().map(DpiaCriterion::id).toList());
            strings(d.putArray("confirmed"), sc.confirmed().stream().sorted().map(DpiaCriterion::id).toList());
            d.put("result", lower(sc.result()));
            strings(d.putArray("reasons"), sc.reasons());
            strings(d.putArray("flows"), sc.flows());
            strings(d.putArray("risks"), sc.risks());
            strings(d.putArray("mitigations"), sc.mitigations());
            n.put("source", s.source());
        }
        root.put("result", lower(r.result()));
        try {
            return StrictJson.prettyWriter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record of processing as JSON", e);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static void localized(ObjectNode node, LocalizedText text) {
        text.texts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> node.put(e.getKey(), e.getValue()));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
