package org.consent4j.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.consent4j.testkit.AuditDriver;
import org.consent4j.testkit.AuditException;
import org.consent4j.testkit.AuditReport;
import org.consent4j.testkit.AuditState;
import org.consent4j.testkit.ConsentAudit;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code audit}: loads a site in each consent state and jurisdiction and reports every cookie and
 * third-party request the state does not allow. Exit status 0 when clean, 1 on any violation, 2 when
 * the audit could not run (the site or a page could not be loaded, the browser is missing).
 */
@picocli.CommandLine.Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", sortOptions = false,
        description = "audit a site in every consent state: which cookies and third-party requests leak (exit 1 if any)",
        footerHeading = "%nexit status: ", footer = "0 no violation, 1 a tracker fired without consent, 2 bad arguments"
                + " or the audit could not run (site or page unreachable, browser missing)")
final class AuditCommand extends Command {

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", converter = SiteUrl.class,
            description = "the site, e.g. http://127.0.0.1:8080/ (any site, not only consent4j ones)")
    URI site;

    @Option(names = "--paths", split = ",", paramLabel = "LIST", description = "comma-separated paths to load (default /)")
    List<String> paths = new ArrayList<>(List.of("/"));

    @Option(names = "--jurisdiction", split = ",", paramLabel = "LIST", converter = JurisdictionCode.class,
            description = {"where the visitor is: FR, DE, US-CA ... or default (unknown location); picks the rules",
                    "findings are judged by and sends CDN location headers (CloudFront-Viewer-Country[-Region],",
                    "CF-IPCountry, CF-Region-Code)"})
    List<String> locations = new ArrayList<>(List.of("default"));

    @Option(names = "--state", paramLabel = "STATE", converter = StateConverter.class,
            description = {"a consent state, repeatable: no-choice, reject, accept, only:CATEGORY[,CATEGORY], gpc,",
                    "or any of them with +gpc (default: no-choice, reject, accept, each category alone, gpc)"})
    List<AuditState> states = new ArrayList<>();

    @Option(names = "--browser", description = {"real headless Chromium (sees injected tags) instead of plain HTTP;",
            "third-party requests are recorded and answered locally; needs Selenium next to the jar"})
    boolean browser;

    @Option(names = "--json", paramLabel = "FILE", description = "write the JSON report (format consent4j-audit/1)")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "write the HTML report (a matrix of states and services)")
    Path html;

    @Option(names = "--catalog", paramLabel = "FILE", description = "a site catalog added to the bundled one (overrides by id)")
    Path catalog;

    @Option(names = "--jurisdictions", paramLabel = "FILE",
            description = "a jurisdictions file added to the bundled one (overrides by code)")
    Path jurisdictionsFile;

    @Option(names = "--endpoint", paramLabel = "PATH", description = "the site's consent endpoint (default /consent)")
    String endpoint = "/consent";

    @Option(names = "--consent-cookie", paramLabel = "NAME",
            description = "the site's consent cookie, never a finding (default consent4j)")
    String consentCookie = "consent4j";

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.class,
            description = "per request or page load (default 15)")
    Duration timeout = Duration.ofSeconds(15);

    private final Function<Optional<Path>, Catalog> catalogs;
    private final Function<Optional<Path>, JurisdictionTable> jurisdictions;

    /**
     * @param catalogs      loads the catalog: empty means the bundled one, a path adds that site file
     * @param jurisdictions loads the jurisdictions: empty means the bundled table, a path adds that file
     */
    AuditCommand(Function<Optional<Path>, Catalog> catalogs, Function<Optional<Path>, JurisdictionTable> jurisdictions) {
        this.catalogs = catalogs;
        this.jurisdictions = jurisdictions;
    }

    @Override
    public Integer call() {
        if (site == null) {
            throw fail(USAGE, "give the URL of the site to audit, e.g. http://127.0.0.1:8080/");
        }
        ConsentAudit audit;
        try {
            Catalog c = catalogs.apply(Optional.ofNullable(catalog));
            JurisdictionTable table = jurisdictions.apply(Optional.ofNullable(jurisdictionsFile));
            ConsentAudit.Builder b = ConsentAudit.builder().catalog(c).jurisdictions(table).locations(locations)
                    .paths(paths).driver(browser ? AuditDriver.BROWSER : AuditDriver.HTTP).endpoint(endpoint)
                    .consentCookie(consentCookie).timeout(timeout);
            if (!states.isEmpty()) {
                b.states(states);
            }
            audit = b.build();
        } catch (RuntimeException e) {
            throw fail(USAGE, String.valueOf(e.getMessage()));
        }
        AuditReport report;
        try {
            report = audit.run(site);
        } catch (AuditException e) {
            throw fail(USAGE, e.getMessage());
        }
        if (json != null) {
            report.writeJson(json);
        }
        if (html != null) {
            report.writeHtml(html);
        }
        out.print(report.summary());
        if (json != null) {
            out.println("JSON report: " + json);
        }
        if (html != null) {
            out.println("HTML report: " + html);
        }
        out.flush();
        return report.clean() ? OK : FOUND;
    }

    /** The site argument: an http(s) URL. */
    static final class SiteUrl implements picocli.CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String a) {
            URI uri;
            try {
                uri = URI.create(a);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + a + "' is not a URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new TypeConversionException("'" + a + "' is not an http(s) URL such as http://127.0.0.1:8080/");
            }
            return uri;
        }
    }

    /** A consent state as {@link AuditState#parse} reads it. */
    static final class StateConverter implements picocli.CommandLine.ITypeConverter<AuditState> {
        @Override
        public AuditState convert(String value) {
            try {
                return AuditState.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A positive number of seconds. */
    static final class Seconds implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) {
            try {
                long seconds = Long.parseLong(v);
                if (seconds > 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("--timeout wants a positive number of seconds, got '" + v + "'");
        }
    }
}
