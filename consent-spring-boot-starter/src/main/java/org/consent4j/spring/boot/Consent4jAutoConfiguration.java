package org.consent4j.spring.boot;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.records.JsonLinesRecordSink;
import org.consent4j.records.Slf4jRecordSink;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.consent4j.servlet.banner.BannerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the consent filter in a servlet web application, with its engine, signing keys, jurisdiction
 * resolver and record sink as beans that a bean of the application's own of the same type replaces. Turn
 * it off with {@code consent4j.enabled=false}.
 *
 * <p>The filter is mapped to {@code REQUEST}, {@code ERROR} and {@code ASYNC} dispatches with async support,
 * ordered before Spring Security's filter chain ({@code consent4j.filter.order}, default
 * {@value Consent4jProperties.Filter#DEFAULT_ORDER}) so that cookies set there are gated too.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ConsentFilter.class)
@ConditionalOnProperty(prefix = Consent4jProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(Consent4jProperties.class)
public class Consent4jAutoConfiguration {

    /** The name of the filter's registration bean; a bean of this name replaces it. */
    public static final String REGISTRATION_BEAN = "consentFilterRegistration";

    static final String MISSING_KEYS = "consent4j.keys is not set: the consent cookie is signed and needs keys that "
            + "every instance shares and that survive restarts. Set the property consent4j.keys (or the environment "
            + "variable CONSENT4J_KEYS) to id:base64url-secret with at least 32 random bytes, e.g. k1:$(openssl rand "
            + "-base64 32 | tr '+/' '-_' | tr -d '='). For development only, consent4j.development-keys=true generates "
            + "a key at each start instead (choices are then lost on restart).";

    private static final Logger LOG = LoggerFactory.getLogger(Consent4jAutoConfiguration.class);

    /** Created by Spring. */
    public Consent4jAutoConfiguration() {
    }

    /**
     * The engine: the bundled catalog and jurisdiction table, with {@code consent4j.catalog} and
     * {@code consent4j.jurisdictions} applied.
     *
     * @param properties the properties
     * @return the engine
     */
    @Bean
    @ConditionalOnMissingBean
    public ConsentEngine consentEngine(Consent4jProperties properties) {
        List<Path> catalog = properties.getCatalog();
        Path jurisdictions = properties.getJurisdictions();
        return ConsentEngine.builder()
                .catalog(catalog.isEmpty() ? Catalogs.bundled() : Catalogs.load(catalog.toArray(Path[]::new)))
                .jurisdictions(jurisdictions == null ? Jurisdictions.bundled() : Jurisdictions.load(jurisdictions))
                .build();
    }

    /**
     * The signing keys from {@code consent4j.keys}.
     *
     * @param properties the properties
     * @return the keys
     * @throws IllegalStateException naming {@code consent4j.keys} when it is not set (unless
     *                               {@code consent4j.development-keys} is true)
     */
    @Bean
    @ConditionalOnMissingBean
    public KeySet consentKeySet(Consent4jProperties properties) {
        String keys = properties.getKeys();
        if (keys != null && !keys.isBlank()) {
            return KeySet.parse(keys);
        }
        if (properties.isDevelopmentKeys()) {
            LOG.warn("consent4j.development-keys=true: generated a random signing key for this process. Visitors' "
                    + "choices will NOT survive a restart and will NOT be accepted by other instances. Never use this "
                    + "in production: set consent4j.keys (CONSENT4J_KEYS).");
            return KeySet.generate();
        }
        throw new IllegalStateException(MISSING_KEYS);
    }

    /**
     * The jurisdiction resolver {@code consent4j.jurisdiction} names.
     *
     * @param properties the properties
     * @return the resolver
     */
    @Bean
    @ConditionalOnMissingBean
    public JurisdictionResolver consentJurisdictionResolver(Consent4jProperties properties) {
        return JurisdictionResolver.parse(properties.getJurisdiction());
    }

    /**
     * The record sink: the JSON Lines log in {@code consent4j.records.directory}, or else the SLF4J logger
     * {@value Slf4jRecordSink#LOGGER}.
     *
     * @param properties the properties
     * @return the sink, closed by the container on shutdown
     */
    @Bean
    @ConditionalOnMissingBean
    public ConsentRecordSink consentRecordSink(Consent4jProperties properties) {
        Path directory = properties.getRecords().getDirectory();
        if (directory == null) {
            LOG.warn("consent4j.records.directory is not set: consent records go to the SLF4J logger '{}' only. "
                    + "Set it (or define a ConsentRecordSink bean) to keep a verifiable record log.", Slf4jRecordSink.LOGGER);
            return Slf4jRecordSink.create();
        }
        try {
            return JsonLinesRecordSink.builder(directory).open();
        } catch (IOException e) {
            throw new UncheckedIOException("consent4j.records.directory: cannot open the record log in " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    @Bean
    RecordObservation consentRecordObservation() {
        return new RecordObservation();
    }

    /**
     * The filter, configured from the properties and the beans above, then by every
     * {@link ConsentFilterConfigCustomizer}.
     *
     * @param properties  the properties
     * @param engine      the engine
     * @param keys        the keys
     * @param resolver    the resolver
     * @param sink        the record sink
     * @param observation where metrics attach
     * @param customizers the customizers, in order
     * @return the filter
     */
    @Bean
    @ConditionalOnMissingBean
    public ConsentFilter consentFilter(Consent4jProperties properties, ConsentEngine engine, KeySet keys,
                                       JurisdictionResolver resolver, ConsentRecordSink sink,
                                       RecordObservation observation,
                                       ObjectProvider<ConsentFilterConfigCustomizer> customizers) {
        ConsentFilterConfig.Builder b = ConsentFilterConfig.builder()
                .engine(engine)
                .keys(keys)
                .jurisdictionResolver(resolver)
                .recordSink(ObservedRecordSink.of(sink, observation))
                .prefix(properties.getPrefix())
                .cookieName(properties.getCookie().getName())
                .secureCookie(properties.getCookie().isSecure())
                .expireDomains(properties.getExpireDomains())
                .expireParentDomains(properties.isExpireParentDomains())
                .unknownCookies(properties.getUnknownCookies())
                .necessaryCookies(properties.getNecessaryCookies())
                .cacheMode(properties.getCache())
                .maxBody(properties.getMaxBody())
                .allowedOrigins(properties.getAllowedOrigins())
                .recordGpcOptOuts(properties.getRecords().isGpcOptOuts())
                .recordClientAddress(properties.getRecords().isClientAddress())
                .recordUserAgent(properties.getRecords().isUserAgent())
                .htmlGate(properties.isHtmlGate());
        String domain = properties.getCookie().getDomain();
        if (domain != null && !domain.isBlank()) {
            b.cookieDomain(domain);
        }
        Consent4jProperties.Banner banner = properties.getBanner();
        if (banner.isEnabled()) {
            BannerConfig.Builder bc = BannerConfig.builder().autoInject(banner.isInject()).consentMode(banner.isConsentMode())
                    .placeholders(banner.isPlaceholders());
            if (banner.getLanguage() != null) {
                bc.defaultLanguage(banner.getLanguage());
            }
            if (banner.getPrivacyPolicyUrl() != null) {
                bc.privacyPolicyUrl(banner.getPrivacyPolicyUrl());
            }
            b.banner(bc.build());
        } else {
            b.banner(false);
        }
        b.iab(properties.getIab().config());
        customizers.orderedStream().forEach(c -> c.customize(b));
        return new ConsentFilter(b.build());
    }

    /**
     * The filter's registration: every URL pattern of {@code consent4j.filter.url-patterns}, dispatcher types
     * {@code REQUEST}, {@code ERROR} and {@code ASYNC}, async supported, order {@code consent4j.filter.order}.
     *
     * @param filter     the filter
     * @param properties the properties
     * @return the registration
     */
    @Bean(name = REGISTRATION_BEAN)
    @ConditionalOnMissingBean(name = REGISTRATION_BEAN)
    public FilterRegistrationBean<ConsentFilter> consentFilterRegistration(ConsentFilter filter,
                                                                          Consent4jProperties properties) {
        FilterRegistrationBean<ConsentFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("consentFilter");
        registration.setUrlPatterns(properties.getFilter().getUrlPatterns());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.setOrder(properties.getFilter().getOrder());
        return registration;
    }

    /** Spring MVC: {@code ConsentContext} controller arguments and the {@code consent} expression bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
    static class WebMvc {

        @Bean
        WebMvcConfigurer consentContextArguments() {
            return new WebMvcConfigurer() {
                @Override
                public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                    resolvers.add(new ConsentContextArgumentResolver());
                }
            };
        }

        @Bean(name = ConsentExpressions.BEAN_NAME)
        @ConditionalOnMissingBean(name = ConsentExpressions.BEAN_NAME)
        ConsentExpressions consentExpressions() {
            return new ConsentExpressions();
        }
    }

    /** Micrometer meters, bound by Spring Boot to every registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        ConsentMetrics consentMetrics(ConsentFilter filter, RecordObservation observation) {
            ConsentMetrics metrics = new ConsentMetrics(filter);
            observation.observer(metrics.recordObserver());
            filter.listener(metrics.listener());
            return metrics;
        }
    }

    /** The Actuator endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Actuator {

        @Bean
        @ConditionalOnMissingBean
        Consent4jEndpoint consent4jEndpoint(ConsentFilter filter, ConsentRecordSink sink,
                                            ObjectProvider<Consent4jEndpointContributor> contributors) {
            return new Consent4jEndpoint(filter, sink, contributors.orderedStream().toList());
        }
    }
}
