package org.consent4j.cli;

import java.io.PrintStream;
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

/**
 * {@code audit}: loads a site in each consent state and jurisdiction and reports every cookie and
 * third-party request the state does not allow. Exit status 0 when clean, 1 on any violation.
 */
final class AuditCommand implements Command {

    static final String HELP = """
            usage: audit URL [--paths /,/pricing] [--jurisdiction FR,US-CA] [--state STATE]... [--browser]
                             [--json FILE] [--html FILE] [--catalog FILE] [--jurisdictions FILE]
                             [--endpoint /consent] [--consent-cookie NAME] [--timeout SECONDS]

              URL                   the site, e.g. http://127.0.0.1:8080/ (any site, not only consent4j ones)
              --paths LIST          comma-separated paths to load (default /)
              --jurisdiction LIST   where the visitor is: FR, DE, US-CA ... or default (unknown location);
                                    picks the rules findings are judged by and sends CDN location headers
                                    (CloudFront-Viewer-Country[-Region], CF-IPCountry, CF-Region-Code)
              --state STATE         a consent state, repeatable: no-choice, reject, accept,
                                    only:CATEGORY[,CATEGORY], gpc, or any of them with +gpc
                                    (default: no-choice, reject, accept, each category alone, gpc)
              --browser             real headless Chromium (sees injected tags) instead of plain HTTP;
                                    third-party requests are recorded and answered locally
              --json FILE           write the JSON report (format consent4j-audit/1)
              --html FILE           write the HTML report (a matrix of states and services)
              --catalog FILE        a site catalog added to the bundled one (overrides by id)
              --jurisdictions FILE  a jurisdictions file added to the bundled one (overrides by code)
              --endpoint PATH       the site's consent endpoint (default /consent)
              --consent-cookie NAME the site's consent cookie, never a finding (default consent4j)
              --timeout SECONDS     per request or page load (default 15)

            exit status: 0 no violation, 1 a tracker fired without consent, 2 bad arguments or the
            audit could not run (site unreachable, browser missing)
            """;

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
    public String summary() {
        return "audit a site in every consent state: which cookies and third-party requests leak (exit 1 if any)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("audit: " + e.getMessage());
            err.print(HELP);
            return USAGE;
        }
        if (o.help) {
            out.print(HELP);
            return OK;
        }
        ConsentAudit audit;
        try {
            Catalog catalog = catalogs.apply(o.catalog);
            JurisdictionTable table = jurisdictions.apply(o.jurisdictions);
            ConsentAudit.Builder b = ConsentAudit.builder().catalog(catalog).jurisdictions(table).locations(o.locations)
                    .paths(o.paths).driver(o.browser ? AuditDriver.BROWSER : AuditDriver.HTTP).endpoint(o.endpoint)
                    .consentCookie(o.consentCookie).timeout(o.timeout);
            if (!o.states.isEmpty()) {
                b.states(o.states);
            }
            audit = b.build();
        } catch (RuntimeException e) {
            err.println("audit: " + e.getMessage());
            return USAGE;
        }
        AuditReport report;
        try {
            report = audit.run(o.site);
        } catch (AuditException e) {
            err.println("audit: " + e.getMessage());
            return USAGE;
        }
        o.json.ifPresent(report::writeJson);
        o.html.ifPresent(report::writeHtml);
        out.print(report.summary());
        o.json.ifPresent(p -> out.println("JSON report: " + p));
        o.html.ifPresent(p -> out.println("HTML report: " + p));
        return report.clean() ? OK : FOUND;
    }

    /** The parsed arguments. */
    static final class Options {
        URI site;
        List<String> paths = List.of("/");
        List<String> locations = List.of("default");
        final List<AuditState> states = new ArrayList<>();
        boolean browser;
        boolean help;
        Optional<Path> json = Optional.empty();
        Optional<Path> html = Optional.empty();
        Optional<Path> catalog = Optional.empty();
        Optional<Path> jurisdictions = Optional.empty();
        String endpoint = "/consent";
        String consentCookie = "consent4j";
        Duration timeout = Duration.ofSeconds(15);

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "-h", "--help" -> o.help = true;
                    case "--browser" -> o.browser = true;
                    case "--paths" -> o.paths = list(value(args, ++i, a));
                    case "--jurisdiction" -> o.locations = list(value(args, ++i, a));
                    case "--state" -> o.states.add(AuditState.parse(value(args, ++i, a)));
                    case "--json" -> o.json = Optional.of(Path.of(value(args, ++i, a)));
                    case "--html" -> o.html = Optional.of(Path.of(value(args, ++i, a)));
                    case "--catalog" -> o.catalog = Optional.of(Path.of(value(args, ++i, a)));
                    case "--jurisdictions" -> o.jurisdictions = Optional.of(Path.of(value(args, ++i, a)));
                    case "--endpoint" -> o.endpoint = value(args, ++i, a);
                    case "--consent-cookie" -> o.consentCookie = value(args, ++i, a);
                    case "--timeout" -> {
                        String v = value(args, ++i, a);
                        try {
                            long seconds = Long.parseLong(v);
                            if (seconds <= 0) {
                                throw new NumberFormatException();
                            }
                            o.timeout = Duration.ofSeconds(seconds);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--timeout wants a positive number of seconds, got '" + v + "'");
                        }
                    }
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + a + "'");
                        }
                        if (o.site != null) {
                            throw new IllegalArgumentException("one URL only; got '" + o.site + "' and '" + a + "'");
                        }
                        o.site = site(a);
                    }
                }
            }
            if (o.site == null && !o.help) {
                throw new IllegalArgumentException("give the URL of the site to audit, e.g. http://127.0.0.1:8080/");
            }
            return o;
        }

        private static URI site(String a) {
            URI uri;
            try {
                uri = URI.create(a);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + a + "' is not a URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("'" + a + "' is not an http(s) URL such as http://127.0.0.1:8080/");
            }
            return uri;
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }

        private static List<String> list(String v) {
            List<String> items = new ArrayList<>();
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    items.add(s.trim());
                }
            }
            if (items.isEmpty()) {
                throw new IllegalArgumentException("empty list '" + v + "'");
            }
            return items;
        }
    }
}
