/**
 * Consent records: proof of every choice (GDPR Art. 7(1)), and the sinks that keep them.
 */
@NullMarked
package org.consent4j.records;

import org.jspecify.annotations.NullMarked;
