package org.consent4j.spring.boot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.Reason;
import org.consent4j.records.ConsentRecord;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterListener;
import org.consent4j.servlet.ConsentFilterStats;
import org.jspecify.annotations.Nullable;

/**
 * The consent filter's Micrometer meters, bound by Spring Boot to every registry (Prometheus, OTLP, ...):
 * <ul>
 *   <li>{@value #CHOICES}: choices recorded, tagged {@code jurisdiction} and {@code method}
 *       ({@code accept_all}, {@code reject_all}, {@code custom}, {@code withdrawal}, {@code gpc_opt_out});</li>
 *   <li>{@value #CATEGORY_CHOICES}: the categories of those choices, tagged {@code jurisdiction},
 *       {@code category} and {@code choice} ({@code granted} or {@code denied}): the consent rate per
 *       category;</li>
 *   <li>{@value #DENIED}: cookies the gate dropped, tagged {@code reason} (the decision's reason code, e.g.
 *       {@code no-choice-opt-in}, {@code denied}, {@code gpc-opt-out}, {@code unknown-target});</li>
 *   <li>{@value #RECORD_APPEND}: the record sink's append time, tagged {@code outcome} ({@code success} or
 *       {@code failure}); the failures' count is the consent records that could not be written;</li>
 *   <li>{@code consent4j.filter.*}: the filter's own counters ({@link ConsentFilterStats}).</li>
 * </ul>
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ConsentMetrics implements MeterBinder {

    /** Choices recorded. */
    public static final String CHOICES = "consent4j.choices";
    /** Category choices within the recorded choices. */
    public static final String CATEGORY_CHOICES = "consent4j.choices.categories";
    /** Cookies dropped, by the reason of the decision. */
    public static final String DENIED = "consent4j.decisions.denied";
    /** Record sink append time and outcome. */
    public static final String RECORD_APPEND = "consent4j.records.append";

    private final ConsentFilter filter;
    private volatile @Nullable MeterRegistry registry;

    /**
     * Meters for this filter.
     *
     * @param filter the filter whose counters are exposed
     */
    public ConsentMetrics(ConsentFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        stat(registry, "consent4j.filter.choices.recorded", "choices and withdrawals accepted", ConsentFilterStats::choicesRecorded);
        stat(registry, "consent4j.filter.record.failures", "choices refused because the record sink failed",
                ConsentFilterStats::recordFailures);
        stat(registry, "consent4j.filter.gpc.opt.outs", "GPC opt-outs recorded", ConsentFilterStats::gpcOptOutsRecorded);
        stat(registry, "consent4j.filter.cookies.dropped", "Set-Cookie values dropped", ConsentFilterStats::cookiesDropped);
        stat(registry, "consent4j.filter.cookies.expired", "cookies of refused services expired",
                ConsentFilterStats::cookiesExpired);
        stat(registry, "consent4j.filter.consent.cookies.rejected", "consent cookies not accepted (forged, expired, malformed)",
                ConsentFilterStats::consentCookiesRejected);
        stat(registry, "consent4j.filter.cross.site.refused", "cross-site writes refused", ConsentFilterStats::crossSiteRefused);
        stat(registry, "consent4j.filter.bad.requests", "endpoint requests refused with a 4xx", ConsentFilterStats::badRequests);
    }

    private void stat(MeterRegistry registry, String name, String description, ToLongFunction<ConsentFilterStats> value) {
        FunctionCounter.builder(name, filter, f -> value.applyAsLong(f.stats())).description(description).register(registry);
    }

    /** The listener that counts dropped cookies. */
    ConsentFilterListener listener() {
        return new ConsentFilterListener() {
            @Override
            public void cookieDropped(String cookieName, Optional<String> serviceId, Reason reason) {
                MeterRegistry r = registry;
                if (r != null) {
                    Counter.builder(DENIED).description("cookies the consent gate dropped").tag("reason", reason.code())
                            .register(r).increment();
                }
            }
        };
    }

    /** The observer that counts choices and times the record sink. */
    RecordObserver recordObserver() {
        return new RecordObserver() {
            @Override
            public void appended(ConsentRecord record, long nanos) {
                MeterRegistry r = registry;
                if (r == null) {
                    return;
                }
                timer(r, "success").record(nanos, TimeUnit.NANOSECONDS);
                String jurisdiction = record.jurisdiction();
                Counter.builder(CHOICES).description("consent choices recorded").tag("jurisdiction", jurisdiction)
                        .tag("method", record.method().name().toLowerCase(Locale.ROOT)).register(r).increment();
                for (Map.Entry<String, Choice> e : record.categories().entrySet()) {
                    Counter.builder(CATEGORY_CHOICES).description("category choices within the recorded choices")
                            .tag("jurisdiction", jurisdiction).tag("category", e.getKey())
                            .tag("choice", e.getValue().name().toLowerCase(Locale.ROOT)).register(r).increment();
                }
            }

            @Override
            public void failed(ConsentRecord record, long nanos, RuntimeException e) {
                MeterRegistry r = registry;
                if (r != null) {
                    timer(r, "failure").record(nanos, TimeUnit.NANOSECONDS);
                }
            }
        };
    }

    private static Timer timer(MeterRegistry r, String outcome) {
        return Timer.builder(RECORD_APPEND).description("consent record sink append time").tag("outcome", outcome)
                .register(r);
    }
}
