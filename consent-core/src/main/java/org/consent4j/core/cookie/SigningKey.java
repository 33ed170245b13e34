package org.consent4j.core.cookie;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One HMAC-SHA256 key with the id that names it inside every cookie it signs.
 *
 * <p>The secret is at least {@value #MIN_SECRET_BYTES} random bytes. It is copied in and out and never
 * appears in {@link #toString()}. Immutable.
 */
public final class SigningKey {

    /** The shortest secret accepted: the output length of SHA-256 (RFC 2104 §3). */
    public static final int MIN_SECRET_BYTES = 32;

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final byte[] secret;

    private SigningKey(String id, byte[] secret) {
        this.id = id;
        this.secret = secret;
    }

    /**
     * A key with this id and secret.
     *
     * @throws IllegalArgumentException if the id is not 1 to 16 letters, digits, '_' or '-', or the
     *                                  secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static SigningKey of(String id, byte[] secret) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("signing key id '" + id
                    + "' is not valid: use 1 to 16 letters, digits, '_' or '-'");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("signing key '" + id + "' has " + secret.length
                    + " bytes; give at least " + MIN_SECRET_BYTES + " random bytes");
        }
        return new SigningKey(id, secret.clone());
    }

    /**
     * A key whose secret is given in base64url (or standard base64; padding optional).
     *
     * @throws IllegalArgumentException if the text is not base64, or see {@link #of(String, byte[])}
     */
    public static SigningKey parse(String id, String base64Secret) {
        Objects.requireNonNull(base64Secret, "base64Secret");
        String normalized = base64Secret.trim().replace('+', '-').replace('/', '_');
        int end = normalized.length();
        while (end > 0 && normalized.charAt(end - 1) == '=') {
            end--;
        }
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(normalized.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signing key '" + id + "' is not base64url: give "
                    + MIN_SECRET_BYTES + " or more random bytes encoded in base64url");
        }
        return of(id, secret);
    }

    /** A new key of {@value #MIN_SECRET_BYTES} bytes from a {@link SecureRandom}. */
    public static SigningKey generate(String id) {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return of(id, secret);
    }

    /** The key id written in the cookies this key signs. */
    public String id() {
        return id;
    }

    /** A copy of the secret. */
    public byte[] secret() {
        return secret.clone();
    }

    /** The secret in base64url without padding, the form {@link KeySet#parse(String)} reads. */
    public String encodedSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    byte[] secretForMac() {
        return secret;
    }

    /** Equal when id and secret are equal (compared in constant time). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey other && id.equals(other.id) && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** The id only; never the secret. */
    @Override
    public String toString() {
        return "SigningKey[id=" + id + "]";
    }
}
