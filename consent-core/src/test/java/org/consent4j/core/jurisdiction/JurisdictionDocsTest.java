package org.consent4j.core.jurisdiction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.consent4j.core.catalog.SensitiveData;
import org.junit.jupiter.api.Test;

/**
 * docs/jurisdictions.md lists every bundled entry, generated from jurisdictions.json: this test fails
 * when the two drift apart. Run it with {@code -Dconsent4j.updateDocs=true} to rewrite the generated part.
 */
final class JurisdictionDocsTest {

    static final String BEGIN = "<!-- BEGIN GENERATED from jurisdictions.json by JurisdictionDocsTest; do not edit -->";
    static final String END = "<!-- END GENERATED -->";

    @Test
    void docsWhenComparedWithTheBundledDataThenTheGeneratedTableIsCurrent() throws IOException {
        Path doc = repositoryRoot().resolve("docs/jurisdictions.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/jurisdictions.md needs the markers " + BEGIN + " and " + END);
        String generated = generate(Jurisdictions.bundled());
        String current = text.substring(begin + BEGIN.length(), end);
        if (!current.equals(generated) && Boolean.getBoolean("consent4j.updateDocs")) {
            Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + generated + text.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, current, "docs/jurisdictions.md is out of date with jurisdictions.json; rerun this test with "
                + "-Dconsent4j.updateDocs=true to regenerate it");
    }

    @Test
    void generateWhenBundledThenEveryEntryAndAliasIsListed() {
        JurisdictionTable t = Jurisdictions.bundled();
        String md = generate(t);
        for (Jurisdiction j : t.entries()) {
            assertTrue(md.contains("| `" + j.code() + "` | " + j.name() + " |"), j.code());
        }
        t.aliases().forEach(a -> assertTrue(md.contains("| `" + a.code() + "` | " + a.name() + " | `" + a.sameAs() + "`"), a.code()));
        assertTrue(md.contains("| `default` |"));
    }

    /** The generated part of docs/jurisdictions.md: a table of every entry and one of every alias. */
    static String generate(JurisdictionTable table) {
        StringBuilder sb = new StringBuilder("\n");
        List<Jurisdiction> all = new java.util.ArrayList<>();
        all.add(table.fallback());
        all.addAll(table.entries());
        sb.append(String.format(Locale.ROOT, "%d entries (%d places, some with more than one dated period) and %d aliases.%n%n",
                all.size(), all.stream().map(Jurisdiction::code).distinct().count(), table.aliases().size()));
        sb.append("| code | name | regime | in effect | GPC | choice age | sensitive data: opt-in | laws | source |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Jurisdiction j : all) {
            sb.append("| `").append(j.code()).append("` | ").append(j.name()).append(" | ").append(j.regime())
                    .append(j.regimeByLaw() ? "" : " (protective)").append(" | ").append(period(j)).append(" | ")
                    .append(gpc(j)).append(" | ").append(j.choiceAge()).append(" | ")
                    .append(j.sensitiveOptIn().isEmpty() ? "—" : j.sensitiveOptIn().stream().sorted()
                            .map(SensitiveData::jsonName).collect(Collectors.joining(", ")))
                    .append(j.exemptions().isEmpty() ? "" : "; exemption" + (j.exemptions().size() > 1 ? "s " : " ")
                            + j.exemptions().stream().map(e -> "`" + j.code() + "/" + e.id() + "` from " + e.from())
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(cell(String.join("; ", j.laws()))).append(" | ")
                    .append(j.sourceUrl().isEmpty() ? "—" : "[" + host(j.sourceUrl()) + "](" + j.sourceUrl() + ")")
                    .append(" |\n");
        }
        sb.append("\n| code | name | rules of | why | source |\n| --- | --- | --- | --- | --- |\n");
        for (JurisdictionAlias a : table.aliases()) {
            sb.append("| `").append(a.code()).append("` | ").append(a.name()).append(" | `").append(a.sameAs()).append("` | ")
                    .append(cell(a.source())).append(" | [").append(host(a.sourceUrl())).append("](").append(a.sourceUrl())
                    .append(") |\n");
        }
        return sb.toString();
    }

    private static String period(Jurisdiction j) {
        boolean start = !j.from().equals(Jurisdiction.ALWAYS);
        boolean stop = !j.until().equals(Jurisdiction.OPEN);
        if (start && stop) {
            return j.from() + " to " + j.until().minusDays(1);
        }
        if (start) {
            return "from " + j.from();
        }
        return stop ? "until " + j.until().minusDays(1) : "—";
    }

    private static String gpc(Jurisdiction j) {
        if (!j.gpcSince().isEmpty()) {
            return "legal duty from " + j.gpcSince();
        }
        return j.gpcHonoured() ? "site policy" : "not an opt-out";
    }

    private static String host(String url) {
        String h = url.replaceFirst("^https?://", "");
        int slash = h.indexOf('/');
        return slash < 0 ? h : h.substring(0, slash);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("consent-core")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root");
    }
}
