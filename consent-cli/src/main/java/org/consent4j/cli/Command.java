package org.consent4j.cli;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of the {@code consent4j} command line. */
interface Command {

    /** Exit status: success. */
    int OK = 0;
    /** Exit status: the check found a problem (a violation, a broken record chain). */
    int FOUND = 1;
    /** Exit status: bad arguments. */
    int USAGE = 2;

    /** One line for the overall help. */
    String summary();

    /** Runs with the arguments after the command name; returns the exit status. */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
