package org.consent4j.servlet.csp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the consent filter builds each visitor's Content-Security-Policy.
 *
 * <p>Defaults: {@link CspMode#REPORT_ONLY}; every catalogued service may be listed (when the
 * visitor allows it); no extra sources; inline scripts only with the request's nonce; the report
 * endpoint on, at most 120 reports a minute of at most 16 KiB each, reported to
 * {@link CspReportListener#logging()}; policies up to 6,144 characters. Immutable and thread-safe.
 *
 * <pre>{@code
 * CspConfig csp = CspConfig.builder()
 *         .mode(CspMode.ENFORCE)
 *         .services(Set.of("google-analytics", "youtube", "stripe"))
 *         .sources("img-src https://images.example-cdn.com; connect-src https://api.example.com")
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CspConfig {

    /** The default most reports a minute the endpoint accepts (each instance). */
    public static final int DEFAULT_REPORTS_PER_MINUTE = 120;
    /** The default largest report body, in bytes. */
    public static final int DEFAULT_MAX_REPORT_BYTES = 16 * 1024;
    /** The default longest policy, in characters. */
    public static final int DEFAULT_MAX_POLICY_LENGTH = 6 * 1024;

    private static final CspConfig DEFAULTS = builder().build();

    private final CspMode mode;
    private final Map<String, List<String>> sources;
    private final Set<String> services;
    private final boolean unsafeInlineScripts;
    private final boolean reportEndpoint;
    private final int reportsPerMinute;
    private final int maxReportBytes;
    private final int maxPolicyLength;
    private final String nonceAttribute;
    private final CspReportListener listener;

    private CspConfig(Builder b) {
        this.mode = b.mode;
        Map<String, List<String>> s = new LinkedHashMap<>();
        b.sources.forEach((k, v) -> s.put(k, List.copyOf(v)));
        this.sources = java.util.Collections.unmodifiableMap(s);
        this.services = java.util.Collections.unmodifiableSet(new TreeSet<>(b.services));
        this.unsafeInlineScripts = b.unsafeInlineScripts;
        this.reportEndpoint = b.reportEndpoint;
        this.reportsPerMinute = b.reportsPerMinute;
        this.maxReportBytes = b.maxReportBytes;
        this.maxPolicyLength = b.maxPolicyLength;
        this.nonceAttribute = b.nonceAttribute;
        this.listener = b.listener;
    }

    /** Every default: report-only. */
    public static CspConfig defaults() {
        return DEFAULTS;
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.mode = mode;
        sources.forEach((k, v) -> b.sources.put(k, new ArrayList<>(v)));
        b.services.addAll(services);
        b.unsafeInlineScripts = unsafeInlineScripts;
        b.reportEndpoint = reportEndpoint;
        b.reportsPerMinute = reportsPerMinute;
        b.maxReportBytes = maxReportBytes;
        b.maxPolicyLength = maxPolicyLength;
        b.nonceAttribute = nonceAttribute;
        b.listener = listener;
        return b;
    }

    /** Whether and how the policy is sent. */
    public CspMode mode() {
        return mode;
    }

    /** The site's own sources per directive, added to every visitor's policy. */
    public Map<String, List<String>> sources() {
        return sources;
    }

    /**
     * The ids of the services the site uses: only their hosts can be listed. Empty means every
     * catalogued service.
     */
    public Set<String> services() {
        return services;
    }

    /**
     * Whether {@code script-src} allows every inline script ({@code 'unsafe-inline'}, no nonce)
     * rather than only those carrying the request's nonce.
     */
    public boolean unsafeInlineScripts() {
        return unsafeInlineScripts;
    }

    /** Whether the filter serves the report endpoint ({@code {prefix}/csp-report}) and names it in the policy. */
    public boolean reportEndpoint() {
        return reportEndpoint;
    }

    /** The most reports a minute the endpoint accepts, for each filter instance. */
    public int reportsPerMinute() {
        return reportsPerMinute;
    }

    /** The largest report body the endpoint reads, in bytes. */
    public int maxReportBytes() {
        return maxReportBytes;
    }

    /** The longest policy, in characters; see {@link Builder#maxPolicyLength}. */
    public int maxPolicyLength() {
        return maxPolicyLength;
    }

    /** The request attribute holding the application's own nonce; empty for none. */
    public String nonceAttribute() {
        return nonceAttribute;
    }

    /** Who receives violation reports. */
    public CspReportListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "CspConfig[mode=" + mode.text() + (sources.isEmpty() ? "" : ", sources=" + sources)
                + (services.isEmpty() ? "" : ", services=" + services)
                + (unsafeInlineScripts ? ", unsafeInlineScripts" : "")
                + (reportEndpoint ? ", reports=" + reportsPerMinute + "/min" : ", no report endpoint") + "]";
    }

    /** Configures a {@link CspConfig}. Not thread-safe. */
    public static final class Builder {
        private CspMode mode = CspMode.REPORT_ONLY;
        private final Map<String, List<String>> sources = new LinkedHashMap<>();
        private final Set<String> services = new LinkedHashSet<>();
        private boolean unsafeInlineScripts;
        private boolean reportEndpoint = true;
        private int reportsPerMinute = DEFAULT_REPORTS_PER_MINUTE;
        private int maxReportBytes = DEFAULT_MAX_REPORT_BYTES;
        private int maxPolicyLength = DEFAULT_MAX_POLICY_LENGTH;
        private String nonceAttribute = "";
        private CspReportListener listener = CspReportListener.logging();

        private Builder() {
        }

        /** Whether and how the policy is sent; {@link CspMode#REPORT_ONLY} by default. */
        public Builder mode(CspMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Adds sources to one directive of every visitor's policy (e.g. {@code img-src},
         * {@code https://images.example-cdn.com}).
         *
         * @throws IllegalArgumentException for a directive the policy does not write, or a source that
         *                                  would allow every host ({@code *}, {@code https:},
         *                                  {@code 'strict-dynamic'}), a nonce, {@code 'none'} or text that
         *                                  is not a source expression
         */
        public Builder source(String directive, String... sources) {
            String d = Sources.directive(Objects.requireNonNull(directive, "directive"));
            List<String> list = this.sources.computeIfAbsent(d, k -> new ArrayList<>());
            for (String s : sources) {
                String checked = Sources.source(d, Objects.requireNonNull(s, "source"));
                if (!list.contains(checked)) {
                    list.add(checked);
                }
            }
            return this;
        }

        /**
         * Adds sources written in CSP syntax: {@code script-src https://cdn.example.com; img-src data:}.
         *
         * @throws IllegalArgumentException as {@link #source}
         */
        public Builder sources(String policyText) {
            Sources.parse(Objects.requireNonNull(policyText, "policyText"))
                    .forEach((d, list) -> source(d, list.toArray(String[]::new)));
            return this;
        }

        /**
         * The ids of the services the site uses; only their hosts are listed (when the visitor allows
         * them, or they are necessary). Every catalogued service by default; listing them keeps the
         * policy short, and the filter refuses to start in {@code enforce} mode when the longest policy
         * would not fit {@link #maxPolicyLength}.
         *
         * @throws IllegalArgumentException at the filter's start for an id the catalog does not have
         */
        public Builder services(Set<String> ids) {
            this.services.clear();
            for (String id : ids) {
                this.services.add(Objects.requireNonNull(id, "service id"));
            }
            return this;
        }

        /**
         * Lets every inline script run ({@code 'unsafe-inline'} instead of the request's nonce in
         * {@code script-src}); off by default. Inline code still cannot reach a host the policy does
         * not list, so consent holds either way; the nonce is stricter, and needs the site's inline
         * scripts to carry {@link CspNonce#of}.
         */
        public Builder unsafeInlineScripts(boolean allow) {
            this.unsafeInlineScripts = allow;
            return this;
        }

        /** Whether the filter serves the report endpoint and names it in the policy; on by default. */
        public Builder reportEndpoint(boolean on) {
            this.reportEndpoint = on;
            return this;
        }

        /**
         * The most reports a minute the endpoint accepts ({@value #DEFAULT_REPORTS_PER_MINUTE} by default);
         * more are answered 429.
         *
         * @throws IllegalArgumentException if not between 1 and 100,000
         */
        public Builder reportsPerMinute(int count) {
            if (count < 1 || count > 100_000) {
                throw new IllegalArgumentException("reportsPerMinute must be between 1 and 100000, was " + count);
            }
            this.reportsPerMinute = count;
            return this;
        }

        /**
         * The largest report body the endpoint reads ({@value #DEFAULT_MAX_REPORT_BYTES} bytes by default);
         * larger ones are answered 413.
         *
         * @throws IllegalArgumentException if not between 1,024 and 1,048,576
         */
        public Builder maxReportBytes(int bytes) {
            if (bytes < 1024 || bytes > 1_048_576) {
                throw new IllegalArgumentException("maxReportBytes must be between 1024 and 1048576, was " + bytes);
            }
            this.maxReportBytes = bytes;
            return this;
        }

        /**
         * The longest policy, in characters ({@value #DEFAULT_MAX_POLICY_LENGTH} by default). Servers refuse
         * responses whose headers exceed their limit (8 KiB in Jetty and Tomcat by default). In
         * {@code enforce} mode the filter refuses to start when the policy of a visitor who allows every
         * listed service would be longer; in {@code report-only} mode a longer policy is not sent, with a
         * warning.
         *
         * @throws IllegalArgumentException if not between 512 and 65,536
         */
        public Builder maxPolicyLength(int chars) {
            if (chars < 512 || chars > 65_536) {
                throw new IllegalArgumentException("maxPolicyLength must be between 512 and 65536, was " + chars);
            }
            this.maxPolicyLength = chars;
            return this;
        }

        /**
         * The request attribute where the application keeps the nonce of its own policy; when it holds
         * one, the consent policy uses it too, so inline scripts carrying it pass both policies.
         *
         * @throws IllegalArgumentException if blank
         */
        public Builder nonceAttribute(String attributeName) {
            Objects.requireNonNull(attributeName, "attributeName");
            if (attributeName.isBlank()) {
                throw new IllegalArgumentException("nonceAttribute must name a request attribute");
            }
            this.nonceAttribute = attributeName;
            return this;
        }

        /** Who receives violation reports; {@link CspReportListener#logging()} by default. */
        public Builder listener(CspReportListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The configuration. */
        public CspConfig build() {
            return new CspConfig(this);
        }

    }
}
