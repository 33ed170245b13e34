package org.consent4j.servlet.banner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How a site configures the banner: its privacy policy link, default language, own texts, Google
 * Consent Mode, and whether the filter places the loader in HTML pages itself.
 *
 * <p>Defaults: no privacy policy link, English as the default language, the bundled texts,
 * Consent Mode off (with the {@linkplain ConsentModeMapping#defaults() default mapping} and a
 * 500 ms {@code wait_for_update} when it is turned on), automatic injection on, click-to-load
 * placeholders on, no CSP nonce.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * BannerConfig config = BannerConfig.builder()
 *         .privacyPolicyUrl("/privacy")
 *         .defaultLanguage("fr")
 *         .consentMode(true)
 *         .build();
 * }</pre>
 */
public final class BannerConfig {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final BannerConfig DEFAULTS = builder().build();

    private final String privacyPolicyUrl;
    private final String defaultLanguage;
    private final BannerTexts texts;
    private final boolean consentMode;
    private final ConsentModeMapping consentModeMapping;
    private final Duration consentModeWaitForUpdate;
    private final boolean autoInject;
    private final String cspNonceAttribute;
    private final boolean placeholders;

    private BannerConfig(Builder b) {
        this.privacyPolicyUrl = b.privacyPolicyUrl == null ? "" : b.privacyPolicyUrl;
        this.defaultLanguage = b.defaultLanguage == null ? "en" : b.defaultLanguage;
        this.texts = b.texts == null ? BannerTexts.empty() : b.texts;
        this.consentMode = b.consentMode != null && b.consentMode;
        this.consentModeMapping = b.consentModeMapping == null ? ConsentModeMapping.defaults() : b.consentModeMapping;
        this.consentModeWaitForUpdate = b.waitForUpdate == null ? Duration.ofMillis(500) : b.waitForUpdate;
        this.autoInject = b.autoInject == null || b.autoInject;
        this.cspNonceAttribute = b.cspNonceAttribute == null ? "" : b.cspNonceAttribute;
        this.placeholders = b.placeholders == null || b.placeholders;
    }

    /** The configuration with every default. */
    public static BannerConfig defaults() {
        return DEFAULTS;
    }

    /** A builder; every property is optional and may be set once. */
    public static Builder builder() {
        return new Builder();
    }

    /** The site's privacy policy URL, linked from the banner and the declaration; empty for none. */
    public String privacyPolicyUrl() {
        return privacyPolicyUrl;
    }

    /** The language used when the visitor's Accept-Language names none the banner has. */
    public String defaultLanguage() {
        return defaultLanguage;
    }

    /** The site's own texts. */
    public BannerTexts texts() {
        return texts;
    }

    /** Whether the loader emits Google Consent Mode v2 {@code default} and {@code update} commands. */
    public boolean consentMode() {
        return consentMode;
    }

    /** How categories become Consent Mode types. */
    public ConsentModeMapping consentModeMapping() {
        return consentModeMapping;
    }

    /** The {@code wait_for_update} sent with the default while the visitor has not chosen yet. */
    public Duration consentModeWaitForUpdate() {
        return consentModeWaitForUpdate;
    }

    /** Whether the filter inserts the loader into the {@code <head>} of HTML responses. */
    public boolean autoInject() {
        return autoInject;
    }

    /**
     * The name of the request attribute that holds the page's CSP nonce, or empty: when set, the
     * inline Consent Mode script carries {@code nonce="<value>"}.
     */
    public String cspNonceAttribute() {
        return cspNonceAttribute;
    }

    /**
     * Whether the banner covers each blocked iframe, video and audio player with a click-to-load
     * placeholder (the service, what loading it means, "Load this once", "Always allow" and a plain
     * link to the original), on by default.
     */
    public boolean placeholders() {
        return placeholders;
    }

    @Override
    public String toString() {
        return "BannerConfig[privacyPolicyUrl=" + privacyPolicyUrl + ", defaultLanguage=" + defaultLanguage
                + ", texts=" + texts.languages() + ", consentMode=" + consentMode + ", autoInject=" + autoInject
                + ", placeholders=" + placeholders
                + (cspNonceAttribute.isEmpty() ? "" : ", cspNonceAttribute=" + cspNonceAttribute) + "]";
    }

    /** Builds a {@link BannerConfig}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String privacyPolicyUrl;
        private @Nullable String defaultLanguage;
        private @Nullable BannerTexts texts;
        private @Nullable Boolean consentMode;
        private @Nullable ConsentModeMapping consentModeMapping;
        private @Nullable Duration waitForUpdate;
        private @Nullable Boolean autoInject;
        private @Nullable String cspNonceAttribute;
        private @Nullable Boolean placeholders;

        private Builder() {
        }

        /**
         * The privacy policy link: an absolute {@code http(s)} URL or a path on the site, used as given
         * (a path is not prefixed with the context path).
         *
         * @throws IllegalArgumentException for any other URL, e.g. {@code javascript:}
         */
        public Builder privacyPolicyUrl(String url) {
            once(privacyPolicyUrl, "privacyPolicyUrl");
            if (!Html.isSafeLink(url)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "privacy policy URL '%s' must be an absolute http(s) URL or a path starting with '/'", url));
            }
            this.privacyPolicyUrl = url;
            return this;
        }

        /**
         * The fallback language, a lower-case ISO 639 code that has texts: bundled ({@code en},
         * {@code fr}, {@code de}, {@code es}) or given through {@link #texts(BannerTexts)}.
         */
        public Builder defaultLanguage(String language) {
            once(defaultLanguage, "defaultLanguage");
            if (!LANGUAGE.matcher(language).matches()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "default language '%s' is not a lower-case ISO 639 code such as 'en' or 'fr'", language));
            }
            this.defaultLanguage = language;
            return this;
        }

        /** The site's own banner texts, over the bundled ones; none by default. */
        public Builder texts(BannerTexts texts) {
            once(this.texts, "texts");
            this.texts = Objects.requireNonNull(texts, "texts");
            return this;
        }

        /** Turns Google Consent Mode v2 on or off (off by default). */
        public Builder consentMode(boolean enabled) {
            once(consentMode, "consentMode");
            this.consentMode = enabled;
            return this;
        }

        /** Which categories grant each Google Consent Mode type; {@link ConsentModeMapping#defaults()} by default. */
        public Builder consentModeMapping(ConsentModeMapping mapping) {
            once(consentModeMapping, "consentModeMapping");
            this.consentModeMapping = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /**
         * How long Google tags wait for the banner's {@code update} before sending, while the visitor
         * has not chosen; zero leaves {@code wait_for_update} out.
         *
         * @throws IllegalArgumentException if negative or longer than a minute
         */
        public Builder consentModeWaitForUpdate(Duration wait) {
            once(waitForUpdate, "consentModeWaitForUpdate");
            if (wait.isNegative() || wait.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "consentModeWaitForUpdate %s must be between 0 and 1 minute (Google suggests 500 ms)", wait));
            }
            this.waitForUpdate = wait;
            return this;
        }

        /** Whether the filter injects the loader into HTML pages (on by default). */
        public Builder autoInject(boolean enabled) {
            once(autoInject, "autoInject");
            this.autoInject = enabled;
            return this;
        }

        /**
         * Whether blocked iframes, video and audio players get a click-to-load placeholder (on by
         * default); off leaves them blank until the visitor allows their service.
         */
        public Builder placeholders(boolean enabled) {
            once(placeholders, "placeholders");
            this.placeholders = enabled;
            return this;
        }

        /** The request attribute holding the CSP nonce for the inline Consent Mode script. */
        public Builder cspNonceAttribute(String attributeName) {
            once(cspNonceAttribute, "cspNonceAttribute");
            if (attributeName.isBlank()) {
                throw new IllegalArgumentException("cspNonceAttribute must name a request attribute");
            }
            this.cspNonceAttribute = attributeName;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException if the default language has no texts
         */
        public BannerConfig build() {
            List<String> languages = new ArrayList<>(Texts.BUNDLED);
            if (texts != null) {
                languages.addAll(texts.languages());
            }
            if (defaultLanguage != null && !languages.contains(defaultLanguage)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "default language '%s' has no texts; bundled: %s; add texts for it with BannerTexts",
                        defaultLanguage, Texts.BUNDLED));
            }
            return new BannerConfig(this);
        }

        private static void once(@Nullable Object current, String property) {
            if (current != null) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s was already set to %s", property, current));
            }
        }
    }
}
