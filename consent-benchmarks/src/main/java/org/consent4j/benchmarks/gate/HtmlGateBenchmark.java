package org.consent4j.benchmarks.gate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;
import org.consent4j.html.GatePolicy;
import org.consent4j.html.HtmlGate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The HTML gate against jsoup on the same pages, single-threaded. Each operation processes one page
 * set ({@code small} 19 KB, {@code medium} 117 KB, {@code large} 334 KB, the whole 6 MB
 * {@code corpus} of 48 pages, or one {@code 5mb} page); the {@code bytes} counter gives the input
 * throughput in bytes per second.
 *
 * <ul>
 * <li>{@code gate}: everything denied, the body written in 8 KiB writes, as a servlet does.
 * <li>{@code gateNothingDenied}: the same with everything allowed: the cost of scanning alone.
 * <li>{@code gateWriter}: everything denied, through the character variant.
 * <li>{@code jsoup}: decode, parse, find the same elements, rename their URL attributes and add the
 * markers, serialise without pretty printing, encode.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HtmlGateBenchmark {

    private static final int WRITE = 8192;
    private static final Pattern HOST = Pattern.compile(
            "^\\s*(?:(?:https?):)?//(?:[^/?#@]*@)?([^/?#:]+)", Pattern.CASE_INSENSITIVE);

    @Param({"small", "medium", "large", "corpus", "5mb"})
    public String pages;

    private List<byte[]> docs;
    private List<String> texts;
    private HtmlGate gate;
    private Catalog catalog;

    /** Counts the input bytes processed; JMH reports it per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** A sink that counts and discards. */
    static final class Discard extends OutputStream {
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

    /** A character sink that counts and discards. */
    static final class DiscardWriter extends Writer {
        long n;

        @Override
        public void write(char[] c, int off, int len) {
            n += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Setup
    public void setup() {
        docs = BenchmarkPages.load(pages);
        texts = docs.stream().map(d -> new String(d, StandardCharsets.UTF_8)).toList();
        catalog = BenchmarkPages.catalog();
        gate = HtmlGate.of(catalog);
    }

    @Benchmark
    public long gate(Bytes counter) throws IOException {
        return run(GatePolicy.denyAll(), counter);
    }

    @Benchmark
    public long gateNothingDenied(Bytes counter) throws IOException {
        return run(GatePolicy.allowAll(), counter);
    }

    private long run(GatePolicy policy, Bytes counter) throws IOException {
        Discard sink = new Discard();
        for (byte[] doc : docs) {
            try (OutputStream os = gate.page(policy).charset(StandardCharsets.UTF_8).outputStream(sink)) {
                for (int off = 0; off < doc.length; off += WRITE) {
                    os.write(doc, off, Math.min(WRITE, doc.length - off));
                }
            }
            counter.bytes += doc.length;
        }
        return sink.n;
    }

    @Benchmark
    public long gateWriter(Bytes counter) throws IOException {
        DiscardWriter sink = new DiscardWriter();
        for (int d = 0; d < texts.size(); d++) {
            String text = texts.get(d);
            try (Writer w = gate.page(GatePolicy.denyAll()).writer(sink)) {
                for (int off = 0; off < text.length(); off += WRITE) {
                    w.write(text, off, Math.min(WRITE, text.length() - off));
                }
            }
            counter.bytes += docs.get(d).length;
        }
        return sink.n;
    }

    @Benchmark
    public long jsoup(Bytes counter) {
        long n = 0;
        for (byte[] doc : docs) {
            Document dom = Jsoup.parse(new String(doc, StandardCharsets.UTF_8));
            dom.outputSettings().prettyPrint(false);
            for (Element e : dom.select("script[src], iframe[src], img[src], img[srcset], embed[src], object[data],"
                    + " source[src], source[srcset], link[href]")) {
                String attr = e.hasAttr("src") ? "src" : e.hasAttr("data") ? "data" : e.hasAttr("href") ? "href" : "srcset";
                Service s = denied(e.attr(attr));
                if (s != null) {
                    mark(e, s);
                    e.attr("data-consent-" + attr, e.attr(attr));
                    e.removeAttr(attr);
                }
            }
            for (Element e : dom.select("script:not([src])")) {
                String data = e.data();
                if (data.contains("gtag(") || data.contains("fbq(") || data.contains("googletagmanager.com")
                        || data.contains("connect.facebook.net") || data.contains("_hsq") || data.contains("_hjSettings")) {
                    mark(e, catalog.service("google-analytics").orElseThrow());
                }
            }
            n += dom.outerHtml().getBytes(StandardCharsets.UTF_8).length;
            counter.bytes += doc.length;
        }
        return n;
    }

    private Service denied(String url) {
        Matcher m = HOST.matcher(url);
        if (!m.find()) {
            return null;
        }
        Optional<Service> s = catalog.serviceForHost(m.group(1).toLowerCase(Locale.ROOT));
        return s.filter(x -> !x.category().equals("necessary")).orElse(null);
    }

    private static void mark(Element e, Service s) {
        if (e.normalName().equals("script")) {
            if (e.hasAttr("type")) {
                e.attr("data-consent-type", e.attr("type"));
            }
            e.attr("type", "text/plain");
        }
        e.attr("data-consent-gated", true);
        e.attr("data-consent-category", s.category());
        e.attr("data-consent-service", s.id());
    }
}
