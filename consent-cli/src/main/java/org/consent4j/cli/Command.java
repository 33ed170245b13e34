package org.consent4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One sub-command of the {@code consent4j} command line: a picocli command whose {@link #call()}
 * returns the exit status and writes to {@link #out} and {@link #err}.
 */
abstract class Command implements Callable<Integer> {

    /** Exit status: success. */
    static final int OK = 0;
    /** Exit status: the check found a problem (a violation, a broken record chain). */
    static final int FOUND = 1;
    /** Exit status: bad arguments, or the command could not run (site unreachable, file unreadable). */
    static final int USAGE = 2;

    /** Standard output (bytes: {@code gate} writes the page there). */
    PrintStream out = System.out;
    /** Standard error. */
    PrintStream err = System.err;

    @Spec
    CommandSpec spec;

    /** Runs this command alone with the arguments after its name; returns the exit status. */
    final int run(List<String> args, PrintStream out, PrintStream err) {
        return Main.commandLine(this, out, err).execute(args.toArray(String[]::new));
    }

    /** A failure the command reports in one line, with its exit status. */
    static CliException fail(int status, String message) {
        return new CliException(status, message);
    }

    /** The command's picocli model, for commands built without one. */
    CommandSpec spec() {
        return spec != null ? spec : new CommandLine(this).getCommandSpec();
    }

    /** A failure with its exit status; the message is printed after the command's name. */
    static final class CliException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        CliException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
