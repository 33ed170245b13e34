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

/**
 * {@code explain}: shows, for one jurisdiction, signal and choice, what the engine decides for every
 * category and every catalog service, and why.
 */
final class ExplainCommand implements Command {

    static final String USAGE = """
            usage: explain --jurisdiction CODE [--gpc] [--consent none|all|reject|CAT,CAT...]
                           [--consented-at ISO-INSTANT] [--catalog FILE] [--jurisdictions FILE] [--json]

              --jurisdiction CODE   where the visitor is: FR, DE, US-CA, CA-QC ...; an unknown code shows
                                    the default (most protective) rules
              --gpc                 the browser sends Global Privacy Control (Sec-GPC: 1); a choice given
                                    with --consent is then recorded as made while GPC was on
              --consent VALUE       the visitor's choice: none (no choice yet, the default), all (accept
                                    all), reject (reject all), or a comma-separated list of categories to
                                    grant (the other categories are denied)
              --consented-at TIME   when the choice was made, e.g. 2025-01-31T12:00:00Z (default: now);
                                    an old time shows an expired choice
              --catalog FILE        a site catalog added to the bundled one (overrides by id)
              --jurisdictions FILE  a site jurisdictions file added to the bundled one (overrides by code)
              --json                print JSON instead of a table
            """;


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
    public String summary() {
        return "show the decision and its reason for every category and service in a jurisdiction";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("explain: " + e.getMessage());
            err.print(USAGE);
            return Command.USAGE;
        }
        if (o.help) {
            out.print(USAGE);
            return OK;
        }
        Catalog catalog;
        try {
            catalog = catalogs.apply(o.catalog);
        } catch (RuntimeException e) {
            err.println("explain: cannot use the catalog" + o.catalog.map(p -> " " + p).orElse("") + ": " + e.getMessage());
            return Command.USAGE;
        }
        JurisdictionTable table;
        try {
            table = o.jurisdictions.isPresent() ? Jurisdictions.load(o.jurisdictions.get()) : Jurisdictions.bundled();
        } catch (JurisdictionException e) {
            err.println("explain: " + e.getMessage());
            return Command.USAGE;
        }
        Jurisdiction jurisdiction = table.resolve(o.location);
        Optional<ConsentState> state;
        try {
            state = state(o, catalog, jurisdiction);
        } catch (IllegalArgumentException e) {
            err.println("explain: " + e.getMessage());
            return Command.USAGE;
        }
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(table).clock(clock).build();
        VisitorConsent visitor = engine.evaluate(jurisdiction, Signals.of(o.gpc), state);
        if (o.json) {
            out.println(StrictJson.prettyWriter().writeValueAsString(json(o, catalog, visitor)));
        } else {
            text(o, catalog, visitor, out);
        }
        return OK;
    }

    private Optional<ConsentState> state(Options o, Catalog catalog, Jurisdiction jurisdiction) {
        if (o.consent.equals("none")) {
            return Optional.empty();
        }
        ConsentState.Builder b = ConsentState.builder(o.consentedAt.orElseGet(clock::instant), catalog.revision())
                .jurisdiction(jurisdiction.code()).gpc(o.gpc);
        List<Category> choosable = catalog.categories().stream().filter(c -> !c.required()).toList();
        switch (o.consent) {
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
                for (String id : o.consent.split(",", -1)) {
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

    private static ObjectNode json(Options o, Catalog catalog, VisitorConsent v) {
        ObjectNode root = StrictJson.objectNode();
        Jurisdiction j = v.jurisdiction();
        root.put("jurisdiction", j.code());
        root.put("regime", j.regime().name());
        root.put("gpc", o.gpc);
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

    private static void text(Options o, Catalog catalog, VisitorConsent v, PrintStream out) {
        Jurisdiction j = v.jurisdiction();
        String asked = o.location.trim().toUpperCase(Locale.ROOT);
        out.printf(Locale.ROOT, "Jurisdiction  %s (%s)%s%n", j.code(), j.name(),
                asked.equals(j.code()) ? "" : "  <- resolved from '" + o.location + "'");
        out.printf(Locale.ROOT, "Regime        %s%n", j.regime());
        out.printf(Locale.ROOT, "Laws          %s%n", String.join("; ", j.laws()));
        out.printf(Locale.ROOT, "GPC           %s; %s%n", o.gpc ? "on" : "off", !j.gpcHonoured() ? "not an opt-out signal here"
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

    /** The parsed command line. */
    private static final class Options {
        String location;
        boolean gpc;
        String consent = "none";
        Optional<Instant> consentedAt = Optional.empty();
        Optional<Path> catalog = Optional.empty();
        Optional<Path> jurisdictions = Optional.empty();
        boolean json;
        boolean help;

        static Options parse(List<String> args) {
            Options o = new Options();
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                if (!arg.equals("--help") && !arg.equals("-h") && !seen.add(arg)) {
                    throw new IllegalArgumentException(arg + " given twice");
                }
                switch (arg) {
                    case "--help", "-h" -> o.help = true;
                    case "--gpc" -> o.gpc = flag(arg, value);
                    case "--json" -> o.json = flag(arg, value);
                    case "--jurisdiction" -> o.location = value != null ? value : next(args, ++i, arg);
                    case "--consent" -> {
                        String c = (value != null ? value : next(args, ++i, arg)).trim();
                        if (c.isEmpty()) {
                            throw new IllegalArgumentException("--consent is empty: give none, all, reject or a list of categories");
                        }
                        o.consent = c;
                    }
                    case "--consented-at" -> {
                        String t = value != null ? value : next(args, ++i, arg);
                        try {
                            o.consentedAt = Optional.of(Instant.parse(t));
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException("--consented-at '" + t
                                    + "' is not an ISO instant such as 2025-01-31T12:00:00Z");
                        }
                    }
                    case "--catalog" -> o.catalog = Optional.of(file(value != null ? value : next(args, ++i, arg), arg));
                    case "--jurisdictions" -> o.jurisdictions = Optional.of(file(value != null ? value : next(args, ++i, arg), arg));
                    default -> throw new IllegalArgumentException("unknown argument '" + args.get(i) + "'");
                }
            }
            if (o.help) {
                return o;
            }
            if (o.location == null) {
                throw new IllegalArgumentException("--jurisdiction is required, e.g. --jurisdiction FR or --jurisdiction US-CA");
            }
            if (o.consentedAt.isPresent() && o.consent.equals("none")) {
                throw new IllegalArgumentException("--consented-at needs a choice: add --consent all, reject or a list of categories");
            }
            return o;
        }

        private static boolean flag(String name, String value) {
            if (value != null) {
                throw new IllegalArgumentException(name + " takes no value");
            }
            return true;
        }

        private static String next(List<String> args, int i, String name) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args.get(i);
        }

        private static Path file(String name, String option) {
            Path p = Path.of(name);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(option + " '" + name + "' is not a readable file");
            }
            return p;
        }
    }
}
