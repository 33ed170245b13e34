/**
 * The HTML gate: a streaming rewriter that makes the scripts, iframes, images, embeds, objects and
 * links of services a visitor has not agreed to inert, in markup the banner can later activate.
 *
 * <p>Start with {@link org.consent4j.html.HtmlGate}. The rewriter works on the raw bytes of
 * ASCII-compatible charsets, keeps memory bounded whatever the page size, and passes every byte
 * outside the rewritten tags through unchanged. It has no servlet dependency: the filter, the command
 * line and batch jobs share it.
 */
@NullMarked
package org.consent4j.html;

import org.jspecify.annotations.NullMarked;
