package org.consent4j.compliance;

import java.util.List;

/** A piece of a document, independent of the output format. */
sealed interface Block {

    /** A heading of level 1 to 3. */
    record Heading(int level, String text) implements Block {
    }

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
    }

    /** A bulleted list. */
    record Items(List<String> items) implements Block {
    }

    /** A table with a caption, column headers and rows of plain-text cells. */
    record Table(String caption, List<String> headers, List<List<String>> rows) implements Block {
    }
}
