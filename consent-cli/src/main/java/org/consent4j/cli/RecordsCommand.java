package org.consent4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.consent4j.records.ChainReport;
import org.consent4j.records.ChainedRecord;
import org.consent4j.records.RecordFiles;
import org.consent4j.records.RecordJson;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code records verify [--anchor HASH]... FILE...}: checks the hash chain of a JSON Lines consent record
 * log (exit 0 intact, 1 with the first problem named). {@code records export --subject ID FILE...}: prints
 * every record of one subject as JSON Lines.
 */
@picocli.CommandLine.Command(name = "records", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "(verify | export)",
        description = "verify a consent record log, or export one subject's records",
        subcommands = {RecordsCommand.Verify.class, RecordsCommand.Export.class})
final class RecordsCommand extends Command {

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec().commandLine(), "give an action: verify or export");
    }

    /** {@code records verify}. */
    @picocli.CommandLine.Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ",
            description = {"check the hash chain across the files (segments of one log, in any order)"},
            footerHeading = "%nexit status: ", footer = "0 intact, 1 naming the first broken, missing, reordered or"
                    + " damaged entry, 2 bad arguments")
    static final class Verify extends Command {

        @Option(names = "--anchor", paramLabel = "HASH",
                description = "a head kept elsewhere (64 hex digits); fails if no entry has that hash; repeatable")
        List<String> anchors = new ArrayList<>();

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "the log's segment files")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Set<String> hashes = new LinkedHashSet<>();
            for (String hash : anchors) {
                if (!hash.matches("[0-9a-f]{64}")) {
                    throw fail(USAGE, "--anchor '" + hash + "' is not a hash (64 lower-case hex digits)");
                }
                hashes.add(hash);
            }
            ChainReport report = RecordFiles.verify(existing(files), hashes);
            out.println(report.summary());
            out.flush();
            return report.intact() ? OK : FOUND;
        }
    }

    /** {@code records export}. */
    @picocli.CommandLine.Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ",
            description = "print every consent record of the subject, one JSON object per line")
    static final class Export extends Command {

        @Option(names = "--subject", required = true, paramLabel = "ID", description = "the subject's id")
        String subject;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "the log's segment files")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (subject.isEmpty()) {
                throw fail(USAGE, "export needs --subject ID");
            }
            List<ChainedRecord> records = RecordFiles.export(existing(files), subject);
            for (ChainedRecord r : records) {
                out.println(RecordJson.format(r));
            }
            out.flush();
            err.println("exported " + records.size() + " record(s)");
            return OK;
        }
    }

    private static List<Path> existing(List<Path> files) {
        for (Path p : files) {
            if (!Files.isRegularFile(p)) {
                throw fail(USAGE, "no such file: " + p);
            }
        }
        return files;
    }
}
