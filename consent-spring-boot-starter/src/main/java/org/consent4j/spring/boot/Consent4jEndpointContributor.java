package org.consent4j.spring.boot;

/**
 * A bean that adds a section to the {@code consent4j} Actuator endpoint, e.g. the site's cookie and
 * tracker inventory. Every such bean's {@link #details()} appears under its {@link #name()}.
 *
 * @since 0.1.0
 */
public interface Consent4jEndpointContributor {

    /**
     * The section's name in the endpoint's answer.
     *
     * @return a name such as {@code siteInventory}
     */
    String name();

    /**
     * The section's content: maps, lists, strings, numbers and booleans that Actuator writes as JSON.
     *
     * @return the content
     */
    Object details();
}
