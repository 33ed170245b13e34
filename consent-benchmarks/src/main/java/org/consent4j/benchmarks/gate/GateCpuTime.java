package org.consent4j.benchmarks.gate;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.consent4j.html.GatePolicy;
import org.consent4j.html.HtmlGate;

/**
 * The gate's throughput in MB per CPU-second of the gating thread, for A/B runs on a shared machine
 * where wall-clock throughput says little: the real-page corpus (or another page set) gated in 8 KiB
 * writes, everything denied and everything allowed, round after round, each round's CPU time read
 * from the thread itself.
 *
 * <p>Run: {@code java -cp consent-benchmarks/target/benchmarks.jar org.consent4j.benchmarks.gate.GateCpuTime
 * [rounds=8] [passes=10] [pages=corpus]} from the repository root.
 */
public final class GateCpuTime {

    private GateCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String which = args.length > 2 ? args[2] : "corpus";
        List<byte[]> docs = BenchmarkPages.load(which);
        HtmlGate gate = HtmlGate.of(BenchmarkPages.catalog());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long bytes = 0;
        for (byte[] d : docs) {
            bytes += d.length;
        }
        System.out.printf("# %s: %d pages, %d bytes; %d passes per round%n", which, docs.size(), bytes, passes);
        for (int r = 1; r <= rounds; r++) {
            for (GatePolicy policy : List.of(GatePolicy.denyAll(), GatePolicy.allowAll())) {
                long c0 = mx.getCurrentThreadCpuTime();
                long out = 0;
                for (int p = 0; p < passes; p++) {
                    out += run(gate, policy, docs);
                }
                long cpu = mx.getCurrentThreadCpuTime() - c0;
                System.out.printf("round %d %s %.0f MB/CPU-s (out %d)%n", r,
                        policy == GatePolicy.allowAll() ? "allowAll" : "denyAll",
                        bytes * passes / 1e6 / (cpu / 1e9), out / passes);
            }
        }
    }

    private static long run(HtmlGate gate, GatePolicy policy, List<byte[]> docs) throws IOException {
        Count sink = new Count();
        for (byte[] doc : docs) {
            try (OutputStream os = gate.page(policy).charset(StandardCharsets.UTF_8).outputStream(sink)) {
                for (int off = 0; off < doc.length; off += 8192) {
                    os.write(doc, off, Math.min(8192, doc.length - off));
                }
            }
        }
        return sink.n;
    }

    /** A sink that counts and discards. */
    private static final class Count extends OutputStream {
        long n;

        @Override
        public void write(int b) {
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            n += len;
        }
    }
}
