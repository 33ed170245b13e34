package org.consent4j.compliance;

import java.util.Locale;

/**
 * The nine criteria of the Article 29 Working Party's guidelines on data protection impact assessment
 * (WP248 rev.01, section III.B.a, endorsed by the EDPB on 25 May 2018): processing that meets two of
 * them requires a DPIA in most cases.
 */
public enum DpiaCriterion {
    /** 1. Evaluation or scoring, including profiling and predicting. */
    EVALUATION_OR_SCORING(1, "evaluation-or-scoring"),
    /** 2. Automated decision-making with legal or similarly significant effect. */
    AUTOMATED_DECISION(2, "automated-decision"),
    /** 3. Systematic monitoring, including data collected through networks. */
    SYSTEMATIC_MONITORING(3, "systematic-monitoring"),
    /** 4. Sensitive data or data of a highly personal nature. */
    SENSITIVE_DATA(4, "sensitive-data"),
    /** 5. Data processed on a large scale. */
    LARGE_SCALE(5, "large-scale"),
    /** 6. Matching or combining data sets. */
    MATCHING_OR_COMBINING(6, "matching-or-combining"),
    /** 7. Data concerning vulnerable data subjects (children, patients, employees…). */
    VULNERABLE_SUBJECTS(7, "vulnerable-subjects"),
    /** 8. Innovative use or application of new technological or organisational solutions. */
    INNOVATIVE_TECHNOLOGY(8, "innovative-technology"),
    /** 9. Processing that prevents data subjects from exercising a right or using a service or contract. */
    PREVENTS_RIGHT_OR_SERVICE(9, "prevents-right-or-service");

    private final int number;
    private final String id;

    DpiaCriterion(int number, String id) {
        this.number = number;
        this.id = id;
    }

    /** The criterion's number in WP248 rev.01. */
    public int number() {
        return number;
    }

    /** The id used in JSON, e.g. {@code evaluation-or-scoring}. */
    public String id() {
        return id;
    }

    /**
     * The criterion with the given id.
     *
     * @throws IllegalArgumentException naming the valid ids when there is none
     */
    public static DpiaCriterion ofId(String id) {
        for (DpiaCriterion c : values()) {
            if (c.id.equals(id.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (DpiaCriterion c : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(c.id);
        }
        throw new IllegalArgumentException("unknown DPIA criterion '" + id + "': use one of " + valid);
    }
}
