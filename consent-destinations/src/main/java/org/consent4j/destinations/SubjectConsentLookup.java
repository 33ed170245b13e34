package org.consent4j.destinations;

import java.util.Objects;
import java.util.Optional;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.records.ConsentRecord;

/**
 * The consent of an identified subject, from their latest consent record, judged now: for server code
 * with no request at hand, e.g. "pause CRM ingestion for contacts without consent".
 *
 * <p>The subject's latest record becomes their {@link ConsentState}; it is evaluated under the current
 * rules of the jurisdiction it was made in, with the Global Privacy Control signal it was made with (an
 * opt-out signal covers the browser and any profile associated with it, Cal. Code Regs. tit. 11,
 * § 7025(c)(1)), at the engine's clock. So a grant past the jurisdiction's maximum age, or made under a
 * catalog revision no longer accepted, no longer counts, and a withdrawal recorded last wins. A subject
 * without a record is judged with no choice and no signal, under the jurisdiction of the given location
 * or, by default, the fallback jurisdiction ({@code OPT_IN} out of the box): nothing but necessary.
 *
 * <p>The subject id is the pseudonymous id written in the records (the consent cookie's id, or the id a
 * host recorded a choice under through the API); mapping a user account to it is the host's to do.
 * Immutable and thread-safe.
 */
public final class SubjectConsentLookup {

    private final ConsentEngine engine;
    private final SubjectConsentStore store;

    private SubjectConsentLookup(ConsentEngine engine, SubjectConsentStore store) {
        this.engine = engine;
        this.store = store;
    }

    /** A lookup that judges with {@code engine} the records found in {@code store}. */
    public static SubjectConsentLookup of(ConsentEngine engine, SubjectConsentStore store) {
        return new SubjectConsentLookup(Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(store, "store"));
    }

    /** The subject's latest record, if any. */
    public Optional<ConsentRecord> latest(String subjectId) {
        return store.latest(Objects.requireNonNull(subjectId, "subjectId"));
    }

    /** The subject's consent now; without a record, the fallback jurisdiction's answer for no choice. */
    public VisitorConsent consentOf(String subjectId) {
        return consentOf(subjectId, "");
    }

    /**
     * The subject's consent now.
     *
     * @param location where to judge a subject that has no record (e.g. {@code US-CA}); empty for the
     *                 fallback. A subject with a record is judged where the record was made.
     */
    public VisitorConsent consentOf(String subjectId, String location) {
        Objects.requireNonNull(location, "location");
        Optional<ConsentRecord> record = latest(subjectId);
        if (record.isEmpty()) {
            return engine.evaluate(location, Signals.NONE, Optional.empty());
        }
        ConsentRecord r = record.get();
        Jurisdiction jurisdiction = engine.jurisdictions().resolve(r.jurisdiction(), engine.today());
        ConsentState state = new ConsentState(r.categories(), r.services(), r.timestamp(), r.catalogRevision(),
                r.jurisdiction(), r.method(), r.gpc());
        return engine.evaluate(jurisdiction, Signals.of(r.gpc()), Optional.of(state));
    }

    /** Whether the subject's consent now allows {@code id} (a category, service or purpose). */
    public boolean allows(String subjectId, String id) {
        return consentOf(subjectId).allows(id);
    }
}
