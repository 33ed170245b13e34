package org.consent4j.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A signed statement of a log's head at a moment: the log's name, the head's seq and hash, the time,
 * and either a MAC under the records key (HMAC-SHA256: whoever holds the key can check it) or an Ed25519
 * signature under a {@link CheckpointKey} (anyone with the public key can check it, no secret needed). Kept outside the log (a file on another system, a ticket, a log line
 * shipped elsewhere), the last checkpoint lets {@code records verify} detect entries cut from the end of
 * the log: the checkpoint's entry must still be in it.
 *
 * <p>Its text form is one JSON line: {@code {"log":"…","seq":N,"hash":"…","at":"…","mac":"<key id>:<hex>"}},
 * with an Ed25519 signature {@code "mac":"<key id>:ed25519:<base64>"}.
 *
 * @param log  the log's name (the JSON Lines base name, or the database log name)
 * @param head the head at that moment
 * @param at   when it was taken
 * @param mac  HMAC-SHA256 under the records key over the other fields, or an Ed25519 signature over them
 */
public record Checkpoint(String log, ChainHead head, Instant at, String mac) {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** Checks that every component is present and the MAC is well formed. */
    public Checkpoint {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(at, "at");
        if (!RecordKeys.isMac(mac) && !CheckpointKey.isSignature(mac)) {
            throw new IllegalArgumentException("mac must be '<key id>:<64 lower-case hex digits>' (HMAC) or "
                    + "'<key id>:ed25519:<base64>' (Ed25519), was '" + mac + "'");
        }
    }

    /** Signs the head of {@code log} at {@code at} with the signing key of {@code keys}. */
    public static Checkpoint sign(RecordKeys keys, String log, ChainHead head, Instant at) {
        return new Checkpoint(log, head, at, keys.mac(message(log, head, at)));
    }

    /** Signs the head of {@code log} at {@code at} with the Ed25519 private key {@code key}. */
    public static Checkpoint sign(CheckpointKey key, String log, ChainHead head, Instant at) {
        return new Checkpoint(log, head, at, key.sign(message(log, head, at)));
    }

    /** Whether the MAC is valid under one of {@code keys} (an Ed25519-signed checkpoint is {@code INVALID} here). */
    public RecordKeys.Check check(RecordKeys keys) {
        return isSigned() ? RecordKeys.Check.INVALID : keys.check(mac, message(log, head, at));
    }

    /** Whether the Ed25519 signature is valid under {@code key} (a public key is enough). */
    public RecordKeys.Check check(CheckpointKey key) {
        return isSigned() ? key.check(mac, message(log, head, at)) : RecordKeys.Check.INVALID;
    }

    /** Whether this checkpoint carries an Ed25519 signature rather than an HMAC. */
    public boolean isSigned() {
        return CheckpointKey.isSignature(mac);
    }

    private static String message(String log, ChainHead head, Instant at) {
        return "consent4j-checkpoint-v1\n" + log + "\n" + head.seq() + "\n" + head.hash() + "\n" + at;
    }

    /** The one-line JSON form. */
    public String toLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("log", log);
            g.writeNumberField("seq", head.seq());
            g.writeStringField("hash", head.hash());
            g.writeStringField("at", at.toString());
            g.writeStringField("mac", mac);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads the one-line JSON form.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Checkpoint parse(String line) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a checkpoint is one JSON object per line: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject() || !n.path("log").isTextual() || !n.path("seq").canConvertToLong()
                || !n.path("hash").isTextual() || !n.path("at").isTextual() || !n.path("mac").isTextual()) {
            throw new IllegalArgumentException("a checkpoint needs \"log\", \"seq\", \"hash\", \"at\" and \"mac\"");
        }
        try {
            return new Checkpoint(n.get("log").textValue(), new ChainHead(n.get("seq").longValue(), n.get("hash").textValue()),
                    Instant.parse(n.get("at").textValue()), n.get("mac").textValue());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("checkpoint \"at\" is not an ISO-8601 instant", e);
        }
    }
}
