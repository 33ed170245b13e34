/**
 * Internals of the consent record sinks shared with the JDBC sink module: the entry codec, the chain
 * verifier, group commit and line reading. Not API: please don't depend on the classes here; they
 * change without notice.
 */
@NullMarked
package org.consent4j.records.internal;

import org.jspecify.annotations.NullMarked;
