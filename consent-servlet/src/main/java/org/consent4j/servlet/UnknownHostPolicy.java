package org.consent4j.servlet;

/**
 * What the HTML gate does with an element that loads from a third-party host the catalog does not
 * know (not the request's host, not a configured first-party host, not attributed by host and path).
 */
public enum UnknownHostPolicy {
    /** Let it load and report the host to discovery: the default. */
    REPORT,
    /**
     * Report it, and gate it as a service of the {@code marketing} category (the protective default
     * for a third party nobody classified): inert until the visitor allows marketing.
     */
    BLOCK
}
