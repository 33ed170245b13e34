package org.consent4j.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.consent4j.core.internal.html.HtmlEscaper;

/**
 * Writes an {@link AuditReport} as one self-contained HTML page for people who do not read code: a
 * summary, a matrix of services against consent states per jurisdiction (red where a service fired
 * without consent), and the evidence. No script, no external asset; every value is escaped.
 */
final class ReportHtml {

    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d232a;max-width:80rem}
            h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin-top:2rem}
            .meta{color:#5b6570;font-size:.9rem}
            .verdict{padding:.8rem 1rem;border-radius:6px;font-weight:600;margin:1rem 0}
            .verdict.bad{background:#fde2e1;color:#8a1c17;border:1px solid #e8a29e}
            .verdict.good{background:#e3f4e6;color:#1d5e2a;border:1px solid #9fd2a9}
            table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
            th,td{border:1px solid #cfd6dd;padding:.35rem .55rem;text-align:left;vertical-align:top}
            th{background:#f2f4f6}
            td.c{text-align:center;white-space:nowrap}
            .fired-without-consent{background:#d93025;color:#fff;font-weight:600}
            .fired-allowed{background:#e3f4e6;color:#1d5e2a}
            .blocked{background:#f4faf5;color:#3c6e47}
            .allowed-not-seen{background:#fff;color:#6b7580}
            .not-applied{background:repeating-linear-gradient(45deg,#f2f4f6,#f2f4f6 6px,#e3e7eb 6px,#e3e7eb 12px);color:#6b7580}
            .legend span{display:inline-block;padding:.15rem .5rem;margin:.15rem .3rem .15rem 0;border:1px solid #cfd6dd;border-radius:4px}
            code{font-size:.85em;word-break:break-all}
            """;

    private ReportHtml() {
    }

    static String write(AuditReport report) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>Consent audit of ").append(HtmlEscaper.escape(report.site().toString())).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        h.append("<h1>Consent audit of ").append(HtmlEscaper.escape(report.site().toString())).append("</h1>\n");
        h.append("<p class=\"meta\">Started ").append(HtmlEscaper.escape(report.startedAt().toString())).append(" · ")
                .append(report.driver().equals("browser") ? "real browser (what actually fired)" : "HTTP (cookies and the page markup)")
                .append(" · pages ").append(HtmlEscaper.escape(String.join(", ", report.paths()))).append(" · catalog revision ")
                .append(HtmlEscaper.escape(report.catalogRevision())).append("</p>\n");
        int v = report.violations().size();
        int w = report.warnings().size();
        if (v == 0) {
            h.append("<div class=\"verdict good\">No tracking without consent found.");
        } else {
            h.append("<div class=\"verdict bad\">").append(v).append(v == 1 ? " time" : " times")
                    .append(" a service tracked visitors without their consent.");
        }
        h.append(' ').append(w).append(w == 1 ? " thing" : " things").append(" to check below.</div>\n");

        h.append("<p class=\"legend\"><span class=\"fired-without-consent\">fired without consent</span>")
                .append("<span class=\"fired-allowed\">fired, allowed</span><span class=\"blocked\">blocked, as required</span>")
                .append("<span class=\"allowed-not-seen\">allowed, not seen</span><span class=\"not-applied\">state could not be tested</span></p>\n");

        Map<String, List<AuditReport.Run>> byJurisdiction = new LinkedHashMap<>();
        for (AuditReport.Run r : report.runs()) {
            byJurisdiction.computeIfAbsent(r.jurisdiction(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<AuditReport.Run>> e : byJurisdiction.entrySet()) {
            List<AuditReport.Run> runs = e.getValue();
            h.append("<h2>Visitor in ").append(HtmlEscaper.escape(e.getKey())).append(" (").append(HtmlEscaper.escape(regime(runs.get(0).regime())))
                    .append(")</h2>\n");
            if (report.services().isEmpty()) {
                h.append("<p>No known service was seen in any state.</p>\n");
                continue;
            }
            h.append("<table><thead><tr><th>Service</th><th>Category</th>");
            for (AuditReport.Run r : runs) {
                h.append("<th>").append(HtmlEscaper.escape(r.description())).append("</th>");
            }
            h.append("</tr></thead><tbody>\n");
            for (AuditReport.ServiceRow s : report.services()) {
                h.append("<tr><th>").append(HtmlEscaper.escape(s.name())).append("</th><td>").append(HtmlEscaper.escape(s.category())).append("</td>");
                for (AuditReport.Run r : runs) {
                    // every run has a cell for every service of the report
                    AuditReport.Cell c = Objects.requireNonNull(r.cells().get(s.id()), s.id());
                    String css = c.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
                    h.append("<td class=\"c ").append(css).append("\" title=\"")
                            .append(HtmlEscaper.escape(c.verdict() + ": " + c.reason())).append("\">").append(label(c.status())).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody></table>\n");
        }

        List<Finding> violations = report.violations();
        if (!violations.isEmpty()) {
            h.append("<h2>Tracking without consent</h2>\n<table><thead><tr><th>Visitor</th><th>Choice</th><th>Page</th>")
                    .append("<th>Service</th><th>What happened</th><th>Why it is not allowed</th></tr></thead><tbody>\n");
            for (Finding f : violations) {
                h.append("<tr><td>").append(HtmlEscaper.escape(f.jurisdiction())).append("</td><td>").append(HtmlEscaper.escape(f.state()))
                        .append("</td><td>").append(HtmlEscaper.escape(f.path())).append("</td><td>").append(HtmlEscaper.escape(f.service()))
                        .append(" (").append(HtmlEscaper.escape(f.category())).append(")</td><td><code>").append(HtmlEscaper.escape(f.evidence()))
                        .append("</code><br><small>").append(HtmlEscaper.escape(f.source())).append("</small></td><td>")
                        .append(HtmlEscaper.escape(f.explanation())).append(" <small>[").append(HtmlEscaper.escape(f.rule())).append("]</small></td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        List<Finding> warnings = report.warnings();
        if (!warnings.isEmpty()) {
            h.append("<h2>To check</h2>\n<table><thead><tr><th>Visitor</th><th>Choice</th><th>Page</th><th>What</th>")
                    .append("<th>Why it is listed</th></tr></thead><tbody>\n");
            for (Finding f : warnings) {
                h.append("<tr><td>").append(HtmlEscaper.escape(f.jurisdiction())).append("</td><td>").append(HtmlEscaper.escape(f.state()))
                        .append("</td><td>").append(HtmlEscaper.escape(f.path())).append("</td><td><code>").append(HtmlEscaper.escape(f.evidence()))
                        .append("</code></td><td>").append(HtmlEscaper.escape(f.explanation())).append(" <small>[").append(HtmlEscaper.escape(f.rule()))
                        .append("]</small></td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String regime(String regime) {
        return switch (regime) {
            case "OPT_IN" -> "consent needed first";
            case "OPT_OUT" -> "allowed until the visitor opts out";
            case "NOTICE" -> "allowed with notice";
            default -> regime;
        };
    }

    private static String label(AuditReport.Status status) {
        return switch (status) {
            case FIRED_WITHOUT_CONSENT -> "&#10007; fired without consent";
            case FIRED_ALLOWED -> "&#10003; fired, allowed";
            case BLOCKED -> "blocked";
            case ALLOWED_NOT_SEEN -> "&ndash;";
            case NOT_APPLIED -> "not tested";
        };
    }
}
