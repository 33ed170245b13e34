package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The markup the filter's HTML gate inserts right after the {@code <head>} start tag of each gated
 * HTML response (or before its first content when it has no {@code <head>}): typically the banner
 * loader and the Google Consent Mode default, which must come before any Google tag.
 *
 * <p>Called once per gated response, on the request's thread, only when the body is HTML that the
 * gate rewrites. Return an empty string for no markup. It must not throw.
 */
@FunctionalInterface
public interface HeadMarkup {

    /** No markup. */
    HeadMarkup NONE = (request, context) -> "";

    /** The markup for this request and visitor. */
    String markup(HttpServletRequest request, ConsentContext context);
}
