package org.consent4j.testkit;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.jspecify.annotations.Nullable;

/**
 * Audits a site: loads its pages in each consent state and jurisdiction, records every cookie and
 * third-party request, attributes each to a catalog service, and reports those the decision engine
 * does not allow in that state.
 *
 * <p>Works on any site. A site with a consent4j endpoint ({@code POST /consent}) is put in every
 * state; on other sites only "no choice" and "GPC on" can be reproduced, and the other states are
 * reported as not applied. Jurisdictions both choose the rules findings are judged by and are sent
 * as CDN location headers ({@code CloudFront-Viewer-Country}, {@code CF-IPCountry}, ...), so a site
 * that reads them serves the visitor of that place.
 *
 * <pre>{@code
 * AuditReport report = ConsentAudit.builder()
 *         .catalog(catalog).jurisdictions(table)
 *         .locations(List.of("FR", "US-CA"))
 *         .build()
 *         .run(URI.create("http://127.0.0.1:8080/"));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@link #run(URI)} uses its own HTTP client or browser.
 */
public final class ConsentAudit {

    private final Catalog catalog;
    private final JurisdictionTable jurisdictions;
    private final List<String> locations;
    private final List<AuditState> states;
    private final List<String> paths;
    private final AuditDriver driver;
    private final String endpoint;
    private final String consentCookie;
    private final Duration timeout;
    private final Clock clock;
    private final Chromium chromium;

    private ConsentAudit(Builder b) {
        this.catalog = Objects.requireNonNull(b.catalog, "catalog");
        this.jurisdictions = Objects.requireNonNull(b.jurisdictions, "jurisdictions");
        this.locations = b.locations;
        this.states = b.states == null ? AuditState.standard(catalog) : b.states;
        this.paths = b.paths;
        this.driver = b.driver;
        this.endpoint = b.endpoint;
        this.consentCookie = b.consentCookie;
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.chromium = b.chromium;
        states.forEach(s -> s.requireKnownCategories(catalog));
    }

    /** A builder; catalog and jurisdictions are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The states audited. */
    public List<AuditState> states() {
        return states;
    }

    /** The driver used. */
    public AuditDriver driver() {
        return driver;
    }

    /**
     * Audits the site at {@code site} (its origin; the paths are resolved against it).
     *
     * @throws AuditException if the site cannot be loaded or the browser cannot start
     */
    public AuditReport run(URI site) {
        Objects.requireNonNull(site, "site");
        if (site.getHost() == null || site.getScheme() == null
                || !(site.getScheme().equalsIgnoreCase("http") || site.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("site '" + site + "' is not an http(s) URL such as http://127.0.0.1:8080/");
        }
        Instant started = clock.instant();
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(jurisdictions).clock(clock).build();
        String siteHost = HttpAuditSession.host(site);
        List<Pending> pending = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        try {
            // Nothing seen because nothing loaded must not read as a clean site.
            SiteCheck.reachable(site.resolve(paths.get(0)), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("audit of " + site + " interrupted", e);
        }
        try (AuditSession session = open(site)) {
            for (String location : locations) {
                Jurisdiction j = location.equalsIgnoreCase(Jurisdiction.DEFAULT_CODE) ? jurisdictions.fallback()
                        : jurisdictions.resolve(location);
                Map<String, String> locationHeaders = LocationHeaders.of(location);
                EndpointProbe.Result probe = EndpointProbe.probe(site, endpoint, locationHeaders, timeout);
                Optional<String> mismatch = EndpointProbe.mismatch(probe, j.code());
                for (AuditState state : states) {
                    Map<String, String> headers = new LinkedHashMap<>(locationHeaders);
                    if (state.gpc()) {
                        headers.put("Sec-GPC", "1");
                    }
                    AuditSession.Visit visit = session.visit(new AuditSession.Plan(state, headers, probe.available(), paths));
                    VisitorConsent visitor = engine.evaluate(j, Signals.of(state.gpc()),
                            state.consentState(catalog, clock.instant(), j.code()));
                    Judge judge = new Judge(catalog, visitor, siteHost, consentCookie, state.id());
                    if (!visit.applied()) {
                        findings.add(new Finding(Finding.Severity.WARNING, state.id(), j.code(), "", "setup", "", "", "",
                                visit.note(), "state-not-applied", "the audit could not put the site in this state, so it was not judged"));
                    } else {
                        Set<Finding> unique = new LinkedHashSet<>();
                        for (Observation o : visit.observations()) {
                            judge.judge(o).ifPresent(unique::add);
                        }
                        findings.addAll(unique);
                    }
                    if (mismatch.isPresent() && state.equals(states.get(0))) {
                        findings.add(new Finding(Finding.Severity.WARNING, state.id(), j.code(), "", "setup", "", "", "",
                                "the site resolved the location headers for " + location + " to '" + mismatch.get() + "'",
                                "location-mismatch", "the site applies other rules than the audit judges by: check its location headers"));
                    }
                    pending.add(new Pending(state, j, visitor, judge, visit));
                }
            }
        } catch (AuditException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("audit of " + site + " interrupted", e);
        } catch (Exception e) {
            throw new AuditException("could not audit " + site + ": " + SiteCheck.cause(e)
                    + " (is the site running and reachable from this machine?)", e);
        }
        return report(site, started, pending, findings);
    }

    private AuditSession open(URI site) {
        return switch (driver) {
            case HTTP -> new HttpAuditSession(site, endpoint, timeout, clock, h -> catalog.serviceForHostAnyPath(h).isPresent());
            case BROWSER -> {
                // Selenium is an optional dependency: check for it before the first class that needs it loads.
                SiteCheck.seleniumPresent();
                yield BrowserAuditSession.start(chromium, site, endpoint, timeout, h -> catalog.serviceForHostAnyPath(h).isPresent());
            }
        };
    }

    private record Pending(AuditState state, Jurisdiction jurisdiction, VisitorConsent visitor, Judge judge,
                           AuditSession.Visit visit) {
    }

    private AuditReport report(URI site, Instant started, List<Pending> pending, List<Finding> findings) {
        // Matrix rows: every catalog service seen in any applied run, in catalog order.
        Set<String> seen = new LinkedHashSet<>();
        for (Pending p : pending) {
            if (p.visit().applied()) {
                for (Observation o : p.visit().observations()) {
                    if (!p.judge().own(o)) {
                        p.judge().attribute(o).ifPresent(s -> seen.add(s.id()));
                    }
                }
            }
        }
        List<Service> rows = catalog.services().stream().filter(s -> seen.contains(s.id())).toList();
        List<AuditReport.Run> runs = new ArrayList<>();
        for (Pending p : pending) {
            Map<String, AuditReport.Cell> cells = new LinkedHashMap<>();
            for (Service s : rows) {
                var decision = p.visitor().service(s.id());
                boolean fired = p.visit().applied() && p.visit().observations().stream()
                        .anyMatch(o -> !p.judge().own(o) && p.judge().attribute(o).map(x -> x.id().equals(s.id())).orElse(false));
                AuditReport.Status status = !p.visit().applied() ? AuditReport.Status.NOT_APPLIED
                        : fired ? (decision.allowed() ? AuditReport.Status.FIRED_ALLOWED : AuditReport.Status.FIRED_WITHOUT_CONSENT)
                        : (decision.allowed() ? AuditReport.Status.ALLOWED_NOT_SEEN : AuditReport.Status.BLOCKED);
                cells.put(s.id(), new AuditReport.Cell(status, decision.verdict(), decision.reason().code()));
            }
            runs.add(new AuditReport.Run(p.state().id(), p.state().describe(catalog), p.jurisdiction().code(),
                    p.jurisdiction().regime().name(), p.state().gpc(), p.visit().applied(), p.visit().note(),
                    p.visit().observations(), cells));
        }
        List<AuditReport.ServiceRow> serviceRows = rows.stream()
                .map(s -> new AuditReport.ServiceRow(s.id(), s.name(), s.category(), s.provider())).toList();
        return new AuditReport(site, driver.name().toLowerCase(Locale.ROOT), catalog.revision(), started, paths,
                serviceRows, runs, findings);
    }

    /** Configures a {@link ConsentAudit}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Catalog catalog;
        private @Nullable JurisdictionTable jurisdictions;
        private List<String> locations = List.of(Jurisdiction.DEFAULT_CODE);
        private @Nullable List<AuditState> states;
        private List<String> paths = List.of("/");
        private AuditDriver driver = AuditDriver.HTTP;
        private String endpoint = "/consent";
        private String consentCookie = "consent4j";
        private Duration timeout = Duration.ofSeconds(15);
        private Clock clock = Clock.systemUTC();
        private Chromium chromium = Chromium.system();

        private Builder() {
        }

        /** The catalog that attributes cookies and hosts (required): the site's own, for a consent4j site. */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** The jurisdiction rules findings are judged by (required). */
        public Builder jurisdictions(JurisdictionTable jurisdictions) {
            this.jurisdictions = Objects.requireNonNull(jurisdictions, "jurisdictions");
            return this;
        }

        /**
         * Where the visitor is: codes such as {@code FR} or {@code US-CA}, or {@code default} for an
         * unknown location (no location headers, the fallback rules). {@code default} only, by default.
         */
        public Builder locations(List<String> locations) {
            if (locations.isEmpty()) {
                throw new IllegalArgumentException("give at least one location, e.g. FR or default");
            }
            for (String l : locations) {
                if (!l.equalsIgnoreCase(Jurisdiction.DEFAULT_CODE) && !l.trim().toUpperCase(Locale.ROOT).matches("[A-Z]{2}(-[A-Z0-9]{1,3})?")) {
                    throw new IllegalArgumentException("location '" + l
                            + "' is not an ISO 3166-1 country (FR), an ISO 3166-2 subdivision (US-CA) or 'default'");
                }
            }
            this.locations = locations.stream().map(l -> l.equalsIgnoreCase(Jurisdiction.DEFAULT_CODE)
                    ? Jurisdiction.DEFAULT_CODE : l.trim().toUpperCase(Locale.ROOT)).toList();
            return this;
        }

        /** The states to audit; {@link AuditState#standard(Catalog)} by default. */
        public Builder states(List<AuditState> states) {
            if (states.isEmpty()) {
                throw new IllegalArgumentException("give at least one consent state, e.g. no-choice");
            }
            this.states = List.copyOf(states);
            return this;
        }

        /** The paths to load, each starting with {@code /}; {@code /} by default. */
        public Builder paths(List<String> paths) {
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("give at least one path, e.g. /");
            }
            for (String p : paths) {
                if (!p.startsWith("/")) {
                    throw new IllegalArgumentException("path '" + p + "' must start with '/', e.g. /pricing");
                }
            }
            this.paths = List.copyOf(paths);
            return this;
        }

        /** The driver; {@link AuditDriver#HTTP} by default. */
        public Builder driver(AuditDriver driver) {
            this.driver = Objects.requireNonNull(driver, "driver");
            return this;
        }

        /** The path of the site's consent endpoint; {@code /consent} by default. */
        public Builder endpoint(String endpoint) {
            if (!endpoint.startsWith("/")) {
                throw new IllegalArgumentException("endpoint '" + endpoint + "' must start with '/', e.g. /consent");
            }
            this.endpoint = endpoint;
            return this;
        }

        /** The name of the site's own consent cookie, never a finding; {@code consent4j} by default. */
        public Builder consentCookie(String name) {
            this.consentCookie = Objects.requireNonNull(name, "name");
            return this;
        }

        /** How long to wait for a response or a page load; 15 seconds by default. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The clock decisions are made at; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The browser for {@link AuditDriver#BROWSER}; {@link Chromium#system()} by default. */
        public Builder chromium(Chromium chromium) {
            this.chromium = Objects.requireNonNull(chromium, "chromium");
            return this;
        }

        /** The browser set so far. */
        public Chromium chromium() {
            return chromium;
        }

        /**
         * The audit.
         *
         * @throws IllegalStateException    if the catalog or the jurisdictions were not set
         * @throws IllegalArgumentException if a state names a category the catalog lacks
         */
        public ConsentAudit build() {
            if (catalog == null) {
                throw new IllegalStateException("no catalog: call catalog(...) before build()");
            }
            if (jurisdictions == null) {
                throw new IllegalStateException("no jurisdictions: call jurisdictions(...) before build()");
            }
            return new ConsentAudit(this);
        }
    }
}
