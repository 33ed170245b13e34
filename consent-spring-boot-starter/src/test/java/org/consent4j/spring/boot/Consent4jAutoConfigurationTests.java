package org.consent4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.records.JsonLinesRecordSink;
import org.consent4j.records.Slf4jRecordSink;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.JurisdictionResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

/** The auto-configuration in a servlet application context, without a server. */
final class Consent4jAutoConfigurationTests {

    static final String KEYS = "consent4j.keys=k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Consent4jAutoConfiguration.class));

    @Test
    void registersTheFilterForRequestErrorAndAsyncBeforeSpringSecurityWhenOnlyKeysAreSet() {
        runner.withPropertyValues(KEYS).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ConsentFilter.class).hasSingleBean(KeySet.class)
                    .hasSingleBean(JurisdictionResolver.class).hasSingleBean(ConsentRecordSink.class)
                    .hasSingleBean(Consent4jEndpoint.class).hasSingleBean(ConsentMetrics.class)
                    .hasBean(ConsentExpressions.BEAN_NAME);
            FilterRegistrationBean<?> registration = context.getBean(Consent4jAutoConfiguration.REGISTRATION_BEAN,
                    FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isSameAs(context.getBean(ConsentFilter.class));
            assertThat(registration.getUrlPatterns()).containsExactly("/*");
            assertThat(registration.isAsyncSupported()).isTrue();
            // Spring Security's FilterChainProxy runs at SecurityProperties.DEFAULT_FILTER_ORDER, -100.
            assertThat(registration.getOrder()).isLessThan(-100);
            @SuppressWarnings("unchecked")
            EnumSet<DispatcherType> types = (EnumSet<DispatcherType>) ReflectionTestUtils.getField(registration, "dispatcherTypes");
            assertThat(types).containsExactlyInAnyOrder(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
            assertThat(context.getBean(KeySet.class).signing().id()).isEqualTo("k1");
            assertThat(context.getBean(ConsentRecordSink.class)).isInstanceOf(Slf4jRecordSink.class);
        });
    }

    @Test
    void refusesToStartWithoutKeysAndNamesTheSetting() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("consent4j.keys is not set").hasMessageContaining("CONSENT4J_KEYS");
        });
    }

    @Test
    void generatesAKeyOnlyWhenDevelopmentKeysAreAskedFor() {
        runner.withPropertyValues("consent4j.development-keys=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(KeySet.class).signing().id()).isEqualTo("gen");
        });
    }

    @Test
    void badKeysFailBindingWithThePropertyNameAndWithoutTheSecret() {
        runner.withPropertyValues("consent4j.keys=k1:c2hvcnQ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(causes(context.getStartupFailure())).contains("consent4j.keys: signing key 'k1' has 5 bytes")
                    .doesNotContain("c2hvcnQ");
        });
    }

    @Test
    void badValuesFailBindingWithThePropertyName() {
        runner.withPropertyValues(KEYS, "consent4j.jurisdiction=geoip").run(context -> {
            assertThat(context).hasFailed();
            assertThat(causes(context.getStartupFailure())).contains("consent4j.jurisdiction: ");
            assertThat(causes(context.getStartupFailure())).contains("unknown jurisdiction resolver 'geoip'");
        });
        runner.withPropertyValues(KEYS, "consent4j.cookie.name=bad name").run(context -> {
            assertThat(context).hasFailed();
            assertThat(causes(context.getStartupFailure())).contains("consent4j.cookie.name: ");
        });
        runner.withPropertyValues(KEYS, "consent4j.prefix=no-slash").run(context -> {
            assertThat(context).hasFailed();
            assertThat(causes(context.getStartupFailure())).contains("consent4j.prefix: ");
        });
        runner.withPropertyValues(KEYS, "consent4j.unknown-cookies=maybe").run(context -> {
            assertThat(context).hasFailed();
            assertThat(causes(context.getStartupFailure())).contains("Failed to bind properties under 'consent4j.unknown-cookies'");
        });
    }

    @Test
    void bannerPlaceholdersOnByDefaultAndOffWithTheProperty() {
        runner.withPropertyValues(KEYS).run(context -> assertThat(context.getBean(ConsentFilter.class).config().banner()
                .orElseThrow().placeholders()).isTrue());
        runner.withPropertyValues(KEYS, "consent4j.banner.placeholders=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ConsentFilter.class).config().banner().orElseThrow().placeholders()).isFalse();
        });
    }

    @Test
    void bindsRelaxedNames() {
        runner.withPropertyValues(KEYS, "consent4j.maxBody=4096", "consent4j.cookie.NAME=site_consent",
                "CONSENT4J_JURISDICTION=cloudfront").run(context -> {
            assertThat(context).hasNotFailed();
            Consent4jProperties p = context.getBean(Consent4jProperties.class);
            assertThat(p.getMaxBody()).isEqualTo(4096);
            ConsentFilter filter = context.getBean(ConsentFilter.class);
            assertThat(filter.config().cookieName()).isEqualTo("site_consent");
            assertThat(filter.config().maxBody()).isEqualTo(4096);
        });
    }

    @Test
    void theApplicationsOwnBeansReplaceTheDefaults() {
        runner.withPropertyValues(KEYS).withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(KeySet.class).signing().id()).isEqualTo("own");
            assertThat(context.getBean(JurisdictionResolver.class)).isSameAs(OwnBeans.RESOLVER);
            assertThat(context.getBean(ConsentFilter.class).config().jurisdictionResolver()).isSameAs(OwnBeans.RESOLVER);
            assertThat(context.getBean(ConsentFilter.class).config().keys()).contains(context.getBean(KeySet.class));
            assertThat(context.getBean(ConsentFilter.class).config().cookieName()).isEqualTo("customized");
        });
    }

    @Test
    void opensTheJsonLinesLogInTheRecordsDirectory(@TempDir Path dir) {
        runner.withPropertyValues(KEYS, "consent4j.records.directory=" + dir).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ConsentRecordSink.class)).isInstanceOf(JsonLinesRecordSink.class);
            assertThat(context.getBean(Consent4jEndpoint.class).state()).containsKey("records");
        });
    }

    @Test
    void staysOffWhenDisabled() {
        runner.withPropertyValues("consent4j.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(ConsentFilter.class));
    }

    @Test
    void configurationMetadataDescribesTheProperties() throws Exception {
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("metadata generated by spring-boot-configuration-processor").isNotNull();
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).contains("\"consent4j.keys\"", "\"consent4j.jurisdiction\"", "\"consent4j.cookie.name\"",
                    "\"consent4j.records.directory\"", "\"consent4j.filter.order\"", "CONSENT4J_KEYS");
        }
    }

    @Test
    void answersNoOutsideARequest() {
        assertThat(new ConsentExpressions().allows("analytics")).isFalse();
        assertThat(new ConsentExpressions().context()).isEmpty();
    }

    /** Every message in the cause chain: Boot's failure analysis shows the binding failure's property from there. */
    private static String causes(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final JurisdictionResolver RESOLVER = JurisdictionResolver.fixed("DE");

        @Bean
        KeySet ownKeys() {
            return KeySet.parse("own:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
        }

        @Bean
        JurisdictionResolver ownResolver() {
            return RESOLVER;
        }

        @Bean
        ConsentFilterConfigCustomizer cookieName() {
            return b -> b.cookieName("customized");
        }
    }

    @Test
    void iabSignalsAreOffByDefaultAndTurnOnWithTheirProperties() {
        runner.withPropertyValues(KEYS).run(context ->
                assertThat(context.getBean(ConsentFilter.class).config().iab().enabled()).isFalse());
        runner.withPropertyValues(KEYS, "consent4j.iab.enabled=true", "consent4j.iab.cmp-id=4000",
                "consent4j.iab.vendor-list-version=150", "consent4j.iab.publisher-country=de",
                "consent4j.iab.tcf-consent=true").run(context -> {
            org.consent4j.servlet.IabConfig iab = context.getBean(ConsentFilter.class).config().iab();
            assertThat(iab.enabled()).isTrue();
            assertThat(iab.cmpId()).isEqualTo(4000);
            assertThat(iab.vendorListVersion()).isEqualTo(150);
            assertThat(iab.publisherCountry()).isEqualTo("DE");
            assertThat(iab.tcfConsent()).isTrue();
        });
        runner.withPropertyValues(KEYS, "consent4j.iab.enabled=true", "consent4j.iab.cmp-id=4000").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("consent4j.iab.cmp-id")
                    .hasStackTraceContaining("vendor list version");
        });
    }
}
