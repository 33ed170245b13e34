/**
 * Benchmarks of the decision engine and of the catalog's cookie-name and host attribution, on the
 * bundled catalog and on a synthetic catalog of thousands of services.
 */
@NullMarked
package org.consent4j.benchmarks.decision;

import org.jspecify.annotations.NullMarked;
