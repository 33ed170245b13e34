package org.consent4j.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.LoggerFactory;

/**
 * Where a sink sends its signed checkpoints, so they live somewhere its log's writer cannot change:
 * a file on another volume or system, a log line shipped elsewhere, an HTTP endpoint (implement this
 * interface). Called on a background thread; it may block briefly; what it throws is logged, and the
 * next checkpoint is tried as usual.
 */
@FunctionalInterface
public interface CheckpointPublisher {

    /** Publishes one checkpoint. */
    void publish(Checkpoint checkpoint) throws IOException;

    /** Writes each checkpoint's line at INFO to the logger {@code org.consent4j.records.checkpoints}. */
    static CheckpointPublisher log() {
        return c -> LoggerFactory.getLogger("org.consent4j.records.checkpoints").info("{}", c.toLine());
    }

    /** Appends each checkpoint's line to {@code file} (created if missing) and forces it to disk. */
    static CheckpointPublisher appendTo(Path file) {
        return c -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer b = ByteBuffer.wrap((c.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(false);
            }
        };
    }
}
