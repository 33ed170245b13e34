/**
 * The project's one HTML escaper, shared by every consent4j module that writes markup.
 *
 * <p><strong>Not API.</strong> This package is internal to consent4j; it may change or disappear in
 * any release. Please don't depend on the types here.
 */
@NullMarked
package org.consent4j.core.internal.html;

import org.jspecify.annotations.NullMarked;
