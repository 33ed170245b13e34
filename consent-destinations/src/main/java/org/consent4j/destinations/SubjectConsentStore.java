package org.consent4j.destinations;

import java.util.Optional;
import org.consent4j.records.ConsentRecord;

/**
 * Finds the latest consent record of a subject, for server code that acts on identified users outside a
 * request: a CRM sync, a webhook, a batch job.
 *
 * <p>Back it with the store the consent records go to. {@link InMemorySubjectConsentStore} keeps the
 * latest record per subject in memory, for tests, demos and single-process sites. Implementations are
 * thread-safe; a store that cannot answer throws its own unchecked exception rather than report "no
 * record", so a caller never mistakes an outage for a missing choice.
 */
@FunctionalInterface
public interface SubjectConsentStore {

    /**
     * The most recent record of {@code subjectId} (by timestamp), or empty if the subject never chose.
     */
    Optional<ConsentRecord> latest(String subjectId);
}
