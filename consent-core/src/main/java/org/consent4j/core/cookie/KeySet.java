package org.consent4j.core.cookie;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The keys a {@link ConsentCookieCodec} signs and verifies with: the first key signs, every key
 * verifies.
 *
 * <p>To rotate, put the new key first and keep the old one after it until every cookie it signed has
 * expired or been rewritten; then drop it. Every instance behind a load balancer needs the same set.
 * Immutable.
 */
public final class KeySet {

    private static final String MISSING = "no signing keys given: set the environment variable CONSENT4J_KEYS (or, with "
            + "Spring Boot, the property consent4j.keys; in web.xml the init-parameter keys or keys-env) to "
            + "id:base64url-secret with at least " + SigningKey.MIN_SECRET_BYTES + " random bytes, the signing key first, "
            + "e.g. k1:$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')";

    private final List<SigningKey> keys;

    private KeySet(List<SigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key set needs at least one signing key");
        }
        Set<String> ids = new HashSet<>();
        for (SigningKey k : keys) {
            Objects.requireNonNull(k, "key");
            if (!ids.add(k.id())) {
                throw new IllegalArgumentException("signing key id '" + k.id()
                        + "' appears twice; give every key its own id");
            }
        }
        this.keys = List.copyOf(keys);
    }

    /**
     * A set of these keys; the first signs.
     *
     * @throws IllegalArgumentException if there is no key or two keys share an id
     */
    public static KeySet of(SigningKey first, SigningKey... others) {
        List<SigningKey> all = new ArrayList<>();
        all.add(Objects.requireNonNull(first, "first"));
        all.addAll(List.of(others));
        return new KeySet(all);
    }

    /**
     * A set of these keys; the first signs.
     *
     * @throws IllegalArgumentException if the list is empty or two keys share an id
     */
    public static KeySet of(List<SigningKey> keys) {
        return new KeySet(List.copyOf(keys));
    }

    /**
     * Reads keys written as {@code id:base64url-secret}, separated by commas or white space, the
     * signing key first, e.g. {@code k2:q83v…,k1:Zm9v…}.
     *
     * <p>Null (an unset environment variable, e.g. {@code KeySet.parse(System.getenv("CONSENT4J_KEYS"))})
     * and blank text are refused with a message saying where keys are set.
     *
     * @param text the keys' text; null when the setting it comes from is missing
     * @return the keys
     * @throws IllegalArgumentException if the text is null or blank, or naming the entry (by position and
     *                                  id, never the secret) that is malformed
     */
    public static KeySet parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(MISSING);
        }
        List<SigningKey> keys = new ArrayList<>();
        int position = 0;
        for (String entry : text.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            position++;
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("signing key entry " + position
                        + " is not of the form id:base64url-secret");
            }
            keys.add(SigningKey.parse(entry.substring(0, colon), entry.substring(colon + 1)));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(MISSING);
        }
        return new KeySet(keys);
    }

    /** A set of one freshly generated key; choices signed with it do not survive a restart. */
    public static KeySet generate() {
        return new KeySet(List.of(SigningKey.generate("gen")));
    }

    /** The key that signs new cookies. */
    public SigningKey signing() {
        return keys.get(0);
    }

    /** Every key, the signing key first. */
    public List<SigningKey> keys() {
        return keys;
    }

    /** The key with this id. */
    public Optional<SigningKey> key(String id) {
        for (SigningKey k : keys) {
            if (k.id().equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The text {@link #parse(String)} reads back. Contains the secrets: keep it out of logs. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (SigningKey k : keys) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k.id()).append(':').append(k.encodedSecret());
        }
        return sb.toString();
    }

    /** The key ids only. */
    @Override
    public String toString() {
        return "KeySet" + keys.stream().map(SigningKey::id).toList();
    }
}
