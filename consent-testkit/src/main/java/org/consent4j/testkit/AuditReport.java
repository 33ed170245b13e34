package org.consent4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an audit found: for each consent state and jurisdiction, what was observed, a matrix of
 * services against states, and the findings. Written as stable JSON ({@link #toJson()}, format
 * {@value #FORMAT}) or a self-contained HTML page a non-developer can read ({@link #toHtml()}).
 * Immutable.
 */
public final class AuditReport {

    /** The JSON format identifier, changed only when a field's meaning changes. */
    public static final String FORMAT = "consent4j-audit/1";

    /** What happened to a service in one state: the colour of a matrix cell. */
    public enum Status {
        /** It fired although the state does not allow it: a violation. */
        FIRED_WITHOUT_CONSENT,
        /** It fired and the state allows it. */
        FIRED_ALLOWED,
        /** The state does not allow it and it did not fire. */
        BLOCKED,
        /** The state allows it and it did not fire on the audited pages. */
        ALLOWED_NOT_SEEN,
        /** The audit could not put the site in this state. */
        NOT_APPLIED
    }

    /**
     * One matrix cell.
     *
     * @param status  what happened
     * @param verdict what the decision engine says for the state: {@code allow} or {@code deny}
     * @param reason  the decision's reason code
     */
    public record Cell(Status status, String verdict, String reason) {
    }

    /**
     * A matrix row: a catalog service that was seen in at least one state.
     *
     * @param id       service id
     * @param name     display name
     * @param category category id
     * @param provider the company
     */
    public record ServiceRow(String id, String name, String category, String provider) {
    }

    /**
     * One visit: a state in a jurisdiction.
     *
     * @param state        {@link AuditState#id()}
     * @param description  the state in words
     * @param jurisdiction the jurisdiction code judged by
     * @param regime       its regime
     * @param gpc          whether GPC was on
     * @param applied      whether the site could be put in the state
     * @param note         why not, when not applied
     * @param observations everything recorded
     * @param cells        service id to matrix cell, for every {@link ServiceRow}
     */
    public record Run(String state, String description, String jurisdiction, String regime, boolean gpc, boolean applied,
                      String note, List<Observation> observations, Map<String, Cell> cells) {
        /** Copies the observations and the cells. */
        public Run {
            observations = List.copyOf(observations);
            cells = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cells));
        }
    }

    private final URI site;
    private final String driver;
    private final String catalogRevision;
    private final Instant startedAt;
    private final List<String> paths;
    private final List<ServiceRow> services;
    private final List<Run> runs;
    private final List<Finding> findings;

    AuditReport(URI site, String driver, String catalogRevision, Instant startedAt, List<String> paths,
                List<ServiceRow> services, List<Run> runs, List<Finding> findings) {
        this.site = site;
        this.driver = driver;
        this.catalogRevision = catalogRevision;
        this.startedAt = startedAt;
        this.paths = List.copyOf(paths);
        this.services = List.copyOf(services);
        this.runs = List.copyOf(runs);
        this.findings = List.copyOf(findings);
    }

    /** The audited site. */
    public URI site() {
        return site;
    }

    /** {@code http} or {@code browser}. */
    public String driver() {
        return driver;
    }

    /** The revision of the catalog that attributed and judged. */
    public String catalogRevision() {
        return catalogRevision;
    }

    /** When the audit started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** The audited paths. */
    public List<String> paths() {
        return paths;
    }

    /** The matrix rows. */
    public List<ServiceRow> services() {
        return services;
    }

    /** Every visit, in audit order (jurisdiction, then state). */
    public List<Run> runs() {
        return runs;
    }

    /** Every finding. */
    public List<Finding> findings() {
        return findings;
    }

    /** The violations: trackers that fired without consent. */
    public List<Finding> violations() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.VIOLATION).toList();
    }

    /** The warnings: unclassified hosts and cookies, states not applied, location mismatches. */
    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).toList();
    }

    /** Whether there is no violation (warnings do not count). */
    public boolean clean() {
        return violations().isEmpty();
    }

    /** A few lines for a console: the counts and each violation. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "consent audit of %s (%s driver): %d violation%s, %d warning%s in %d run%s%n",
                site, driver, violations().size(), violations().size() == 1 ? "" : "s", warnings().size(),
                warnings().size() == 1 ? "" : "s", runs.size(), runs.size() == 1 ? "" : "s"));
        for (Finding f : findings) {
            sb.append("  ").append(f.line()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** The report as JSON, format {@value #FORMAT} (documented in the validator guide). */
    public String toJson() {
        return ReportJson.write(this);
    }

    /** The report as a self-contained HTML page (no external assets, every value escaped). */
    public String toHtml() {
        return ReportHtml.write(this);
    }

    /** Writes {@link #toJson()} to {@code file} (UTF-8), creating parent directories. */
    public void writeJson(Path file) {
        write(file, toJson());
    }

    /** Writes {@link #toHtml()} to {@code file} (UTF-8), creating parent directories. */
    public void writeHtml(Path file) {
        write(file, toHtml());
    }

    private static void write(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the audit report to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AuditReport[site=" + site + ", driver=" + driver + ", runs=" + runs.size() + ", violations="
                + violations().size() + ", warnings=" + warnings().size() + "]";
    }
}
