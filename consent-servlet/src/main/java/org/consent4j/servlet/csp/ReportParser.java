package org.consent4j.servlet.csp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads violation reports in both formats browsers send: the {@code report-uri} one
 * ({@code application/csp-report}, {@code {"csp-report": {"blocked-uri": …}}}) and the Reporting API
 * one ({@code application/reports+json}, {@code [{"type": "csp-violation", "body": {"blockedURL": …}}]}).
 * Lenient with what it does not need, strict with nesting and size.
 */
final class ReportParser {

    /** Reports read from one body at most; the rest are ignored. */
    static final int MAX_REPORTS = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(65_536).build())
            .build());

    /** One report's fields of interest; empty strings where absent. */
    record Raw(String blockedUrl, String directive, String documentUrl, String disposition) {
    }

    private ReportParser() {
    }

    /**
     * The reports in a body.
     *
     * @throws IllegalArgumentException saying what is wrong when the body is not JSON or holds no report
     */
    static List<Raw> parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the report is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the report could not be read: " + e.getMessage());
        }
        List<Raw> reports = new ArrayList<>();
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("the report is empty");
        }
        if (root.isObject() && root.get("csp-report") != null) {
            legacy(root.get("csp-report"), reports);
        } else if (root.isArray()) {
            for (JsonNode entry : root) {
                if (reports.size() >= MAX_REPORTS) {
                    break;
                }
                reporting(entry, reports);
            }
        } else if (root.isObject()) {
            reporting(root, reports);
        }
        if (reports.isEmpty() && !(root.isArray() && !root.isEmpty())) {
            throw new IllegalArgumentException("no CSP violation in the body: expected {\"csp-report\": {…}} "
                    + "(application/csp-report) or [{\"type\": \"csp-violation\", \"body\": {…}}] (application/reports+json)");
        }
        return reports;
    }

    private static void legacy(JsonNode r, List<Raw> out) {
        if (!r.isObject()) {
            throw new IllegalArgumentException("\"csp-report\" must be an object");
        }
        String directive = text(r, "effective-directive");
        if (directive.isEmpty()) {
            directive = firstWord(text(r, "violated-directive"));
        }
        out.add(new Raw(text(r, "blocked-uri"), directive, text(r, "document-uri"), text(r, "disposition")));
    }

    /** One Reporting API entry; entries of other types (deprecation, intervention, …) are skipped. */
    private static void reporting(JsonNode entry, List<Raw> out) {
        if (!entry.isObject() || !"csp-violation".equals(text(entry, "type"))) {
            return;
        }
        JsonNode body = entry.get("body");
        if (body == null || !body.isObject()) {
            return;
        }
        String document = text(body, "documentURL");
        if (document.isEmpty()) {
            document = text(entry, "url");
        }
        out.add(new Raw(text(body, "blockedURL"), text(body, "effectiveDirective"), document, text(body, "disposition")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : "";
    }

    private static String firstWord(String s) {
        String t = s.trim();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }
}
