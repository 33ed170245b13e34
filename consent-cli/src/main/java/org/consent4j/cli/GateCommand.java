package org.consent4j.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.CatalogException;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.html.GateListener;
import org.consent4j.html.GatePolicy;
import org.consent4j.html.GatedElement;
import org.consent4j.html.HtmlGate;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.consent4j.core.jurisdiction.Jurisdictions;

/**
 * {@code gate}: runs an HTML page through the HTML gate for one visitor (jurisdiction, GPC, consent
 * choice), streaming standard input to standard output; {@code --report} lists the gated elements as
 * JSON on standard error.
 */
final class GateCommand implements Command {

    static final String HELP = """
            usage: gate --jurisdiction CODE [--gpc] [--consent none|all|reject|CATEGORY,...]
                        [--catalog FILE] [--charset NAME] [--report] < in.html > out.html

              --jurisdiction CODE  where the visitor is: FR, DE, US-CA ... or default (unknown location)
              --gpc                the visitor sends Global Privacy Control (Sec-GPC: 1)
              --consent CHOICE     the visitor's choice: none (no choice yet, the default), all (accepted
                                   all), reject (rejected all), or the categories accepted, comma-separated
                                   (the others rejected)
              --catalog FILE       a site catalog added to the bundled one (overrides by id)
              --charset NAME       the page's charset when it declares none in a BOM or <meta charset>
              --report             write the gated elements to standard error as a JSON list of
                                   {service, category, element, reason, attribution, evidence, offset};
                                   elements too long to check are listed with attribution "unchecked"

            exit status: 0 the page was gated, 2 bad arguments or an unreadable catalog
            """;

    private final Function<Optional<Path>, Catalog> catalogs;
    private final Supplier<JurisdictionTable> jurisdictions;
    private final InputStream in;
    private final Clock clock;

    /** The command on the bundled catalog and jurisdictions, reading standard input. */
    GateCommand() {
        this(file -> file.map(f -> Catalogs.load(f)).orElseGet(Catalogs::bundled), Jurisdictions::bundled, System.in,
                Clock.systemUTC());
    }

    /**
     * @param catalogs      loads the catalog: empty means the bundled one, a path adds that site file
     * @param jurisdictions the jurisdiction table
     * @param in            where the page is read from (standard input)
     * @param clock         the time consent is decided at
     */
    GateCommand(Function<Optional<Path>, Catalog> catalogs, Supplier<JurisdictionTable> jurisdictions, InputStream in,
                Clock clock) {
        this.catalogs = catalogs;
        this.jurisdictions = jurisdictions;
        this.in = in;
        this.clock = clock;
    }

    @Override
    public String summary() {
        return "gate an HTML page for one visitor: stdin to stdout, trackers without consent made inert";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("gate: " + e.getMessage());
            err.print(HELP);
            return USAGE;
        }
        if (o.help) {
            out.print(HELP);
            return OK;
        }
        if (o.catalog != null && !Files.isReadable(o.catalog)) {
            err.println("gate: cannot read the catalog file " + o.catalog + ": give a readable JSON catalog");
            return USAGE;
        }
        Catalog catalog;
        try {
            catalog = catalogs.apply(Optional.ofNullable(o.catalog));
        } catch (CatalogException e) {
            err.println("gate: " + e.getMessage());
            return USAGE;
        }
        JurisdictionTable table = jurisdictions.get();
        Jurisdiction jurisdiction;
        if (o.jurisdiction.equalsIgnoreCase(Jurisdiction.DEFAULT_CODE)) {
            jurisdiction = table.fallback();
        } else {
            jurisdiction = table.resolve(o.jurisdiction);
            if (jurisdiction.isDefault()) {
                err.println("gate: note: no rules for '" + o.jurisdiction + "'; using the default ("
                        + jurisdiction.regime() + ")");
            }
        }
        Optional<ConsentState> state;
        try {
            state = state(o.consent, catalog, jurisdiction, clock);
        } catch (IllegalArgumentException e) {
            err.println("gate: " + e.getMessage());
            return USAGE;
        }
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(table).clock(clock).build();
        VisitorConsent visitor = engine.evaluate(jurisdiction, Signals.of(o.gpc), state);

        if (o.report) {
            // The report is the JSON on standard error: the gate's own warnings are in it instead.
            System.setProperty("org.slf4j.simpleLogger.log.org.consent4j.html", "error");
        }
        List<Entry> report = new ArrayList<>();
        HtmlGate.PageBuilder page = HtmlGate.of(catalog).page(GatePolicy.of(visitor)).listener(new GateListener() {
            @Override
            public void gated(GatedElement e) {
                report.add(new Entry(e.serviceId(), e.categoryId(), e.element(), e.reason(),
                        e.attribution().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.evidence(), e.offset()));
            }

            @Override
            public void unchecked(String element, long offset, String reason) {
                report.add(new Entry("", "", element, "not checked: " + reason, "unchecked", "", offset));
            }
        });
        if (o.charset != null) {
            page.charset(o.charset);
        }
        OutputStream sink = new BufferedOutputStream(new NonClosing(out), 64 * 1024);
        try (OutputStream body = page.outputStream(sink)) {
            in.transferTo(body);
        }
        out.flush();
        if (o.report) {
            writeReport(report, err);
        }
        return OK;
    }

    /** The visitor's choice as a consent state, or empty for none. */
    static Optional<ConsentState> state(String consent, Catalog catalog, Jurisdiction jurisdiction, Clock clock) {
        String c = consent.trim().toLowerCase(Locale.ROOT);
        if (c.equals("none")) {
            return Optional.empty();
        }
        ConsentState.Builder b = ConsentState.builder(clock.instant(), catalog.revision())
                .jurisdiction(jurisdiction.code());
        switch (c) {
            case "all" -> {
                catalog.categories().stream().filter(k -> !k.required()).forEach(k -> b.grant(k.id()));
                b.method(ConsentMethod.ACCEPT_ALL);
            }
            case "reject" -> {
                catalog.categories().stream().filter(k -> !k.required()).forEach(k -> b.deny(k.id()));
                b.method(ConsentMethod.REJECT_ALL);
            }
            default -> {
                Set<String> accepted = new LinkedHashSet<>();
                for (String id : c.split(",")) {
                    String cat = id.trim();
                    if (catalog.category(cat).isEmpty()) {
                        throw new IllegalArgumentException("--consent names unknown category '" + cat + "'; known: "
                                + catalog.categories().stream().map(Category::id).toList()
                                + ", or none, all, reject");
                    }
                    accepted.add(cat);
                }
                catalog.categories().stream().filter(k -> !k.required())
                        .forEach(k -> b.category(k.id(), accepted.contains(k.id()) ? Choice.GRANTED : Choice.DENIED));
                b.method(ConsentMethod.CUSTOM);
            }
        }
        return Optional.of(b.build());
    }

    /** One line of the report: a gated element, or one the gate could not check. */
    private record Entry(String service, String category, String element, String reason, String attribution,
                         String evidence, long offset) {
    }

    private static void writeReport(List<Entry> report, PrintStream err) throws IOException {
        try (JsonGenerator json = StrictJson.generator(new NonClosing(err))) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (Entry e : report) {
                json.writeStartObject();
                json.writeStringField("service", e.service());
                json.writeStringField("category", e.category());
                json.writeStringField("element", e.element());
                json.writeStringField("reason", e.reason());
                json.writeStringField("attribution", e.attribution());
                json.writeStringField("evidence", e.evidence());
                json.writeNumberField("offset", e.offset());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        err.println();
        err.flush();
    }

    /** Lets the gate close its stream without closing standard output. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Parsed arguments. */
    private static final class Options {
        String jurisdiction;
        boolean gpc;
        String consent = "none";
        Path catalog;
        Charset charset;
        boolean report;
        boolean help;

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--help", "-h" -> o.help = true;
                    case "--gpc" -> o.gpc = true;
                    case "--report" -> o.report = true;
                    case "--jurisdiction" -> o.jurisdiction = value(args, ++i, a);
                    case "--consent" -> o.consent = value(args, ++i, a);
                    case "--catalog" -> o.catalog = Path.of(value(args, ++i, a));
                    case "--charset" -> {
                        String name = value(args, ++i, a);
                        try {
                            o.charset = Charset.forName(name);
                        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                            throw new IllegalArgumentException("unknown charset '" + name + "'");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (!o.help && o.jurisdiction == null) {
                throw new IllegalArgumentException("--jurisdiction is required (e.g. FR, US-CA, or default)");
            }
            return o;
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }
    }
}
