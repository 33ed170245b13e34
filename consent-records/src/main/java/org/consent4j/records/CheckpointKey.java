package org.consent4j.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Ed25519 key for signing checkpoints (the private key, which also verifies) or for verifying them
 * (the public key alone). Unlike the records keys (HMAC, a shared secret), a checkpoint signed with it
 * convinces a third party that holds only the public key: it can check the exported head without
 * being able to sign one.
 *
 * <p>Text forms, one line each ({@code #} starts a comment):
 * <pre>{@code
 * cp1 ed25519-private MC4CAQAwBQYDK2VwBCIEI… MCowBQYDK2VwAyEA…   (PKCS #8, then the public key; keep it like a password)
 * cp1 ed25519-public MCowBQYDK2VwAyEA…                          (X.509 SubjectPublicKeyInfo, base64; give it away)
 * }</pre>
 * Key ids are 1 to 32 letters, digits, '.', '_' or '-'. Uses the JDK's Ed25519 (no other library).
 * {@link #toString()} never shows the private key. Immutable and thread-safe.
 */
public final class CheckpointKey {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final String PRIVATE = "ed25519-private";
    private static final String PUBLIC = "ed25519-public";
    /** The prefix of a signature in a checkpoint's {@code mac} field: {@code <key id>:ed25519:<base64>}. */
    static final String SCHEME = "ed25519";

    private final String id;
    private final PublicKey publicKey;
    private final Optional<PrivateKey> privateKey;

    private CheckpointKey(String id, PublicKey publicKey, Optional<PrivateKey> privateKey) {
        this.id = id;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /**
     * A new random key pair.
     *
     * @throws IllegalArgumentException for a malformed key id
     */
    public static CheckpointKey generate(String keyId) {
        checkId(keyId);
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new CheckpointKey(keyId, pair.getPublic(), Optional.of(pair.getPrivate()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519 (Java 15 or later has it)", e);
        }
    }

    /**
     * Reads a key line (private or public) from {@code text}: the first line that is not blank or a comment.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static CheckpointKey parse(String text) {
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            boolean isPublic = parts.length == 3 && parts[1].equals(PUBLIC);
            boolean isPrivate = parts.length == 4 && parts[1].equals(PRIVATE);
            if (!isPublic && !isPrivate) {
                throw new IllegalArgumentException("a checkpoint key line is '<id> ed25519-private <base64> <base64>' "
                        + "or '<id> ed25519-public <base64>' (records keygen --ed25519 makes them)");
            }
            checkId(parts[0]);
            try {
                KeyFactory f = KeyFactory.getInstance("Ed25519");
                PublicKey pub = f.generatePublic(new X509EncodedKeySpec(base64(parts[0], parts[parts.length - 1])));
                if (isPublic) {
                    return new CheckpointKey(parts[0], pub, Optional.empty());
                }
                PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(base64(parts[0], parts[2])));
                CheckpointKey key = new CheckpointKey(parts[0], pub, Optional.of(priv));
                String probe = "consent4j-checkpoint-key-probe";
                if (key.check(key.sign(probe), probe) != RecordKeys.Check.VALID) {
                    throw new IllegalArgumentException("checkpoint key '" + parts[0] + "': the public key on the line "
                            + "is not the private key's");
                }
                return key;
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("checkpoint key '" + parts[0] + "' is not an Ed25519 key: "
                        + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("no checkpoint key line found (records keygen --ed25519 makes one)");
    }

    /**
     * Reads a key file (see the class description).
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException saying what is wrong with its content
     */
    public static CheckpointKey read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] base64(String id, String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint key '" + id + "': the key is not base64", e);
        }
    }

    /** The key id, written before the signature. */
    public String id() {
        return id;
    }

    /** Whether this is a private key (it can sign) rather than a public key only. */
    public boolean canSign() {
        return privateKey.isPresent();
    }

    /** This key's public half, to give to whoever verifies. */
    public CheckpointKey publicKey() {
        return new CheckpointKey(id, publicKey, Optional.empty());
    }

    /** The public key line {@code <id> ed25519-public <base64>}. */
    public String publicLine() {
        return id + " " + PUBLIC + " " + Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /**
     * The private key line {@code <id> ed25519-private <base64 PKCS #8> <base64 public key>}.
     *
     * @throws IllegalStateException for a public key
     */
    public String privateLine() {
        return id + " " + PRIVATE + " " + Base64.getEncoder().encodeToString(signer().getEncoded()) + " "
                + Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** {@code <id>:ed25519:<base64 signature>} over {@code message}. */
    String sign(String message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(signer());
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return id + ":" + SCHEME + ":" + Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with checkpoint key " + id + ": " + e.getMessage(), e);
        }
    }

    /** Checks a {@code <id>:ed25519:<base64>} signature over {@code message}. */
    RecordKeys.Check check(String signature, String message) {
        String[] parts = signature.split(":", 3);
        if (parts.length != 3 || !parts[1].equals(SCHEME)) {
            return RecordKeys.Check.INVALID;
        }
        if (!parts[0].equals(id)) {
            return RecordKeys.Check.UNKNOWN_KEY;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(parts[2])) ? RecordKeys.Check.VALID : RecordKeys.Check.INVALID;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return RecordKeys.Check.INVALID;
        }
    }

    /** Whether {@code s} has the form of a signature: {@code <id>:ed25519:<base64>}. */
    static boolean isSignature(String s) {
        String[] parts = s.split(":", 3);
        return parts.length == 3 && KEY_ID.matcher(parts[0]).matches() && parts[1].equals(SCHEME)
                && parts[2].matches("[A-Za-z0-9+/]{86}==");
    }

    private PrivateKey signer() {
        return privateKey.orElseThrow(() -> new IllegalStateException("checkpoint key " + id
                + " is a public key: it verifies checkpoints but cannot sign them"));
    }

    private static void checkId(String keyId) {
        if (!KEY_ID.matcher(Objects.requireNonNull(keyId, "keyId")).matches()) {
            throw new IllegalArgumentException("key id '" + keyId + "' must be 1 to 32 letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return "CheckpointKey[" + id + (canSign() ? ", Ed25519 private" : ", Ed25519 public") + "]";
    }
}
