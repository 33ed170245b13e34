package org.consent4j.spring.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.consent4j.records.ChainHead;
import org.consent4j.records.ChainReport;
import org.consent4j.records.ConsentRecordLog;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.records.Slf4jRecordSink;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterStats;
import org.consent4j.servlet.CookieInventory;
import org.consent4j.servlet.UnknownCookie;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code consent4j}: {@code GET /actuator/consent4j} shows the filter's counters,
 * the cookies the catalog does not know, the record log's head (to keep elsewhere as an anchor) and the
 * sections of {@link Consent4jEndpointContributor} beans; {@code POST /actuator/consent4j} verifies the
 * record log's hash chain and reports the first problem.
 *
 * <p>Expose it like any endpoint ({@code management.endpoints.web.exposure.include=health,consent4j}) and
 * secure it: it shows cookie names and paths, and verifying reads the whole log.
 *
 * @since 0.1.0
 */
@Endpoint(id = Consent4jEndpoint.ID)
public final class Consent4jEndpoint {

    /** The endpoint's id. */
    public static final String ID = "consent4j";

    private final ConsentFilter filter;
    private final ConsentRecordSink sink;
    private final List<Consent4jEndpointContributor> contributors;

    /**
     * The endpoint of this filter and record sink.
     *
     * @param filter       the filter
     * @param sink         the record sink the filter writes to
     * @param contributors extra sections
     */
    public Consent4jEndpoint(ConsentFilter filter, ConsentRecordSink sink, List<Consent4jEndpointContributor> contributors) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.contributors = List.copyOf(contributors);
    }

    /**
     * The filter's state.
     *
     * @return counters, unknown cookies, the record log's head and the contributed sections
     */
    @ReadOperation
    public Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        ConsentFilterStats s = filter.stats();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("choicesRecorded", s.choicesRecorded());
        stats.put("recordFailures", s.recordFailures());
        stats.put("gpcOptOutsRecorded", s.gpcOptOutsRecorded());
        stats.put("cookiesDropped", s.cookiesDropped());
        stats.put("cookiesExpired", s.cookiesExpired());
        stats.put("consentCookiesRejected", s.consentCookiesRejected());
        stats.put("crossSiteRefused", s.crossSiteRefused());
        stats.put("badRequests", s.badRequests());
        out.put("filter", stats);
        CookieInventory inventory = filter.unknownCookies();
        Map<String, Object> unknown = new LinkedHashMap<>();
        unknown.put("overflow", inventory.overflow());
        unknown.put("cookies", inventory.snapshot().stream().map(Consent4jEndpoint::unknownCookie).toList());
        out.put("unknownCookies", unknown);
        out.put("records", records());
        for (Consent4jEndpointContributor c : contributors) {
            out.put(c.name(), c.details());
        }
        return out;
    }

    /**
     * Verifies the record log's hash chain.
     *
     * @return whether it is intact, its counts and head, and the first problem
     */
    @WriteOperation
    public Map<String, Object> verify() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!(sink instanceof ConsentRecordLog log)) {
            out.put("verifiable", false);
            out.put("summary", "the record sink " + sink + " keeps no log to verify");
            return out;
        }
        ChainReport report = log.verify();
        out.put("verifiable", true);
        out.put("intact", report.intact());
        out.put("entries", report.entries());
        out.put("records", report.records());
        out.put("markers", report.markers());
        out.put("head", head(report.head()));
        report.problem().ifPresent(p -> out.put("problem", p.toString()));
        out.put("summary", report.summary());
        return out;
    }

    private Map<String, Object> records() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sink", sink.toString());
        if (sink instanceof ConsentRecordLog log) {
            out.put("head", head(log.head()));
        } else if (sink instanceof Slf4jRecordSink logged) {
            out.put("head", head(logged.head()));
        }
        return out;
    }

    private static Map<String, Object> head(ChainHead head) {
        return Map.of("seq", head.seq(), "hash", head.hash());
    }

    private static Map<String, Object> unknownCookie(UnknownCookie c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        out.put("count", c.count());
        out.put("firstSeen", c.firstSeen().toString());
        out.put("lastSeen", c.lastSeen().toString());
        out.put("firstPath", c.firstPath());
        out.put("blocked", c.blocked());
        return out;
    }
}
