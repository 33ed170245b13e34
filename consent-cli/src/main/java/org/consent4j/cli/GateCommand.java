package org.consent4j.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import org.consent4j.html.GateReport;
import org.consent4j.html.HtmlGate;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.consent4j.core.jurisdiction.Jurisdictions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code gate}: runs an HTML page through the HTML gate for one visitor (jurisdiction, GPC, consent
 * choice), streaming standard input to standard output; {@code --report} lists the gated elements as
 * JSON on standard error.
 */
@picocli.CommandLine.Command(name = "gate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", sortOptions = false, customSynopsis = "consent4j gate --jurisdiction CODE [OPTIONS] < in.html > out.html",
        description = {"gate an HTML page for one visitor: stdin to stdout, trackers without consent made inert.",
                "A UTF-16 page (byte order mark, or --charset UTF-16*) is transcoded and written as UTF-8."},
        footerHeading = "%nexit status: ", footer = "0 the page was gated, 2 bad arguments, an unreadable catalog or a"
                + " page whose encoding the gate cannot read (UTF-32)")
final class GateCommand extends Command {

    @Option(names = "--jurisdiction", required = true, paramLabel = "CODE", converter = JurisdictionCode.class,
            description = "where the visitor is: FR, DE, US-CA ... or default (unknown location)")
    String jurisdiction;

    @Option(names = "--gpc", description = "the visitor sends Global Privacy Control (Sec-GPC: 1)")
    boolean gpc;

    @Option(names = "--consent", paramLabel = "CHOICE", description = {"the visitor's choice: none (no choice yet, the",
            "default), all (accepted all), reject (rejected all), or the categories accepted, comma-separated (the",
            "others rejected)"})
    String consent = "none";

    @Option(names = "--catalog", paramLabel = "FILE", description = "a site catalog added to the bundled one (overrides by id)")
    Path catalog;

    @Option(names = "--charset", paramLabel = "NAME", converter = CharsetConverter.class,
            description = "the page's charset when it declares none in a BOM or <meta charset>")
    Charset charset;

    @Option(names = "--report", description = {"write the gated elements to standard error as a JSON list of",
            "{service, category, element, reason, attribution, evidence, offset}; elements too long to check are",
            "listed with attribution \"unchecked\""})
    boolean report;

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
    public Integer call() throws IOException {
        if (this.catalog != null && !Files.isReadable(this.catalog)) {
            throw fail(USAGE, "cannot read the catalog file " + this.catalog + ": give a readable JSON catalog");
        }
        Catalog catalog;
        try {
            catalog = catalogs.apply(Optional.ofNullable(this.catalog));
        } catch (CatalogException e) {
            throw fail(USAGE, e.getMessage());
        }
        JurisdictionTable table = jurisdictions.get();
        Jurisdiction jurisdiction;
        if (this.jurisdiction.equals(Jurisdiction.DEFAULT_CODE)) {
            jurisdiction = table.fallback();
        } else {
            jurisdiction = table.resolve(this.jurisdiction);
            if (jurisdiction.isDefault()) {
                err.println("gate: note: no rules for '" + this.jurisdiction + "'; using the default ("
                        + jurisdiction.regime() + ")");
            }
        }
        Optional<ConsentState> state;
        try {
            state = state(consent, catalog, jurisdiction, clock);
        } catch (IllegalArgumentException e) {
            throw fail(USAGE, e.getMessage());
        }
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(table).clock(clock).build();
        VisitorConsent visitor = engine.evaluate(jurisdiction, Signals.of(gpc), state);

        if (report) {
            // The report is the JSON on standard error: the gate's own warnings are in it instead.
            System.setProperty("org.slf4j.simpleLogger.log.org.consent4j.html", "error");
        }
        // The report streams to standard error as elements are gated: memory stays constant.
        GateReport reportOut = report ? GateReport.to(new NonClosing(err)) : null;
        HtmlGate.PageBuilder page = HtmlGate.of(catalog).page(GatePolicy.of(visitor))
                .listener(reportOut == null ? GateListener.NONE : reportOut);
        BufferedInputStream input = new BufferedInputStream(in, 64 * 1024);
        Optional<Charset> utf16 = Utf16.detect(input, charset);
        OutputStream sink = new BufferedOutputStream(new NonClosing(out), 64 * 1024);
        if (utf16.isPresent()) {
            // The gate reads ASCII-compatible bytes; a UTF-16 page would pass through untouched, trackers live.
            err.println("gate: note: the page is " + utf16.get().name() + "; it is gated as text and written as UTF-8");
            Reader text = new InputStreamReader(input, utf16.get().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            try (Writer body = page.writer(new OutputStreamWriter(sink, StandardCharsets.UTF_8))) {
                text.transferTo(body);
            } catch (CharacterCodingException e) {
                out.flush();
                if (reportOut != null) {
                    reportOut.close();
                }
                throw fail(USAGE, "the page is not valid " + utf16.get().name() + " (" + e.getMessage()
                        + "); the output is incomplete: convert the page to UTF-8 first");
            }
        } else {
            if (charset != null) {
                page.charset(charset);
            }
            try (OutputStream body = page.outputStream(sink)) {
                input.transferTo(body);
            }
        }
        out.flush();
        if (reportOut != null) {
            reportOut.close();
            err.flush();
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

    /** A charset name. */
    static final class CharsetConverter implements ITypeConverter<Charset> {
        @Override
        public Charset convert(String name) {
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new TypeConversionException("unknown charset '" + name + "'");
            }
        }
    }
}
