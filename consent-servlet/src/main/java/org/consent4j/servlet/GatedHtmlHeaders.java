package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Headers the filter adds to an HTML response at the moment the HTML gate decides to rewrite it
 * (its first write, flush or close, before anything is committed): the consent-derived
 * Content-Security-Policy. Called once per gated body, before the head markup is made, on the
 * request's thread. It must not throw.
 */
interface GatedHtmlHeaders {

    /** No headers. */
    GatedHtmlHeaders NONE = (request, response, context) -> { };

    void add(HttpServletRequest request, GatedResponse response, ConsentContext context);
}
