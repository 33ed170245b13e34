/**
 * Documents a data protection officer has to produce, generated from the site's services and the
 * catalog: the record of processing activities (GDPR Art. 30(1)) and a DPIA screening (GDPR Art. 35,
 * read with the Article 29 Working Party's guidelines WP248 rev.01, endorsed by the EDPB).
 *
 * <p>Start with {@link org.consent4j.compliance.ProcessingDocuments}. Output is Markdown, HTML or JSON
 * ({@link org.consent4j.compliance.DocumentFormat}); {@link org.consent4j.compliance.ProcessingChanges}
 * tells what changed between two records. The documents are drafts for a person to review: the catalog
 * knows what a tool can do, not how a site uses it.
 */
@NullMarked
package org.consent4j.compliance;

import org.jspecify.annotations.NullMarked;
