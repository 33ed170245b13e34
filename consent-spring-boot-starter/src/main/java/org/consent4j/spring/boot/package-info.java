/**
 * Spring Boot auto-configuration for consent4j: the {@link org.consent4j.servlet.ConsentFilter} registered
 * before Spring Security's chain, its engine, signing keys, jurisdiction resolver and record sink as beans
 * the application can replace, {@code consent4j.*} properties ({@link org.consent4j.spring.boot.Consent4jProperties}),
 * {@link org.consent4j.servlet.ConsentContext} as a controller argument, a {@code consent} bean for template
 * expressions ({@link org.consent4j.spring.boot.ConsentExpressions}), an Actuator endpoint
 * ({@link org.consent4j.spring.boot.Consent4jEndpoint}) and Micrometer metrics
 * ({@link org.consent4j.spring.boot.ConsentMetrics}).
 *
 * <p>Works on Spring Boot 3.5 and 4.0.
 */
@NullMarked
package org.consent4j.spring.boot;

import org.jspecify.annotations.NullMarked;
