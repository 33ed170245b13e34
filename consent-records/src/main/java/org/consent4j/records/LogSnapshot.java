package org.consent4j.records;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.consent4j.records.internal.LineReader;

/**
 * What readers of a JSON Lines log see: the segments, the durable length of the active one (entries
 * past it are not acknowledged yet), the durable head, and the channel that holds the active
 * segment's lock (the only way this process may read it).
 */
record LogSnapshot(List<Path> segments, long activeLimit, ChainHead head, FileChannel activeChannel) {

    /** Reads a segment: through the locked channel when it is the active one, else from its file. */
    LineReader reader(Path segment) throws IOException {
        if (segment.equals(segments.get(segments.size() - 1))) {
            return new LineReader(activeChannel, activeLimit);
        }
        return new LineReader(segment, Long.MAX_VALUE);
    }
}
