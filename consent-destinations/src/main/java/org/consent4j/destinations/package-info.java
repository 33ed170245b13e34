/**
 * Server-side destinations: events a server forwards to analytics, advertising and CRM systems, delivered
 * only where the visitor's consent allows, with a count of what was suppressed and why; and a consent
 * lookup by subject for identified users.
 */
@NullMarked
package org.consent4j.destinations;

import org.jspecify.annotations.NullMarked;
