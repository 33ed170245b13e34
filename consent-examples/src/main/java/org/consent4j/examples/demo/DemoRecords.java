package org.consent4j.examples.demo;

import java.nio.file.Path;
import org.consent4j.core.record.ConsentRecordSink;

/** Where the demo writes consent records. */
final class DemoRecords {

    private DemoRecords() {
    }

    static ConsentRecordSink open(Path file) {
        return ConsentRecordSink.NONE;
    }
}
