package org.consent4j.compliance;

import java.util.List;
import org.consent4j.core.internal.html.HtmlEscaper;

/**
 * Writes blocks as a standalone HTML page: one {@code h1}, sections by heading, tables with captions and
 * header cells, system colours with enough contrast, no script and no external resource.
 */
final class HtmlWriter {

    private static final String STYLE = """
            body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;\
            margin:0 auto;max-width:72rem;padding:1.5rem}\
            h1{font-size:1.75rem}h2{font-size:1.35rem;margin-top:2rem;border-bottom:1px solid #c8c8c8}\
            h3{font-size:1.1rem;margin-top:1.5rem}\
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\
            caption{text-align:left;font-weight:600;padding:.25rem 0}\
            th,td{border:1px solid #c8c8c8;padding:.4rem .5rem;text-align:left;vertical-align:top}\
            th{background:#f0f0f0}""";

    private HtmlWriter() {
    }

    static String write(List<Block> blocks, String language, String title) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"").append(escape(language)).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                out.append("<h").append(h.level()).append('>').append(escape(h.text()))
                        .append("</h").append(h.level()).append(">\n");
            } else if (b instanceof Block.Paragraph p) {
                out.append("<p>").append(escape(p.text())).append("</p>\n");
            } else if (b instanceof Block.Items l) {
                out.append("<ul>\n");
                l.items().forEach(i -> out.append("<li>").append(escape(i)).append("</li>\n"));
                out.append("</ul>\n");
            } else if (b instanceof Block.Table t) {
                out.append("<table>\n<caption>").append(escape(t.caption())).append("</caption>\n<thead><tr>");
                t.headers().forEach(h -> out.append("<th scope=\"col\">").append(escape(h)).append("</th>"));
                out.append("</tr></thead>\n<tbody>\n");
                for (List<String> row : t.rows()) {
                    out.append("<tr>");
                    for (int i = 0; i < row.size(); i++) {
                        String tag = i == 0 ? "th scope=\"row\"" : "td";
                        out.append('<').append(tag).append('>').append(escape(row.get(i)))
                                .append(i == 0 ? "</th>" : "</td>");
                    }
                    out.append("</tr>\n");
                }
                out.append("</tbody>\n</table>\n");
            }
        }
        return out.append("</main>\n</body>\n</html>\n").toString();
    }

    static String escape(String text) {
        return HtmlEscaper.escape(text);
    }
}
