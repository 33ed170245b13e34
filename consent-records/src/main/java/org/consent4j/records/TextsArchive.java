package org.consent4j.records;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.consent4j.records.internal.EntryCodec;

/**
 * A content-addressed archive of the texts shown to visitors: what a record's {@code textsHash} names,
 * so a record can be rendered back into what the visitor saw. Contents are stored once under the
 * SHA-256 of their bytes and never change. The JSON Lines sink keeps them in files next to its log, the
 * JDBC sink in a table. Thread-safe.
 */
public interface TextsArchive {

    /**
     * Stores {@code content} (idempotent) and returns its hash, the 64 lower-case hex digits of its
     * SHA-256.
     *
     * @throws RecordWriteException if it cannot be made durable
     */
    String put(byte[] content);

    /**
     * The content stored under {@code hash}.
     *
     * @throws RecordWriteException if the archive cannot be read
     */
    Optional<byte[]> get(String hash);

    /** The hash a content is stored under: its SHA-256, hex. */
    static String hashOf(byte[] content) {
        return EntryCodec.hex(EntryCodec.sha256().digest(content));
    }

    /** The hash of a UTF-8 text. */
    static String hashOf(String content) {
        return hashOf(content.getBytes(StandardCharsets.UTF_8));
    }
}
