/**
 * The project's one JSON configuration: a strict Jackson setup shared by every consent4j module.
 *
 * <p><strong>Not API.</strong> This package is internal to consent4j; it may change or disappear in
 * any release. Please don't depend on the types here.
 */
@NullMarked
package org.consent4j.core.internal.json;

import org.jspecify.annotations.NullMarked;
