package org.consent4j.compliance;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What only the site can say about its own processing: the WP248 criteria it confirms (large scale,
 * vulnerable data subjects, sensitive data…), how long it keeps consent records, and its security
 * measures (GDPR Art. 30(1)(g)).
 *
 * @param confirmedCriteria    criteria the site confirms for all its processing
 * @param consentRecordRetention how long consent records are kept, in words (e.g. "5 years after the
 *                             choice"); empty when not stated
 * @param securityMeasures     a general description of technical and organisational measures; empty
 *                             when not stated
 */
public record SiteProfile(Set<DpiaCriterion> confirmedCriteria, String consentRecordRetention,
                          String securityMeasures) {

    /** Copies the confirmed criteria and checks that every component is present. */
    public SiteProfile {
        confirmedCriteria = confirmedCriteria.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(confirmedCriteria));
        Objects.requireNonNull(consentRecordRetention, "consentRecordRetention");
        Objects.requireNonNull(securityMeasures, "securityMeasures");
    }

    /** A site that has said nothing about itself. */
    public static SiteProfile unstated() {
        return new SiteProfile(Set.of(), "", "");
    }
}
