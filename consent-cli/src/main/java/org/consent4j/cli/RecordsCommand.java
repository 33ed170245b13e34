package org.consent4j.cli;

import java.io.PrintStream;
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
import org.consent4j.records.JsonLinesRecordSink;
import org.consent4j.records.RecordKeys;
import org.consent4j.records.ChainedRecord;
import org.consent4j.records.RecordFiles;
import org.consent4j.records.RecordJson;

/**
 * {@code records verify [--anchor HASH]... [--keys FILE [--checkpoint FILE]] FILE...}: checks the hash chain
 * of a JSON Lines consent record log, and with the records keys every entry's MAC (exit 0 intact, 1 with the
 * first problem named). {@code records export --subject ID FILE...}: prints every record of one subject as
 * JSON Lines. {@code records erase --subject ID DIR} and {@code records purge --before INSTANT DIR}: erasure
 * and retention on a log that is not open elsewhere. {@code records keygen --id ID}: a new records key.
 */
final class RecordsCommand implements Command {

    private static final String USAGE = """
            usage: records verify [--anchor HASH]... [--keys FILE [--checkpoint FILE]] FILE...
                   records export --subject ID FILE...
                   records erase --subject ID [--base NAME] [--keys FILE] DIRECTORY
                   records purge --before INSTANT [--base NAME] [--keys FILE] DIRECTORY
                   records keygen --id KEY_ID

              verify  checks the hash chain across the files (segments of one log, in any order);
                      exit 0 when intact, 1 naming the first broken, missing, reordered or damaged entry.
                      --anchor HASH: a head kept elsewhere; fails if no entry has that hash.
                      --keys FILE: the records keys; every entry must carry a valid MAC (detects entries
                      edited with their hashes recomputed and forged erasure entries).
                      --checkpoint FILE: the last line is the last signed checkpoint, kept elsewhere;
                      fails if its entry is no longer in the log (a cut tail). Needs --keys.
              export  prints every consent record of the subject, one JSON object per line (voided
                      records, refused when they were written, are left out).
              erase   removes every record of the subject from the log in DIRECTORY (and recovery
                      files that mention it), leaving an erasure entry; the log must not be open elsewhere.
              purge   removes the entries older than INSTANT (e.g. 2024-01-01T00:00:00Z) from the start
                      of the log in DIRECTORY, leaving a retention entry.
                      --base NAME: the log's base name (default consent-records); --keys FILE: the keys
                      the log is written with, so the new entry is authenticated too.
              keygen  prints a new random records key line '<id> <base64>' for a keys file.""";

    @Override
    public String summary() {
        return "verify a consent record log, or export one subject's records";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? USAGE_STATUS : OK;
        }
        String action = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (action) {
            case "verify" -> verify(rest, out);
            case "export" -> export(rest, out, err);
            case "erase", "purge" -> maintain(action, rest, out);
            case "keygen" -> keygen(rest, out);
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "'; expected verify, export, erase, purge or keygen\n" + USAGE);
        };
    }

    private static final int USAGE_STATUS = Command.USAGE;

    private static int verify(List<String> args, PrintStream out) throws Exception {
        Set<String> anchors = new LinkedHashSet<>();
        List<Path> files = new ArrayList<>();
        RecordKeys keys = null;
        Checkpoint checkpoint = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--keys")) {
                keys = RecordKeys.read(existing(value(args, i++, "--keys needs a keys FILE")));
            } else if (a.equals("--checkpoint")) {
                checkpoint = lastCheckpoint(existing(value(args, i++, "--checkpoint needs a FILE of checkpoints")));
            } else if (a.equals("--anchor")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--anchor needs a hash (64 hex digits)");
                }
                String hash = args.get(++i);
                if (!hash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("--anchor '" + hash + "' is not a hash (64 lower-case hex digits)");
                }
                anchors.add(hash);
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + a + "' for verify\n" + USAGE);
            } else {
                files.add(existing(a));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("verify needs at least one FILE\n" + USAGE);
        }
        if (checkpoint != null && keys == null) {
            throw new IllegalArgumentException("--checkpoint needs --keys: a checkpoint is only as good as its MAC\n" + USAGE);
        }
        ChainReport report;
        if (checkpoint != null) {
            report = RecordFiles.verify(files, keys, checkpoint);
            if (report.intact() && !anchors.isEmpty()) {
                report = RecordFiles.verify(files, anchors, keys);
            }
        } else if (keys != null) {
            report = RecordFiles.verify(files, anchors, keys);
        } else {
            report = RecordFiles.verify(files, anchors);
        }
        out.println(report.summary());
        return report.intact() ? OK : FOUND;
    }

    private static int export(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String subject = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--subject")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--subject needs the subject's id");
                }
                subject = args.get(++i);
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + a + "' for export\n" + USAGE);
            } else {
                files.add(existing(a));
            }
        }
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("export needs --subject ID\n" + USAGE);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("export needs at least one FILE\n" + USAGE);
        }
        List<ChainedRecord> records = RecordFiles.export(files, subject);
        for (ChainedRecord r : records) {
            out.println(RecordJson.format(r));
        }
        out.flush();
        err.println("exported " + records.size() + " record(s)");
        return OK;
    }

    private static int maintain(String action, List<String> args, PrintStream out) throws Exception {
        String subject = null;
        Instant before = null;
        String base = "consent-records";
        RecordKeys keys = null;
        Path directory = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--subject") && action.equals("erase")) {
                subject = value(args, i++, "--subject needs the subject's id");
            } else if (a.equals("--before") && action.equals("purge")) {
                String v = value(args, i++, "--before needs an instant such as 2024-01-01T00:00:00Z");
                try {
                    before = Instant.parse(v);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--before '" + v + "' is not an instant such as 2024-01-01T00:00:00Z");
                }
            } else if (a.equals("--base")) {
                base = value(args, i++, "--base needs the log's base name");
            } else if (a.equals("--keys")) {
                keys = RecordKeys.read(existing(value(args, i++, "--keys needs a keys FILE")));
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + a + "' for " + action + "\n" + USAGE);
            } else if (directory == null) {
                directory = Path.of(a);
                if (!Files.isDirectory(directory)) {
                    throw new IllegalArgumentException("no such directory: " + a);
                }
            } else {
                throw new IllegalArgumentException(action + " takes one DIRECTORY (the log's), got also '" + a + "'\n" + USAGE);
            }
        }
        if (directory == null) {
            throw new IllegalArgumentException(action + " needs the log's DIRECTORY\n" + USAGE);
        }
        if (action.equals("erase") && (subject == null || subject.isEmpty())) {
            throw new IllegalArgumentException("erase needs --subject ID\n" + USAGE);
        }
        if (action.equals("purge") && before == null) {
            throw new IllegalArgumentException("purge needs --before INSTANT\n" + USAGE);
        }
        JsonLinesRecordSink.Builder b = JsonLinesRecordSink.builder(directory).baseName(base);
        if (keys != null) {
            b.keys(keys);
        }
        try (JsonLinesRecordSink log = b.open()) {
            if (action.equals("erase")) {
                out.println("erased " + log.erase(subject) + " record(s) of the subject; head seq " + log.head().seq());
            } else {
                out.println("purged " + log.purgeBefore(before) + " entries before " + before + "; head seq " + log.head().seq());
            }
        }
        return OK;
    }

    private static int keygen(List<String> args, PrintStream out) {
        if (args.size() != 2 || !args.get(0).equals("--id")) {
            throw new IllegalArgumentException("keygen needs --id KEY_ID\n" + USAGE);
        }
        out.println(RecordKeys.generateLine(args.get(1)));
        return OK;
    }

    private static String value(List<String> args, int i, String missing) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(missing);
        }
        return args.get(i + 1);
    }

    private static Checkpoint lastCheckpoint(Path file) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no checkpoint");
        }
        try {
            return Checkpoint.parse(lines.get(lines.size() - 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the last line is not a checkpoint: " + e.getMessage(), e);
        }
    }

    private static Path existing(String name) {
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file: " + name);
        }
        return p;
    }
}
