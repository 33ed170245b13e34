/**
 * The signed consent cookie: a visitor's choice, carried by the browser in a compact, versioned,
 * HMAC-SHA256-signed value that any instance holding the key set can verify.
 */
@NullMarked
package org.consent4j.core.cookie;

import org.jspecify.annotations.NullMarked;
