/**
 * The consent validator: drives a site through each consent state, records every cookie and
 * third-party request, and reports those a state does not allow. Test tooling only: never a
 * runtime dependency of a production application.
 */
@NullMarked
package org.consent4j.testkit;

import org.jspecify.annotations.NullMarked;
