package org.consent4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.consent4j.records.ChainReport;
import org.consent4j.records.Checkpoint;
import org.consent4j.records.CheckpointKey;
import org.consent4j.records.JsonLinesRecordSink;
import org.consent4j.records.RecordKeys;
import org.consent4j.records.ChainedRecord;
import org.consent4j.records.RecordFiles;
import org.consent4j.records.RecordJson;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code records verify [--anchor HASH]... [--keys FILE [--checkpoint FILE]] FILE...}: checks the hash chain
 * of a JSON Lines consent record log, and with the records keys every entry's MAC (exit 0 intact, 1 with
 * the first problem named). {@code records export --subject ID FILE...}: prints every record of one
 * subject as JSON Lines. {@code records erase --subject ID DIR} and {@code records purge --before INSTANT
 * DIR}: erasure and retention on a log that is not open elsewhere. {@code records keygen --id ID}: a new
 * records key line; {@code --ed25519}: a checkpoint signing key; {@code --public-of FILE}: its public key
 * line. {@code records verify --checkpoint FILE --public-key FILE}: checks Ed25519-signed checkpoints with
 * the public key only.
 */
@picocli.CommandLine.Command(name = "records", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "(verify | export | erase | purge | keygen)",
        description = "verify a consent record log, export or erase one subject's records, purge old entries",
        subcommands = {RecordsCommand.Verify.class, RecordsCommand.Export.class, RecordsCommand.Erase.class,
                RecordsCommand.Purge.class, RecordsCommand.Keygen.class})
final class RecordsCommand extends Command {

    @Override
    public Integer call() {
        throw fail(USAGE, "give an action: verify, export, erase, purge or keygen (records --help describes them)");
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

        @Option(names = "--keys", paramLabel = "FILE", description = "the records keys ('<id> <base64>' per line); "
                + "every entry must then carry a valid MAC (detects edits with recomputed hashes, forged erasures)")
        Path keys;

        @Option(names = "--checkpoint", paramLabel = "FILE", description = "signed checkpoints kept elsewhere; the "
                + "last one's entry must still be in the log (detects a cut tail); needs --keys (HMAC checkpoints) "
                + "or --public-key (Ed25519 checkpoints)")
        Path checkpoint;

        @Option(names = "--public-key", paramLabel = "FILE", description = "the Ed25519 public key that signed the "
                + "checkpoints ('<id> ed25519-public <base64>'); no secret needed")
        Path publicKey;

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
            if (checkpoint != null && keys == null && publicKey == null) {
                throw fail(USAGE, "--checkpoint needs --keys or --public-key: a checkpoint is only as good as its signature");
            }
            if (publicKey != null && checkpoint == null) {
                throw fail(USAGE, "--public-key verifies checkpoints: give --checkpoint FILE too");
            }
            RecordKeys k = keys == null ? null : readKeys(keys);
            ChainReport report;
            if (publicKey != null) {
                report = RecordFiles.verify(existing(files), readCheckpointKey(publicKey), lastCheckpoint(checkpoint));
                if (report.intact() && k != null) {
                    report = RecordFiles.verify(existing(files), hashes, k);
                } else if (report.intact() && !hashes.isEmpty()) {
                    report = RecordFiles.verify(existing(files), hashes);
                }
            } else if (checkpoint != null) {
                report = RecordFiles.verify(existing(files), k, lastCheckpoint(checkpoint));
                if (report.intact() && !hashes.isEmpty()) {
                    report = RecordFiles.verify(existing(files), hashes, k);
                }
            } else if (k != null) {
                report = RecordFiles.verify(existing(files), hashes, k);
            } else {
                report = RecordFiles.verify(existing(files), hashes);
            }
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

    /** {@code records erase} and {@code records purge}: open the log in a directory for writing. */
    abstract static class Maintain extends Command {

        @Option(names = "--base", paramLabel = "NAME", description = "the log's base name (default consent-records)")
        String base = "consent-records";

        @Option(names = "--keys", paramLabel = "FILE", description = "the keys the log is written with")
        Path keys;

        @Option(names = "--checkpoint-key", paramLabel = "FILE", description = "the Ed25519 private key that signs "
                + "the log's checkpoints")
        Path checkpointKey;

        @Parameters(index = "0", paramLabel = "DIRECTORY", description = "the log's directory")
        Path directory;

        JsonLinesRecordSink open() throws java.io.IOException {
            if (!Files.isDirectory(directory)) {
                throw fail(USAGE, "no such directory: " + directory);
            }
            JsonLinesRecordSink.Builder b = JsonLinesRecordSink.builder(directory).baseName(base);
            if (keys != null) {
                b.keys(readKeys(keys));
            }
            if (checkpointKey != null) {
                CheckpointKey key = readCheckpointKey(checkpointKey);
                if (!key.canSign()) {
                    throw fail(USAGE, checkpointKey + " is a public key: --checkpoint-key needs the private key");
                }
                b.checkpointKey(key);
            }
            try {
                return b.open();
            } catch (java.io.IOException e) {
                throw fail(FOUND, e.getMessage());
            }
        }
    }

    /** {@code records erase}. */
    @picocli.CommandLine.Command(name = "erase", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ", description = "remove every record of the subject from the log (and "
                    + "recovery files that mention it), leaving an erasure entry; the log must not be open elsewhere")
    static final class Erase extends Maintain {

        @Option(names = "--subject", required = true, paramLabel = "ID", description = "the subject's id")
        String subject;

        @Override
        public Integer call() throws Exception {
            if (subject.isEmpty()) {
                throw fail(USAGE, "erase needs --subject ID");
            }
            try (JsonLinesRecordSink log = open()) {
                out.println("erased " + log.erase(subject) + " record(s) of the subject; head seq " + log.head().seq());
            }
            out.flush();
            return OK;
        }
    }

    /** {@code records purge}. */
    @picocli.CommandLine.Command(name = "purge", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ", description = "remove the entries older than INSTANT from the start of the "
                    + "log, leaving a retention entry; the log must not be open elsewhere")
    static final class Purge extends Maintain {

        @Option(names = "--before", required = true, paramLabel = "INSTANT", description = "e.g. 2024-01-01T00:00:00Z")
        String before;

        @Override
        public Integer call() throws Exception {
            Instant cutoff;
            try {
                cutoff = Instant.parse(before);
            } catch (DateTimeParseException e) {
                throw fail(USAGE, "--before '" + before + "' is not an instant such as 2024-01-01T00:00:00Z");
            }
            try (JsonLinesRecordSink log = open()) {
                out.println("purged " + log.purgeBefore(cutoff) + " entries before " + cutoff + "; head seq "
                        + log.head().seq());
            }
            out.flush();
            return OK;
        }
    }

    /** {@code records keygen}. */
    @picocli.CommandLine.Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ", description = {"print a new random records key line '<id> <base64>';",
                    "with --ed25519, a checkpoint signing key line (keep it secret);",
                    "with --public-of FILE, the public key line of that signing key (give it to verifiers)"})
    static final class Keygen extends Command {

        @Option(names = "--id", paramLabel = "KEY_ID", description = "the new key's id, e.g. k1")
        String id;

        @Option(names = "--ed25519", description = "an Ed25519 key pair for signing checkpoints")
        boolean ed25519;

        @Option(names = "--public-of", paramLabel = "FILE", description = "print the public key line of this "
                + "Ed25519 private key file")
        Path publicOf;

        @Override
        public Integer call() throws Exception {
            if (publicOf != null) {
                if (id != null || ed25519) {
                    throw fail(USAGE, "--public-of FILE takes no --id or --ed25519: the id and key come from the file");
                }
                CheckpointKey key = readCheckpointKey(publicOf);
                if (!key.canSign()) {
                    throw fail(USAGE, publicOf + " holds a public key already");
                }
                out.println(key.publicLine());
                out.flush();
                return OK;
            }
            if (id == null) {
                throw fail(USAGE, "keygen needs --id KEY_ID (or --public-of FILE)");
            }
            try {
                out.println(ed25519 ? CheckpointKey.generate(id).privateLine() : RecordKeys.generateLine(id));
            } catch (IllegalArgumentException e) {
                throw fail(USAGE, e.getMessage());
            }
            out.flush();
            return OK;
        }
    }

    private static CheckpointKey readCheckpointKey(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            throw fail(USAGE, "no such file: " + file);
        }
        try {
            return CheckpointKey.read(file);
        } catch (IllegalArgumentException e) {
            throw fail(USAGE, e.getMessage());
        }
    }

    private static RecordKeys readKeys(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            throw fail(USAGE, "no such file: " + file);
        }
        try {
            return RecordKeys.read(file);
        } catch (IllegalArgumentException e) {
            throw fail(USAGE, e.getMessage());
        }
    }

    private static Checkpoint lastCheckpoint(Path file) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            throw fail(USAGE, "no such file: " + file);
        }
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw fail(USAGE, file + " holds no checkpoint");
        }
        try {
            return Checkpoint.parse(lines.get(lines.size() - 1));
        } catch (IllegalArgumentException e) {
            throw fail(USAGE, file + ": the last line is not a checkpoint: " + e.getMessage());
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
