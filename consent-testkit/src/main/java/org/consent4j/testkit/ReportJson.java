package org.consent4j.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.consent4j.core.internal.json.StrictJson;

/** Writes an {@link AuditReport} as JSON; field names and order are part of the format. */
final class ReportJson {


    private ReportJson() {
    }

    static String write(AuditReport report) {
        ObjectNode root = StrictJson.objectNode();
        root.put("format", AuditReport.FORMAT);
        root.put("site", report.site().toString());
        root.put("driver", report.driver());
        root.put("catalogRevision", report.catalogRevision());
        root.put("startedAt", report.startedAt().toString());
        ArrayNode paths = root.putArray("paths");
        report.paths().forEach(paths::add);
        ObjectNode summary = root.putObject("summary");
        summary.put("clean", report.clean());
        summary.put("violations", report.violations().size());
        summary.put("warnings", report.warnings().size());
        summary.put("runs", report.runs().size());
        ArrayNode services = root.putArray("services");
        for (AuditReport.ServiceRow s : report.services()) {
            services.addObject().put("id", s.id()).put("name", s.name()).put("category", s.category()).put("provider", s.provider());
        }
        ArrayNode runs = root.putArray("runs");
        for (AuditReport.Run r : report.runs()) {
            ObjectNode run = runs.addObject();
            run.put("state", r.state());
            run.put("description", r.description());
            run.put("jurisdiction", r.jurisdiction());
            run.put("regime", r.regime());
            run.put("gpc", r.gpc());
            run.put("applied", r.applied());
            run.put("note", r.note());
            ObjectNode cells = run.putObject("services");
            for (Map.Entry<String, AuditReport.Cell> c : r.cells().entrySet()) {
                cells.putObject(c.getKey()).put("status", c.getValue().status().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .put("decision", c.getValue().verdict()).put("reason", c.getValue().reason());
            }
            ArrayNode observations = run.putArray("observations");
            for (Observation o : r.observations()) {
                observations.addObject().put("path", o.path()).put("kind", o.kind().name().toLowerCase(Locale.ROOT))
                        .put("source", o.source()).put("subject", o.subject()).put("evidence", o.evidence());
            }
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            findings.addObject().put("severity", f.severity().name().toLowerCase(Locale.ROOT)).put("state", f.state())
                    .put("jurisdiction", f.jurisdiction()).put("path", f.path()).put("kind", f.kind()).put("source", f.source())
                    .put("service", f.service()).put("category", f.category()).put("evidence", f.evidence())
                    .put("rule", f.rule()).put("explanation", f.explanation());
        }
        try {
            return StrictJson.prettyWriter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings, numbers and booleans always serialises", e);
        }
    }
}
