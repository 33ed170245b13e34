package org.consent4j.compliance;

import java.util.List;

/** Writes blocks as CommonMark with GitHub-style tables. */
final class MarkdownWriter {

    private MarkdownWriter() {
    }

    static String write(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block b : blocks) {
            if (b instanceof Block.Heading h) {
                out.append("#".repeat(h.level())).append(' ').append(inline(h.text())).append("\n\n");
            } else if (b instanceof Block.Paragraph p) {
                out.append(inline(p.text())).append("\n\n");
            } else if (b instanceof Block.Items l) {
                l.items().forEach(i -> out.append("- ").append(inline(i)).append('\n'));
                out.append('\n');
            } else if (b instanceof Block.Table t) {
                row(out, t.headers());
                out.append('|');
                t.headers().forEach(h -> out.append(" --- |"));
                out.append('\n');
                t.rows().forEach(r -> row(out, r));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        cells.forEach(c -> out.append(' ').append(inline(c).replace("|", "\\|")).append(" |"));
        out.append('\n');
    }

    /** Escapes the characters that would start Markdown markup inside text. */
    private static String inline(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>#".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\n' ? ' ' : c);
        }
        return out.toString();
    }
}
