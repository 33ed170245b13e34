package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The table of what the gate treats as fetching, in docs/html-gate.md, is the one the code uses. */
final class FetchTableDocumentationTest {

    private static final String BEGIN = "<!-- fetch table: generated from FetchTable.ROWS; a test checks it -->\n";
    private static final String END = "<!-- end of fetch table -->";

    @Test
    void theDocumentedTableIsTheCodesTable() throws IOException {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir.getParent() != null && Files.exists(dir.getParent().resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        String doc = Files.readString(dir.resolve("docs/html-gate.md"), StandardCharsets.UTF_8);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/html-gate.md has no generated fetch table");
        String documented = doc.substring(begin + BEGIN.length(), end);
        String expected = FetchTable.markdown();
        assertTrue(documented.equals(expected), "docs/html-gate.md's fetch table differs from the code; replace it with:\n"
                + expected);
    }

    @Test
    void everyRowNamesKnownElementsAndAttributes() {
        for (FetchTable.Row row : FetchTable.ROWS) {
            for (String element : row.elements()) {
                boolean known = element.equals("*");
                for (int code = 1; code < Tags.TAG_NAMES.length; code++) {
                    known |= Tags.tagName(code, false).equals(element);
                }
                assertTrue(known, "element without a code: " + element);
            }
        }
        assertTrue(FetchTable.kind(true, Tags.T_VIDEO, AttrNames.POSTER) == FetchTable.Kind.URL);
        assertTrue(FetchTable.kind(false, Tags.T_VIDEO, AttrNames.POSTER) == null, "an SVG <video> loads nothing");
        assertTrue(FetchTable.kind(true, Tags.T_OTHER, AttrNames.STYLE) == FetchTable.Kind.CSS);
    }
}
