package org.consent4j.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.jurisdiction.Jurisdictions;

/**
 * The {@code consent4j} command line: {@code java -jar consent4j.jar COMMAND [ARGS]}.
 */
public final class Main {

    private Main() {
    }

    static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        // One line per command; keep alphabetical.
        commands.put("audit", new AuditCommand(
                file -> file.map(Catalogs::load).orElseGet(Catalogs::bundled),
                file -> file.map(Jurisdictions::load).orElseGet(Jurisdictions::bundled)));
        commands.put("explain", new ExplainCommand());
        commands.put("gate", new GateCommand());
        commands.put("inventory", new InventoryCommand());
        commands.put("records", new RecordsCommand());
        commands.put("serve", new ServeCommand());
        return commands;
    }

    /** Runs a command and returns its exit status (0 ok, 1 found a problem, 2 bad arguments). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(commands, args.length == 0 ? err : out);
            return args.length == 0 ? Command.USAGE : Command.OK;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            err.println("consent4j: unknown command '" + args[0] + "'");
            usage(commands, err);
            return Command.USAGE;
        }
        try {
            return command.run(List.of(args).subList(1, args.length), out, err);
        } catch (IllegalArgumentException e) {
            err.println("consent4j " + args[0] + ": " + e.getMessage());
            return Command.USAGE;
        } catch (Exception e) {
            err.println("consent4j " + args[0] + ": " + e);
            return Command.FOUND;
        }
    }

    private static void usage(Map<String, Command> commands, PrintStream to) {
        to.println("usage: java -jar consent4j.jar COMMAND [ARGS]");
        to.println();
        commands.forEach((name, c) -> to.printf("  %-10s %s%n", name, c.summary()));
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }
}
