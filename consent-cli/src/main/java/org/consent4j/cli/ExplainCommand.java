package org.consent4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.JurisdictionException;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.consent4j.core.jurisdiction.Jurisdictions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code explain}: shows, for one jurisdiction, signal and choice, what the engine decides for every
 * category and every catalog service, and why.
 */
@picocli.CommandLine.Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", sortOptions = false,
        description = "show the decision and its reason for every category and service in a jurisdiction")
final class ExplainCommand extends Command {

    @Option(names = "--jurisdiction", required = true, paramLabel = "CODE", converter = JurisdictionCode.class,
            description = {"where the visitor is: FR, DE, US-CA, CA-QC ... or default; a well-formed code the table",
                    "lacks shows the default (most protective) rules"})
    String location;

    @Option(names = "--gpc", description = {"the browser sends Global Privacy Control (Sec-GPC: 1); a choice given",
            "with --consent is then recorded as made while GPC was on"})
    boolean gpc;

    @Option(names = "--consent", paramLabel = "VALUE", description = {"the visitor's choice: none (no choice yet, the",
            "default), all (accept all), reject (reject all), or a comma-separated list of categories to grant",
            "(the other categories are denied)"})
    String consent = "none";

    @Option(names = "--consented-at", paramLabel = "TIME", converter = InstantConverter.class,
            description = {"when the choice was made, e.g. 2025-01-31T12:00:00Z (default: now); an old time shows",
                    "an expired choice"})
    Instant consentedAt;

    @Option(names = "--catalog", paramLabel = "FILE", converter = ReadableFile.class,
            description = "a site catalog added to the bundled one (overrides by id)")
    Path catalogFile;

    @Option(names = "--jurisdictions", paramLabel = "FILE", converter = ReadableFile.class,
            description = "a site jurisdictions file added to the bundled one (overrides by code)")
    Path jurisdictionsFile;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    /** Loads the catalog: empty means the bundled catalog, a path means bundled plus that file. */
    private final Function<Optional<Path>, Catalog> catalogs;
    private final Clock clock;

    /** The command as the command line runs it: the bundled catalog (plus {@code --catalog}), the system clock. */
    ExplainCommand() {
        this(file -> file.map(f -> Catalogs.load(f)).orElseGet(Catalogs::bundled), Clock.systemUTC());
    }

    ExplainCommand(Function<Optional<Path>, Catalog> catalogs, Clock clock) {
        this.catalogs = catalogs;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        consent = consent.trim();
        if (consent.isEmpty()) {
            throw fail(USAGE, "--consent is empty: give none, all, reject or a list of categories");
        }
        if (consentedAt != null && consent.equals("none")) {
            throw fail(USAGE, "--consented-at needs a choice: add --consent all, reject or a list of categories");
        }
        Catalog catalog;
        try {
            catalog = catalogs.apply(Optional.ofNullable(catalogFile));
        } catch (RuntimeException e) {
            throw fail(USAGE, "cannot use the catalog" + (catalogFile == null ? "" : " " + catalogFile) + ": " + e.getMessage());
        }
        JurisdictionTable table;
        try {
            table = jurisdictionsFile != null ? Jurisdictions.load(jurisdictionsFile) : Jurisdictions.bundled();
        } catch (JurisdictionException e) {
            throw fail(USAGE, e.getMessage());
        }
        Jurisdiction jurisdiction = location.equals(Jurisdiction.DEFAULT_CODE) ? table.fallback() : table.resolve(location);
        Optional<ConsentState> state;
        try {
            state = state(catalog, jurisdiction);
        } catch (IllegalArgumentException e) {
            throw fail(USAGE, e.getMessage());
        }
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(table).clock(clock).build();
        VisitorConsent visitor = engine.evaluate(jurisdiction, Signals.of(gpc), state);
        if (json) {
            out.println(StrictJson.prettyWriter().writeValueAsString(json(catalog, visitor)));
        } else {
            text(catalog, visitor, out);
        }
        out.flush();
        return OK;
    }

    private Optional<ConsentState> state(Catalog catalog, Jurisdiction jurisdiction) {
        if (consent.equals("none")) {
            return Optional.empty();
        }
        ConsentState.Builder b = ConsentState.builder(consentedAt != null ? consentedAt : clock.instant(), catalog.revision())
                .jurisdiction(jurisdiction.code()).gpc(gpc);
        List<Category> choosable = catalog.categories().stream().filter(c -> !c.required()).toList();
        switch (consent) {
            case "all" -> {
                b.method(ConsentMethod.ACCEPT_ALL);
                choosable.forEach(c -> b.grant(c.id()));
            }
            case "reject" -> {
                b.method(ConsentMethod.REJECT_ALL);
                choosable.forEach(c -> b.deny(c.id()));
            }
            default -> {
                Set<String> granted = new LinkedHashSet<>();
                for (String id : consent.split(",", -1)) {
                    String trimmed = id.trim();
                    if (catalog.category(trimmed).isEmpty()) {
                        throw new IllegalArgumentException("unknown category '" + trimmed + "' in --consent; known categories: "
                                + catalog.categories().stream().map(Category::id).collect(Collectors.joining(", "))
                                + " (or none, all, reject)");
                    }
                    granted.add(trimmed);
                }
                b.method(ConsentMethod.CUSTOM);
                choosable.forEach(c -> {
                    if (granted.contains(c.id())) {
                        b.grant(c.id());
                    } else {
                        b.deny(c.id());
                    }
                });
            }
        }
        return Optional.of(b.build());
    }

    private ObjectNode json(Catalog catalog, VisitorConsent v) {
        ObjectNode root = StrictJson.objectNode();
        Jurisdiction j = v.jurisdiction();
        root.put("jurisdiction", j.code());
        root.put("regime", j.regime().name());
        root.put("gpc", gpc);
        ArrayNode laws = root.putArray("laws");
        j.laws().forEach(laws::add);
        ArrayNode categories = root.putArray("categories");
        for (Category c : catalog.categories()) {
            Decision d = v.category(c.id());
            categories.addObject().put("id", c.id()).put("decision", d.verdict()).put("reason", d.reason().code())
                    .put("explanation", d.reason().sentence());
        }
        ArrayNode services = root.putArray("services");
        for (Service s : catalog.services()) {
            Decision d = v.service(s.id());
            services.addObject().put("id", s.id()).put("category", s.category()).put("decision", d.verdict())
                    .put("reason", d.reason().code()).put("explanation", d.reason().sentence());
        }
        return root;
    }

    private void text(Catalog catalog, VisitorConsent v, PrintStream out) {
        Jurisdiction j = v.jurisdiction();
        String asked = location.trim().toUpperCase(Locale.ROOT);
        out.printf(Locale.ROOT, "Jurisdiction  %s (%s)%s%n", j.code(), j.name(),
                asked.equalsIgnoreCase(j.code()) ? "" : "  <- resolved from '" + location + "'");
        out.printf(Locale.ROOT, "Regime        %s%n", j.regime());
        out.printf(Locale.ROOT, "Laws          %s%n", String.join("; ", j.laws()));
        out.printf(Locale.ROOT, "GPC           %s; %s%n", gpc ? "on" : "off", !j.gpcHonoured() ? "not an opt-out signal here"
                : j.gpcSince().isEmpty() ? "honoured here" : "honoured here, a legal duty since " + j.gpcSince());
        out.printf(Locale.ROOT, "Choice        %s%n", v.state().map(s -> s.method() + " at " + s.decidedAt()
                + (s.gpc() ? " with GPC on" : "")).orElse("none"));
        out.printf(Locale.ROOT, "Choice age    %d days; ask the visitor now: %s%n", j.maxChoiceAge().toDays(), v.needsPrompt() ? "yes" : "no");
        out.printf(Locale.ROOT, "Catalog       revision %s%n", catalog.revision());
        out.printf(Locale.ROOT, "Source        %s%n", j.source());
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"CATEGORY", "DECISION", "REASON", "EXPLANATION"});
        for (Category c : catalog.categories()) {
            Decision d = v.category(c.id());
            rows.add(new String[]{c.id(), d.verdict(), d.reason().code(), d.reason().sentence()});
        }
        table(rows, out);
        out.println();
        rows.clear();
        rows.add(new String[]{"SERVICE", "CATEGORY", "DECISION", "REASON", "EXPLANATION"});
        for (Service s : catalog.services()) {
            Decision d = v.service(s.id());
            rows.add(new String[]{s.id(), s.category(), d.verdict(), d.reason().code(), d.reason().sentence()});
        }
        table(rows, out);
    }

    private static void table(List<String[]> rows, PrintStream out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                sb.append(row[i]);
                if (i < columns - 1) {
                    sb.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.println(sb);
        }
    }

    /** An ISO instant. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String t) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + t + "' is not an ISO instant such as 2025-01-31T12:00:00Z");
            }
        }
    }

    /** A path that names a readable file. */
    static final class ReadableFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String name) {
            Path p = Path.of(name);
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new TypeConversionException("'" + name + "' is not a readable file");
            }
            return p;
        }
    }
}
