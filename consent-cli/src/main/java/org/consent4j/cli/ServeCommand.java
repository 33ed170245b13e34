package org.consent4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.consent4j.examples.demo.DemoServer;

/**
 * {@code serve}: runs the demo site on 127.0.0.1 until interrupted (Ctrl-C), printing its URL.
 */
final class ServeCommand implements Command {

    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_RECORDS = "consent-records.jsonl";

    static final String HELP = """
            usage: serve [--port N] [--records FILE] [--without-filter]

              --port N          port on 127.0.0.1 (default 8080; 0 picks a free one)
              --records FILE    where consent records are appended, one JSON object per line, in
                                segments named after FILE: consent-records.jsonl gives
                                consent-records-000001.jsonl, ... (default ./consent-records.jsonl)
              --without-filter  the same site without consent4j: every tag runs, every cookie is set
            """;

    @Override
    public String summary() {
        return "run the demo site (embedded Jetty) on 127.0.0.1:8080 until interrupted";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        int port = DEFAULT_PORT;
        Path records = Path.of(DEFAULT_RECORDS);
        boolean filter = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--help", "-h" -> {
                    out.print(HELP);
                    return OK;
                }
                case "--port" -> port = port(value(args, ++i, a));
                case "--records" -> records = Path.of(value(args, ++i, a));
                case "--without-filter" -> filter = false;
                default -> {
                    err.println("serve: unknown argument '" + a + "'");
                    err.print(HELP);
                    return USAGE;
                }
            }
        }
        DemoServer.Running demo = DemoServer.start(port, records, filter);
        Thread hook = new Thread(() -> {
            try {
                demo.stop();
            } catch (Exception e) {
                err.println("serve: stopping the demo failed: " + e);
            }
        }, "consent4j-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("consent4j demo: " + demo.uri());
        demo.recordsSegment().ifPresent(segment -> out.println("consent records: " + segment));
        out.flush();
        boolean interrupted = false;
        try {
            demo.join();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            demo.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is shutting down and the hook stops the demo
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return OK;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port '" + text + "' is not a port number between 0 and 65535");
    }
}
