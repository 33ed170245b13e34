package org.consent4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.consent4j.compliance.Controller;
import org.consent4j.compliance.DocumentFormat;
import org.consent4j.compliance.DpiaCriterion;
import org.consent4j.compliance.ProcessingChange;
import org.consent4j.compliance.ProcessingChanges;
import org.consent4j.compliance.ProcessingDocuments;
import org.consent4j.compliance.ProcessingFacts;
import org.consent4j.compliance.ProcessingRecord;
import org.consent4j.compliance.SiteProfile;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import picocli.CommandLine.Option;

/**
 * {@code documents record}: the record of processing activities (GDPR Art. 30) with the DPIA screening of
 * the site's services, as Markdown, HTML or JSON. {@code documents diff}: what changed between two
 * catalogs for the site's services.
 */
@picocli.CommandLine.Command(name = "documents", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "(record | diff)",
        description = "the record of processing (GDPR Art. 30) and DPIA screening, or what changed between catalogs",
        subcommands = {DocumentsCommand.Record.class, DocumentsCommand.Diff.class})
final class DocumentsCommand extends Command {

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec().commandLine(), "give an action: record or diff");
    }

    /** Options both actions share: the site's services and processing facts. */
    static class Site {
        @Option(names = "--services", paramLabel = "IDS", split = ",",
                description = "the services the site uses, by catalog id (default: every service of the catalog)")
        List<String> services = new ArrayList<>();

        @Option(names = "--facts", paramLabel = "FILE", converter = ExplainCommand.ReadableFile.class,
                description = "processing facts of the site, laid over the bundled ones; repeatable")
        List<Path> facts = new ArrayList<>();

        ProcessingDocuments.Builder documents(Catalog catalog) {
            ProcessingDocuments.Builder b = ProcessingDocuments.builder().catalog(catalog).services(services);
            if (!facts.isEmpty()) {
                b.facts(ProcessingFacts.load(facts.toArray(Path[]::new)));
            }
            return b;
        }
    }

    /** {@code documents record}. */
    @picocli.CommandLine.Command(name = "record", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ", sortOptions = false,
            description = "print the record of processing activities and the DPIA screening of the site's services",
            footerHeading = "%nexit status: ", footer = "0 written, 2 bad arguments or unreadable files")
    static final class Record extends Command {

        @Option(names = "--catalog", paramLabel = "FILE", converter = ExplainCommand.ReadableFile.class,
                description = "the site's catalog, added to the bundled one")
        Path catalog;

        @picocli.CommandLine.Mixin
        Site site = new Site();

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
                description = "markdown, html or json (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en",
                description = "language of Markdown and HTML: en, fr, de or es (default: ${DEFAULT-VALUE})")
        String language;

        @Option(names = "--controller", paramLabel = "NAME", defaultValue = "", description = "the controller's name")
        String controller;

        @Option(names = "--contact", paramLabel = "TEXT", defaultValue = "", description = "the controller's contact")
        String contact;

        @Option(names = "--dpo", paramLabel = "TEXT", defaultValue = "", description = "the DPO's contact")
        String dpo;

        @Option(names = "--confirm", paramLabel = "CRITERION", split = ",",
                description = "WP248 criteria the site confirms, e.g. large-scale,vulnerable-subjects")
        List<String> confirmed = new ArrayList<>();

        @Option(names = "--record-retention", paramLabel = "TEXT", defaultValue = "",
                description = "how long consent records are kept, e.g. \"5 years\"")
        String recordRetention;

        @Option(names = "--output", paramLabel = "FILE", description = "write to this file instead of standard output")
        Path output;

        @Override
        public Integer call() throws IOException {
            DocumentFormat f;
            Set<DpiaCriterion> criteria = EnumSet.noneOf(DpiaCriterion.class);
            try {
                f = DocumentFormat.of(format);
                confirmed.forEach(c -> criteria.add(DpiaCriterion.ofId(c.trim())));
            } catch (IllegalArgumentException e) {
                throw fail(USAGE, e.getMessage());
            }
            ProcessingDocuments docs;
            try {
                Catalog c = catalog == null ? Catalogs.bundled() : Catalogs.load(catalog);
                docs = site.documents(c).controller(new Controller(controller, contact, dpo, ""))
                        .site(new SiteProfile(criteria, recordRetention, "")).build();
            } catch (IllegalArgumentException e) {
                throw fail(USAGE, e.getMessage());
            }
            ProcessingRecord record = docs.record();
            String text = docs.render(record, f, language);
            if (output == null) {
                out.print(text);
                out.flush();
            } else {
                Files.writeString(output, text, StandardCharsets.UTF_8);
                err.println("wrote " + output + " (" + record.services().size() + " services, DPIA "
                        + record.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
            }
            return OK;
        }
    }

    /** {@code documents diff}. */
    @picocli.CommandLine.Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ", sortOptions = false,
            description = "list what changed for the site's services between two site catalogs (added or removed"
                    + " services, transfers, risk, cookies and their lifetimes, DPIA results)",
            footerHeading = "%nexit status: ", footer = "0 no change, 1 changes listed (the record of processing needs an"
                    + " update), 2 bad arguments or unreadable files")
    static final class Diff extends Command {

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "OLD", converter = ExplainCommand.ReadableFile.class,
                description = "the earlier site catalog")
        Path before;

        @picocli.CommandLine.Parameters(index = "1", paramLabel = "NEW", converter = ExplainCommand.ReadableFile.class,
                description = "the later site catalog")
        Path after;

        @Option(names = "--old-services", paramLabel = "IDS", split = ",",
                description = "the services the site used with OLD (default: the same as --services)")
        List<String> oldServices = new ArrayList<>();

        @picocli.CommandLine.Mixin
        Site site = new Site();

        @Override
        public Integer call() {
            List<ProcessingChange> changes;
            try {
                Site old = new Site();
                old.services = oldServices.isEmpty() ? site.services : oldServices;
                old.facts = site.facts;
                ProcessingRecord from = old.documents(Catalogs.load(before)).build().record();
                ProcessingRecord to = site.documents(Catalogs.load(after)).build().record();
                changes = ProcessingChanges.between(from, to);
            } catch (IllegalArgumentException e) {
                throw fail(USAGE, e.getMessage());
            }
            changes.forEach(c -> out.println(c.description()));
            if (changes.isEmpty()) {
                out.println("no material change");
            }
            out.flush();
            return changes.isEmpty() ? OK : FOUND;
        }
    }
}
