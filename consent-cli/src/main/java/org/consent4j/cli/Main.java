package org.consent4j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.jurisdiction.Jurisdictions;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code consent4j} command line: {@code java -jar consent4j.jar COMMAND [OPTIONS]}.
 *
 * <p>Every command takes {@code --option value} or {@code --option=value}, and answers {@code --help}
 * and {@code --version} with exit status 0. Exit status: 0 success, 1 the check found a problem, 2 bad
 * arguments or the command could not run.
 */
@CommandLine.Command(name = "consent4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "COMMAND",
        description = "Server-side consent management: explain decisions, gate pages, audit sites, verify records.",
        footerHeading = "%nexit status: ", footer = "0 success, 1 the check found a problem, 2 bad arguments or the"
                + " command could not run")
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    private Main() {
    }

    static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        // One line per command; keep alphabetical.
        commands.put("audit", new AuditCommand(
                file -> file.map(Catalogs::load).orElseGet(Catalogs::bundled),
                file -> file.map(Jurisdictions::load).orElseGet(Jurisdictions::bundled)));
        commands.put("documents", new DocumentsCommand());
        commands.put("explain", new ExplainCommand());
        commands.put("gate", new GateCommand());
        commands.put("records", new RecordsCommand());
        commands.put("serve", new ServeCommand());
        commands.put("signals", new SignalsCommand());
        return commands;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give a command");
    }

    /** Runs a command line and returns its exit status (0 ok, 1 found a problem, 2 bad arguments or could not run). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine top = commandLine(new Main(), out, err);
        commands().forEach((name, command) -> top.addSubcommand(name, commandLine(command, out, err)));
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().versionProvider(new Version());
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("print a bash/zsh completion script: source <(java -jar consent4j.jar generate-completion)");
        top.addSubcommand("generate-completion", configure(completion, out, err));
        return top.execute(args);
    }

    /** A picocli command line for {@code command} writing to these streams, with the project's error handling. */
    static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(command);
        streams(line, out, err);
        return configure(line, out, err);
    }

    /** Gives the command and its declared sub-commands the streams to write to. */
    private static void streams(CommandLine line, PrintStream out, PrintStream err) {
        if (line.getCommand() instanceof Command c) {
            c.out = out;
            c.err = err;
        }
        line.getSubcommands().values().forEach(sub -> streams(sub, out, err));
    }

    private static CommandLine configure(CommandLine line, PrintStream out, PrintStream err) {
        line.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        line.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            PrintWriter w = c.getErr();
            w.println(name(c) + ": " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, w);
            w.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            w.flush();
            return Command.USAGE;
        });
        line.setExecutionExceptionHandler((e, c, parsed) -> {
            PrintWriter w = c.getErr();
            int status = Command.USAGE;
            String message;
            if (e instanceof Command.CliException failure) {
                status = failure.status;
                message = failure.getMessage();
            } else if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                message = e.getMessage();
            } else {
                message = "could not run: " + describe(e);
            }
            w.println(name(c) + ": " + message);
            w.flush();
            return status;
        });
        return line;
    }

    /** The command's name as the user typed it, without the program name. */
    private static String name(CommandLine c) {
        String qualified = c.getCommandSpec().qualifiedName(" ");
        return qualified.startsWith("consent4j ") ? qualified.substring("consent4j ".length()) : qualified;
    }

    /** A failure in words: the first message in the cause chain with the exception's name; never "null". */
    static String describe(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    public static void main(String[] args) {
        int status = BrowserClassPath.relaunch(args, System.out, System.err).orElseGet(() -> run(args, System.out, System.err));
        System.out.flush();
        System.exit(status);
    }
}
