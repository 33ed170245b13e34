package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.consent4j.servlet.csp.ContentSecurityPolicy;

/**
 * Adds the visitor's consent-derived policy to a gated HTML response, as headers of the filter's own
 * that survive a later {@code setHeader} of the same name by the application.
 */
final class CspHeaders implements GatedHtmlHeaders {

    private final ContentSecurityPolicy csp;

    CspHeaders(ContentSecurityPolicy csp) {
        this.csp = csp;
    }

    @Override
    public void add(HttpServletRequest request, GatedResponse response, ConsentContext context) {
        // After resetBuffer() the body is decided again, with the same visitor and nonce: the policy is there.
        if (!response.isCommitted() && !response.hasOwnHeaders()) {
            csp.apply(request, context.visitorQuietly(), response::addOwnHeader);
        }
    }
}
