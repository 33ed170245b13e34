package org.consent4j.spring.boot;

import org.consent4j.servlet.ConsentFilterConfig;

/**
 * A bean that adjusts the consent filter's configuration after the {@code consent4j.*} properties and the
 * engine, key set, resolver and record sink beans were applied: for the settings that are objects (banner
 * texts, a Consent Mode mapping, an HTML gate of one's own, a cookie customizer, extra consent sources).
 * Customizers run in their {@code @Order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConsentFilterConfigCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder, with the properties and beans applied
     */
    void customize(ConsentFilterConfig.Builder builder);
}
