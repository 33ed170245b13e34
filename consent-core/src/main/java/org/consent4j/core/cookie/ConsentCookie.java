package org.consent4j.core.cookie;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.consent4j.core.decision.ConsentState;

/**
 * What the consent cookie carries: a pseudonymous subject id and the visitor's choice.
 *
 * <p>The subject id is random, created on the first choice and kept across later choices, so the
 * records of one browser can be found, exported and erased without knowing who the visitor is.
 *
 * @param subjectId pseudonymous visitor id; empty when a consent source has none
 * @param state     the choice
 */
public record ConsentCookie(String subjectId, ConsentState state) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks that the subject id and the state are present. */
    public ConsentCookie {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(state, "state");
    }

    /** A new random subject id: 16 bytes from a {@link SecureRandom}, base64url (22 characters). */
    public static String newSubjectId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
