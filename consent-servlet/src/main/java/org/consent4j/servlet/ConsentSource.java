package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.cookie.ConsentCookieCodec;

/**
 * Where the visitor's stored choice is read from. The filter asks its sources in order and takes the
 * first answer; the signed consent4j cookie is always first.
 *
 * <p>Further sources let a site keep honouring choices made in another consent manager (Cookiebot,
 * OneTrust, cookieconsent, Klaro, an IAB TCF string) while it moves to consent4j: such an adapter
 * reads that manager's cookie and maps it to a {@link org.consent4j.core.decision.ConsentState}
 * (method {@link org.consent4j.core.decision.ConsentMethod#IMPORT}), with an empty subject id when
 * the other manager has none. The next choice made through consent4j is then stored in its own
 * cookie, which wins from then on.
 *
 * <p>Implementations must be thread-safe and must not throw for any request content: a value they
 * cannot read or trust is "no choice" ({@link Optional#empty()}). A source that throws anyway is
 * treated as having no answer for that request.
 */
@FunctionalInterface
public interface ConsentSource {

    /** The visitor's stored choice, if this source has one it trusts. */
    Optional<ConsentCookie> read(HttpServletRequest request);

    /** The signed consent4j cookie called {@code cookieName}, verified by {@code codec}. */
    static ConsentSource signedCookie(String cookieName, ConsentCookieCodec codec) {
        return new SignedCookieSource(cookieName, codec);
    }
}
