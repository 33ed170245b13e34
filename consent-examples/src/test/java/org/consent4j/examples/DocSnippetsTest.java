package org.consent4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code in README.md and docs/ equal to compiled, tested sources. A fenced code block preceded by
 * {@code <!-- snippet: path/from/repository/root -->} must hold that whole file, and with {@code #region}
 * the lines between the markers {@code tag::region[]} and {@code end::region[]} (marker lines left out,
 * common indentation removed). When a source changes, this test prints the block to paste.
 */
final class DocSnippetsTest {

    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: ([^#\\s]+)(?:#([\\w-]+))? -->");
    private static final Pattern MARKER = Pattern.compile("(tag|end)::[\\w-]+\\[]");

    @Test
    void everySnippetInTheDocsEqualsItsSource() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        int checked = 0;
        List<String> used = new ArrayList<>();
        for (Path doc : docs) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = SNIPPET.matcher(lines.get(i));
                if (!m.find()) {
                    continue;
                }
                assertTrue(i + 1 < lines.size() && lines.get(i + 1).startsWith("```"),
                        doc.getFileName() + ":" + (i + 1) + ": a snippet marker must be followed by a fenced code block");
                int end = i + 2;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                String inDoc = String.join("\n", lines.subList(i + 2, end));
                String expected = extract(root.resolve(m.group(1)), m.group(2));
                assertEquals(expected, inDoc, doc.getFileName() + ":" + (i + 1) + " differs from " + m.group(0)
                        + "; paste the expected block above into the doc");
                checked++;
                used.add(root.relativize(doc) + " <- " + m.group(1) + (m.group(2) == null ? "" : "#" + m.group(2)));
            }
        }
        assertTrue(used.stream().anyMatch(u -> u.startsWith("README.md")), used.toString());
        assertTrue(used.stream().anyMatch(u -> u.startsWith("docs/quickstart.md")), used.toString());
        assertTrue(used.stream().anyMatch(u -> u.startsWith("docs/spring-boot.md")), used.toString());
        assertTrue(checked >= 6, used.toString());
    }

    static String extract(Path source, String region) throws IOException {
        assertTrue(Files.isRegularFile(source), source + " does not exist");
        List<String> lines = Files.readAllLines(source);
        List<String> picked = new ArrayList<>();
        boolean inside = region == null;
        boolean found = region == null;
        for (String line : lines) {
            if (region != null && line.contains("tag::" + region + "[]")) {
                inside = true;
                found = true;
                continue;
            }
            if (region != null && line.contains("end::" + region + "[]")) {
                inside = false;
                continue;
            }
            if (inside && !MARKER.matcher(line).find()) {
                picked.add(line);
            }
        }
        assertTrue(found, "no region " + region + " in " + source);
        int indent = picked.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        List<String> out = picked.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
        return String.join("\n", out).stripTrailing();
    }
}
