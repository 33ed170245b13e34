package org.consent4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.consent4j.core.decision.ConsentPolicy;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
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
            usage: explain --jurisdiction CODE [--at DATE|INSTANT] [--gpc] [--consent none|all|reject|CAT,CAT...]
                           [--consented-at DATE|INSTANT] [--choice-without-gpc] [--catalog FILE]
                           [--jurisdictions FILE] [--policy FILE] [--json]

              --jurisdiction CODE   where the visitor is: FR, DE, US-CA, CA-QC ...; an unknown code shows
                                    the default (most protective) rules
              --gpc                 the browser sends Global Privacy Control (Sec-GPC: 1); a choice given
                                    with --consent is then recorded as made while GPC was on
              --consent VALUE       the visitor's choice: none (no choice yet, the default), all (accept
                                    all), reject (reject all), or a comma-separated list of categories to
                                    grant (the other categories are denied)
              --at TIME             decide as of this moment, e.g. 2026-01-01 (midnight UTC) or
                                    2026-01-01T12:00:00Z (default: now): the rules in effect that day
              --consented-at TIME   when the choice was made, e.g. 2025-01-31 or 2025-01-31T12:00:00Z
                                    (default: the --at moment); an old time shows an expired choice
              --choice-without-gpc  with --gpc: the choice was made before GPC was switched on
              --catalog FILE        a site catalog added to the bundled one (overrides by id)
              --jurisdictions FILE  a site jurisdictions file added to the bundled one (overrides by code)
              --policy FILE         a site consent policy (JSON): GPC beyond the law, grants over GPC,
                                    exemptions, sensitive services, accepted revisions
              --json                print JSON instead of a table
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        ConsentPolicy policy = ConsentPolicy.DEFAULT;
        if (o.policy.isPresent()) {
            try {
                policy = ConsentPolicy.load(o.policy.get());
            } catch (IllegalArgumentException e) {
                err.println("explain: " + e.getMessage());
                return Command.USAGE;
            }
        }
        Clock at = o.at.map(i -> Clock.fixed(i, ZoneOffset.UTC)).orElse(clock);
        JurisdictionTable table;
        try {
            table = o.jurisdictions.isPresent() ? Jurisdictions.load(o.jurisdictions.get()) : Jurisdictions.bundled();
        } catch (JurisdictionException e) {
            err.println("explain: " + e.getMessage());
            return Command.USAGE;
        }
        Jurisdiction jurisdiction = table.resolve(o.location, LocalDate.ofInstant(at.instant(), ZoneOffset.UTC));
        Optional<ConsentState> state;
        try {
            state = state(o, catalog, jurisdiction, at);
        } catch (IllegalArgumentException e) {
            err.println("explain: " + e.getMessage());
            return Command.USAGE;
        }
        ConsentEngine engine = ConsentEngine.builder().catalog(catalog).jurisdictions(table).clock(at).policy(policy).build();
        VisitorConsent visitor = engine.evaluate(jurisdiction, Signals.of(o.gpc), state);
        if (o.json) {
            out.println(JSON.writeValueAsString(json(o, catalog, visitor)));
        } else {
            text(o, catalog, visitor, out);
        }
        return OK;
    }

    private static Optional<ConsentState> state(Options o, Catalog catalog, Jurisdiction jurisdiction, Clock at) {
        if (o.consent.equals("none")) {
            return Optional.empty();
        }
        ConsentState.Builder b = ConsentState.builder(o.consentedAt.orElseGet(at::instant), catalog)
                .jurisdiction(jurisdiction.code()).gpc(o.gpc && !o.choiceWithoutGpc);
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
        ObjectNode root = JSON.createObjectNode();
        Jurisdiction j = v.jurisdiction();
        root.put("at", v.now().toString());
        root.put("jurisdiction", j.code());
        root.put("regime", j.regime().name());
        root.put("regimeBasis", j.regimeByLaw() ? "law" : "protective");
        root.put("gpc", o.gpc);
        root.put("gpcDuty", j.gpcDutyOn(LocalDate.ofInstant(v.now(), ZoneOffset.UTC)));
        root.put("gpcOptOut", v.gpcOptOutApplies());
        root.put("needsPrompt", v.needsPrompt());
        ArrayNode laws = root.putArray("laws");
        j.laws().forEach(laws::add);
        ArrayNode categories = root.putArray("categories");
        for (Category c : catalog.categories()) {
            Decision d = v.category(c.id());
            categories.addObject().put("id", c.id()).put("decision", d.verdict()).put("reason", d.reason().code())
                    .put("basis", d.reason().basis().name()).put("explanation", d.reason().sentence());
        }
        ArrayNode services = root.putArray("services");
        for (Service s : catalog.services()) {
            Decision d = v.service(s.id());
            services.addObject().put("id", s.id()).put("category", s.category()).put("decision", d.verdict())
                    .put("reason", d.reason().code()).put("basis", d.reason().basis().name())
                    .put("explanation", d.reason().sentence());
        }
        return root;
    }

    private static void text(Options o, Catalog catalog, VisitorConsent v, PrintStream out) {
        Jurisdiction j = v.jurisdiction();
        String asked = o.location.trim().toUpperCase(Locale.ROOT);
        out.printf(Locale.ROOT, "Jurisdiction  %s (%s)%s%n", j.code(), j.name(),
                asked.equals(j.code()) ? "" : "  <- resolved from '" + o.location + "'");
        LocalDate day = LocalDate.ofInstant(v.now(), ZoneOffset.UTC);
        out.printf(Locale.ROOT, "As of         %s%n", v.now());
        out.printf(Locale.ROOT, "Regime        %s (%s)%s%s%n", j.regime(), j.regimeByLaw() ? "set by law" : "protective reading, site policy",
                j.from().equals(Jurisdiction.ALWAYS) ? "" : ", from " + j.from(),
                j.until().equals(Jurisdiction.OPEN) ? "" : ", until " + j.until());
        out.printf(Locale.ROOT, "Laws          %s%n", String.join("; ", j.laws()));
        out.printf(Locale.ROOT, "GPC           %s; %s%n", o.gpc ? "on" : "off", j.gpcDutyOn(day) ? "a legal opt-out here since " + j.gpcSince()
                : !j.gpcHonoured() ? "not an opt-out signal here"
                : (j.gpcSince().isEmpty() ? "honoured as site policy (no law requires it)"
                : "honoured as site policy until the legal duty starts on " + j.gpcSince()));
        out.printf(Locale.ROOT, "Choice        %s%n", v.state().map(s -> s.method() + " at " + s.decidedAt()
                + (s.gpc() ? " with GPC on" : "")).orElse("none"));
        out.printf(Locale.ROOT, "Choice age    %s (calendar, UTC); ask the visitor now: %s%n", j.choiceAge(), v.needsPrompt() ? "yes" : "no");
        out.printf(Locale.ROOT, "Catalog       revision %s%n", catalog.revision());
        out.printf(Locale.ROOT, "Source        %s%n", j.source());
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"CATEGORY", "DECISION", "REASON", "WHOSE RULE", "EXPLANATION"});
        for (Category c : catalog.categories()) {
            Decision d = v.category(c.id());
            rows.add(new String[]{c.id(), d.verdict(), d.reason().code(), basis(d), d.reason().sentence()});
        }
        table(rows, out);
        out.println();
        rows.clear();
        rows.add(new String[]{"SERVICE", "CATEGORY", "DECISION", "REASON", "WHOSE RULE", "EXPLANATION"});
        for (Service s : catalog.services()) {
            Decision d = v.service(s.id());
            rows.add(new String[]{s.id(), s.category(), d.verdict(), d.reason().code(), basis(d), d.reason().sentence()});
        }
        table(rows, out);
    }

    private static String basis(Decision d) {
        return switch (d.reason().basis()) {
            case LAW -> "law";
            case SITE_POLICY -> "site policy";
            case VISITOR -> "visitor";
        };
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
        Optional<Instant> at = Optional.empty();
        boolean choiceWithoutGpc;
        Optional<Path> policy = Optional.empty();
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
                    case "--consented-at" -> o.consentedAt = Optional.of(moment(value != null ? value : next(args, ++i, arg), arg));
                    case "--at" -> o.at = Optional.of(moment(value != null ? value : next(args, ++i, arg), arg));
                    case "--choice-without-gpc" -> o.choiceWithoutGpc = flag(arg, value);
                    case "--policy" -> o.policy = Optional.of(file(value != null ? value : next(args, ++i, arg), arg));
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
            if (o.choiceWithoutGpc && (!o.gpc || o.consent.equals("none"))) {
                throw new IllegalArgumentException("--choice-without-gpc needs --gpc and a choice (--consent ...)");
            }
            if (o.consentedAt.isPresent() && o.consent.equals("none")) {
                throw new IllegalArgumentException("--consented-at needs a choice: add --consent all, reject or a list of categories");
            }
            return o;
        }

        /** An ISO date (midnight UTC) or instant. */
        private static Instant moment(String text, String option) {
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " '" + text
                        + "' is not an ISO date such as 2025-01-31 or an instant such as 2025-01-31T12:00:00Z");
            }
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
