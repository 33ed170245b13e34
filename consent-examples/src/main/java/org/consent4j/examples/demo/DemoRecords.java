package org.consent4j.examples.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.consent4j.records.JsonLinesRecordSink;

/**
 * Where the demo writes consent records: a JSON Lines log named after the {@code --records} file, in
 * that file's directory. {@code consent-records.jsonl} gives the segments
 * {@code consent-records-000001.jsonl}, {@code consent-records-000002.jsonl}, …
 */
final class DemoRecords {

    private static final String SUFFIX = ".jsonl";

    private DemoRecords() {
    }

    static JsonLinesRecordSink open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path name = absolute.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("--records '" + file + "' names no file: give a file such as consent-records.jsonl");
        }
        String base = name.toString();
        if (base.toLowerCase(Locale.ROOT).endsWith(SUFFIX) && base.length() > SUFFIX.length()) {
            base = base.substring(0, base.length() - SUFFIX.length());
        }
        // an absolute path with a file name has a parent
        Path directory = Objects.requireNonNull(absolute.getParent(), "parent of " + absolute);
        try {
            return JsonLinesRecordSink.builder(directory).baseName(base).open();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--records '" + file + "': " + e.getMessage(), e);
        }
    }
}
