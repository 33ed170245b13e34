package org.consent4j.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The records keys: secrets that authenticate the entries of a record log (HMAC-SHA256 of each
 * entry's hash, tagged with a key id) and its checkpoints, so that someone who can write the log but
 * does not hold a key cannot edit an entry and recompute the hashes, nor forge an erasure entry,
 * without {@code records verify} noticing.
 *
 * <p>One key signs (the first); the others are older keys still accepted when verifying, so keys can
 * be rotated: add a new key first, keep the old ones for as long as their entries are kept. Key ids are
 * 1 to 32 letters, digits, '.', '_' or '-'; secrets are at least 32 bytes.
 *
 * <p>The text form, one key per line, signing key first ({@code #} starts a comment):
 * <pre>{@code
 * k2 3q2+7wAAAAB0aGlzIGlzIG5vdCBhIHJlYWwga2V5IGF0IGFsbA==
 * k1 c2VjcmV0IGtleSBvbmUgYXQgbGVhc3QgMzIgYnl0ZXMgbG9uZw==
 * }</pre>
 * Keep the file readable by the site's process only. {@link #toString()} never shows a secret.
 * Immutable and thread-safe.
 */
public final class RecordKeys {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Pattern MAC = Pattern.compile("[A-Za-z0-9._-]{1,32}:[0-9a-f]{64}");
    private static final int MIN_SECRET = 32;

    private final String signingKeyId;
    private final Map<String, SecretKeySpec> keys;

    private RecordKeys(Map<String, byte[]> keys) {
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, secret) -> specs.put(id, new SecretKeySpec(secret, "HmacSHA256")));
        this.keys = specs;
        this.signingKeyId = keys.keySet().iterator().next();
    }

    /**
     * One key, which signs.
     *
     * @throws IllegalArgumentException for a malformed key id or a secret shorter than 32 bytes
     */
    public static RecordKeys of(String keyId, byte[] secret) {
        return builder().key(keyId, secret).build();
    }

    /** A builder; the first key given signs, the others are accepted when verifying. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the text form (see the class description).
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static RecordKeys parse(String text) {
        Builder b = builder();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "records keys line %d: expected '<key id> <base64 secret>'", i + 1));
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "records keys line %d: the secret of key '%s' is not base64", i + 1, parts[0]), e);
            }
            try {
                b.key(parts[0], secret);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "records keys line %d: %s", i + 1,
                        e.getMessage()), e);
            }
        }
        if (b.keys.isEmpty()) {
            throw new IllegalArgumentException("no records key given: write one line '<key id> <base64 secret>'");
        }
        return b.build();
    }

    /**
     * Reads a keys file in the text form.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException naming the file and the line that is wrong
     */
    public static RecordKeys read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** A new random 32-byte key with this id, as one line of the text form. */
    public static String generateLine(String keyId) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id '" + keyId + "' must be 1 to 32 letters, digits, '.', '_' or '-'");
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return keyId + " " + Base64.getEncoder().encodeToString(secret);
    }

    /** The id of the key that signs. */
    public String signingKeyId() {
        return signingKeyId;
    }

    /** The ids of every key, signing key first. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The MAC of {@code message} under the signing key: {@code <key id>:<64 hex digits>}. */
    public String mac(String message) {
        // the signing key id is the first key of the map
        return signingKeyId + ":" + hmac(Objects.requireNonNull(keys.get(signingKeyId), signingKeyId), message);
    }

    /** What checking a MAC found. */
    public enum Check {
        /** Made with a known key over this message. */
        VALID,
        /** Made with a key id this key set does not hold. */
        UNKNOWN_KEY,
        /** Made with a known key id, over another message or with another secret. */
        INVALID
    }

    /** Checks a MAC of the form {@code <key id>:<hex>} over {@code message}. */
    public Check check(String mac, String message) {
        int colon = mac.indexOf(':');
        if (colon < 0) {
            return Check.INVALID;
        }
        SecretKeySpec key = keys.get(mac.substring(0, colon));
        if (key == null) {
            return Check.UNKNOWN_KEY;
        }
        byte[] expected = hmac(key, message).getBytes(StandardCharsets.US_ASCII);
        byte[] given = mac.substring(colon + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Check.VALID : Check.INVALID;
    }

    /** Whether {@code s} has the form of a MAC: {@code <key id>:<64 lower-case hex digits>}. */
    public static boolean isMac(String s) {
        return MAC.matcher(s).matches();
    }

    private static String hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] out = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : out) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "RecordKeys[signing=" + signingKeyId + ", ids=" + keys.keySet() + "]";
    }

    /** Collects keys; the first one signs. Not thread-safe. */
    public static final class Builder {
        private final Map<String, byte[]> keys = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a key; the first one added signs.
         *
         * @throws IllegalArgumentException for a malformed id or a secret shorter than 32 bytes
         * @throws IllegalStateException    if the id was already given
         */
        public Builder key(String keyId, byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (!KEY_ID.matcher(keyId).matches()) {
                throw new IllegalArgumentException("key id '" + keyId + "' must be 1 to 32 letters, digits, '.', '_' or '-'");
            }
            if (secret.length < MIN_SECRET) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the secret of key '%s' is %d bytes; use at least %d random bytes", keyId, secret.length, MIN_SECRET));
            }
            if (keys.containsKey(keyId)) {
                throw new IllegalStateException("key id '" + keyId + "' was already given");
            }
            keys.put(keyId, secret.clone());
            return this;
        }

        /**
         * Builds the key set.
         *
         * @throws IllegalStateException if no key was given
         */
        public RecordKeys build() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("no records key given");
            }
            return new RecordKeys(keys);
        }
    }
}
