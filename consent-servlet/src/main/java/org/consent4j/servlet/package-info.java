/**
 * The consent filter for Jakarta Servlet 6: per request it resolves the visitor's jurisdiction,
 * reads Global Privacy Control and the stored choice, exposes a {@link org.consent4j.servlet.ConsentContext}
 * to server code, gates every {@code Set-Cookie}, and serves the consent endpoints.
 *
 * <p>Start with {@link org.consent4j.servlet.ConsentFilter} and
 * {@link org.consent4j.servlet.ConsentFilterConfig}.
 */
@NullMarked
package org.consent4j.servlet;

import org.jspecify.annotations.NullMarked;
