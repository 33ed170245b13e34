package org.consent4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.discovery.DiscoveryReport;
import org.consent4j.core.discovery.DraftCatalog;

/**
 * {@code inventory draft [--catalog FILE] REPORT}: turns a discovery report (the JSON of the
 * operators' {@code {prefix}/inventory} endpoint) into a draft site catalog, printed on standard
 * output. The work is done by {@link DraftCatalog}.
 */
final class InventoryCommand implements Command {

    private static final String USAGE = """
            usage: inventory draft [--catalog FILE] REPORT

              draft  prints a draft site catalog made from a discovery report (the JSON served by
                     {prefix}/inventory): "uses" lists the catalog services in use and seen, and stub
                     services stand for unknown hosts and cookies, to complete before use.
                     --catalog FILE: the site catalog the report was made with (added to the bundled one).
                     REPORT: the report file, or - for standard input.""";

    private final Function<Optional<Path>, Catalog> catalogs;

    InventoryCommand() {
        this(file -> file.map(Catalogs::load).orElseGet(Catalogs::bundled));
    }

    InventoryCommand(Function<Optional<Path>, Catalog> catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public String summary() {
        return "turn a discovery report into a draft site catalog";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? Command.USAGE : OK;
        }
        if (!args.get(0).equals("draft")) {
            throw new IllegalArgumentException("unknown action '" + args.get(0) + "'; expected draft\n" + USAGE);
        }
        Optional<Path> catalogFile = Optional.empty();
        String report = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--catalog")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--catalog needs a file");
                }
                catalogFile = Optional.of(Path.of(args.get(++i)));
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            } else if (report == null) {
                report = a;
            } else {
                throw new IllegalArgumentException("one report only, got '" + report + "' and '" + a + "'");
            }
        }
        if (report == null) {
            throw new IllegalArgumentException("give the report file (or - for standard input)\n" + USAGE);
        }
        String text;
        try {
            text = report.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(report), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("inventory: report file not found: " + report);
            return Command.USAGE;
        }
        DiscoveryReport parsed;
        try {
            parsed = DiscoveryReport.parse(text);
        } catch (IllegalArgumentException e) {
            err.println("inventory: " + report + ": " + e.getMessage());
            return Command.USAGE;
        }
        Catalog catalog;
        try {
            catalog = catalogs.apply(catalogFile);
        } catch (RuntimeException e) {
            err.println("inventory: cannot use the catalog" + catalogFile.map(p -> " " + p).orElse("") + ": " + e.getMessage());
            return Command.USAGE;
        }
        out.println(DraftCatalog.of(parsed, catalog));
        return OK;
    }
}
