package org.consent4j.cli;

import java.io.PrintStream;
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

/**
 * {@code records verify [--anchor HASH]... FILE...}: checks the hash chain of a JSON Lines consent record
 * log (exit 0 intact, 1 with the first problem named). {@code records export --subject ID FILE...}: prints
 * every record of one subject as JSON Lines.
 */
final class RecordsCommand implements Command {

    private static final String USAGE = """
            usage: records verify [--anchor HASH]... FILE...
                   records export --subject ID FILE...

              verify  checks the hash chain across the files (segments of one log, in any order);
                      exit 0 when intact, 1 naming the first broken, missing, reordered or damaged entry.
                      --anchor HASH: a head kept elsewhere; fails if no entry has that hash.
              export  prints every consent record of the subject, one JSON object per line.""";

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
            default -> throw new IllegalArgumentException("unknown action '" + action + "'; expected verify or export\n" + USAGE);
        };
    }

    private static final int USAGE_STATUS = Command.USAGE;

    private static int verify(List<String> args, PrintStream out) throws Exception {
        Set<String> anchors = new LinkedHashSet<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--anchor")) {
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
        ChainReport report = RecordFiles.verify(files, anchors);
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

    private static Path existing(String name) {
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file: " + name);
        }
        return p;
    }
}
