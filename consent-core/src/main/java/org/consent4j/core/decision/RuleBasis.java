package org.consent4j.core.decision;

/**
 * Whose rule a {@link Decision} follows: the law's, the site's own policy, or the visitor's choice.
 * Written in records next to the reason, so a policy that goes beyond the law (honouring Global
 * Privacy Control where no statute requires it, opt-in where the law is unclear) is never presented
 * as a legal duty.
 */
public enum RuleBasis {
    /** A statute or regulation requires or allows it. */
    LAW,
    /** The site's configuration (or consent4j's protective default) decided, going beyond the law. */
    SITE_POLICY,
    /** The visitor's own choice decided. */
    VISITOR
}
