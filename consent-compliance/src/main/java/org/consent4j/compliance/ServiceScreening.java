package org.consent4j.compliance;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The DPIA screening of one service: the WP248 criteria the catalog's facts indicate and those the site
 * confirms, other risk factors, the result, and a draft outline of the assessment.
 *
 * @param serviceId   the service
 * @param indicated   criteria indicated by the catalog and the processing facts (to be confirmed)
 * @param confirmed   criteria the site has confirmed
 * @param reasons     why each criterion or factor applies, in English
 * @param result      what the screening concludes
 * @param flows       the data flows a DPIA should document
 * @param risks       the risks it should assess
 * @param mitigations the mitigations already in place or to consider
 */
public record ServiceScreening(String serviceId, Set<DpiaCriterion> indicated, Set<DpiaCriterion> confirmed,
                               List<String> reasons, DpiaResult result, List<String> flows, List<String> risks,
                               List<String> mitigations) {

    /** Checks that the service id is present and copies the sets. */
    public ServiceScreening {
        Objects.requireNonNull(serviceId, "serviceId");
        indicated = Set.copyOf(indicated);
        confirmed = Set.copyOf(confirmed);
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(result, "result");
        flows = List.copyOf(flows);
        risks = List.copyOf(risks);
        mitigations = List.copyOf(mitigations);
    }

    /** Every criterion met, indicated or confirmed, in WP248 order. */
    public List<DpiaCriterion> criteria() {
        return Arrays.stream(DpiaCriterion.values())
                .filter(c -> indicated.contains(c) || confirmed.contains(c))
                .toList();
    }
}
