package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The markup the filter's HTML gate inserts right after the {@code <head>} start tag of each gated
 * HTML response (or before its first content when it has no {@code <head>}): typically the banner
 * loader and the Google Consent Mode default, which must come before any Google tag.
 *
 * <p>Called once per gated response, on the request's thread, only when the body is HTML that the
 * gate rewrites and the request is for a document (see {@link #SKIP_ATTRIBUTE}). Return an empty string for no markup. It must not throw.
 */
@FunctionalInterface
public interface HeadMarkup {

    /**
     * The request attribute by which the application leaves the head markup out of one response
     * (any value): for HTML fragments the filter cannot tell from the request headers. The response is
     * still gated. Fragments requested with {@code Sec-Fetch-Dest} other than {@code document},
     * {@code iframe} or {@code frame}, or with {@code HX-Request} or {@code Turbo-Frame}, get no
     * markup without it.
     */
    String SKIP_ATTRIBUTE = "org.consent4j.servlet.HeadMarkup.skip";

    /** No markup. */
    HeadMarkup NONE = (request, context) -> "";

    /** The markup for this request and visitor. */
    String markup(HttpServletRequest request, ConsentContext context);
}
