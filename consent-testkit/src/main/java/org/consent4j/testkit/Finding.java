package org.consent4j.testkit;

import java.util.Objects;

/**
 * One thing the audit reports: a tracker that fired in a state that does not allow it (a
 * {@linkplain Severity#VIOLATION violation}), or a request or cookie the catalog cannot attribute,
 * or a state the audit could not put the site in (a {@linkplain Severity#WARNING warning}).
 *
 * @param severity     violation or warning
 * @param state        the consent state, as {@link AuditState#id()}
 * @param jurisdiction the jurisdiction whose rules judged it, e.g. {@code FR}
 * @param path         the audited path, e.g. {@code /}
 * @param kind         {@code request}, {@code cookie} or {@code setup}
 * @param source       how it was seen ({@link Observation.Sources}); empty for setup warnings
 * @param service      the catalog service id; empty when unclassified
 * @param category     the service's category id; empty when unclassified
 * @param evidence     the request URL or the cookie (without value), or what went wrong
 * @param rule         the rule broken: a {@link org.consent4j.core.decision.Reason} code for violations,
 *                     {@code unclassified-host}, {@code unclassified-cookie} or {@code state-not-applied}
 *                     for warnings
 * @param explanation  the rule in a sentence, with the laws of the jurisdiction for violations
 */
public record Finding(Severity severity, String state, String jurisdiction, String path, String kind, String source,
                      String service, String category, String evidence, String rule, String explanation) {

    /** How serious a finding is. */
    public enum Severity {
        /** A tracker fired, or would load, in a state that does not allow it: the audit fails. */
        VIOLATION,
        /** Something to look at that does not fail the audit. */
        WARNING
    }

    /** Checks that every component is present. */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** One line for a console or an assertion message. */
    public String line() {
        String what = service.isEmpty() ? kind : service + " (" + category + ")";
        return String.format(java.util.Locale.ROOT, "%s [%s, %s] %s %s: %s — %s", severity, state, jurisdiction, path, what,
                evidence, explanation);
    }
}
