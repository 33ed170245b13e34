/**
 * Jurisdictions and their regimes: where the visitor is and which rules apply there.
 */
@NullMarked
package org.consent4j.core.jurisdiction;

import org.jspecify.annotations.NullMarked;
