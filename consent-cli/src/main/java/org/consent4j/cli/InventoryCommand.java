package org.consent4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.discovery.DiscoveryReport;
import org.consent4j.core.discovery.DraftCatalog;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inventory draft [--catalog FILE] REPORT}: turns a discovery report (the JSON of the
 * operators' {@code {prefix}/inventory} endpoint) into a draft site catalog, printed on standard
 * output. The work is done by {@link DraftCatalog}.
 */
@picocli.CommandLine.Command(name = "inventory", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "draft",
        description = "turn a discovery report into a draft site catalog",
        subcommands = {InventoryCommand.Draft.class})
final class InventoryCommand extends Command {

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec().commandLine(), "give an action: draft");
    }

    /** {@code inventory draft}. */
    @picocli.CommandLine.Command(name = "draft", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ",
            description = "print a draft site catalog from a discovery report: \"uses\" lists the catalog services "
                    + "in use and seen, stubs stand for unknown hosts and cookies, to complete before use")
    static final class Draft extends Command {

        @Parameters(index = "0", paramLabel = "REPORT", description = "the report (JSON of {prefix}/inventory), or - for standard input")
        String report;

        @Option(names = "--catalog", paramLabel = "FILE", description = "the site catalog the report was made with")
        Optional<Path> catalog = Optional.empty();

        @Override
        public Integer call() throws IOException {
            String text;
            try {
                text = report.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(report), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw fail(USAGE, "report file not found: " + report);
            }
            DiscoveryReport parsed;
            try {
                parsed = DiscoveryReport.parse(text);
            } catch (IllegalArgumentException e) {
                throw fail(USAGE, report + ": " + e.getMessage());
            }
            Catalog c;
            try {
                c = catalog.map(Catalogs::load).orElseGet(Catalogs::bundled);
            } catch (RuntimeException e) {
                throw fail(USAGE, "cannot use the catalog " + catalog.map(Path::toString).orElse("") + ": " + e.getMessage());
            }
            out.println(DraftCatalog.of(parsed, c));
            return OK;
        }
    }
}
