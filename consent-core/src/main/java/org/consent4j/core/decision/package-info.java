/**
 * The decision engine: a visitor's consent state and signals, judged under the rules of their jurisdiction.
 */
@NullMarked
package org.consent4j.core.decision;

import org.jspecify.annotations.NullMarked;
