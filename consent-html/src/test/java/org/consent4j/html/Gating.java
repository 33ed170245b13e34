package org.consent4j.html;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Runs the gate in tests, and undoes it the two ways the contract promises. */
final class Gating {

    static final HtmlGate GATE = HtmlGate.of(GateCatalog.catalog());

    /** The attributes the gate may rename, besides event handlers. */
    static final List<String> RENAMED = List.of("src", "srcset", "href", "data", "type", "imagesrcset", "xlink:href",
            "poster", "background", "action", "formaction", "ping", "style", "srcdoc", "content", "to", "from", "values",
            "by");

    /** The marker block the gate inserts after a tag name. */
    private static final Pattern MARKERS = Pattern.compile("(?: type=\"text/plain\")? data-consent-gated"
            + " data-consent-category=\"[^\"]*\" data-consent-service=\"[^\"]*\""
            + "(?: data-consent-placeholder srcdoc=\"[^\"]*\")?");
    /** The prefix the gate inserts before a renamed attribute name, inside a gated tag. */
    private static final Pattern PREFIX = Pattern.compile(
            "data-consent-(?=(?i:" + String.join("|", RENAMED) + "|on[a-z]+)(?:[\\s/>=]|$))");
    /** A gated start tag, from its name to its end (quoted values may hold '>'). */
    private static final Pattern GATED_TAG = Pattern.compile(
            "<[A-Za-z][^\\s/>]*" + MARKERS.pattern() + "(?:\"[^\"]*\"|'[^']*'|[^'\">])*>");

    private Gating() {
    }

    /** Gates a whole document in one write. */
    static byte[] gate(byte[] in, GatePolicy policy) {
        return gate(GATE, in, policy, null, GateListener.NONE, new int[0]);
    }

    static String gate(String in, GatePolicy policy) {
        return new String(gate(in.getBytes(StandardCharsets.UTF_8), policy), StandardCharsets.UTF_8);
    }

    /** Gates a document written in chunks that end at the given (sorted, in-range) offsets. */
    static byte[] gate(HtmlGate gate, byte[] in, GatePolicy policy, String injection, GateListener listener,
                       int[] splits) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(in.length + 256);
        HtmlGate.PageBuilder page = gate.page(policy).charset(StandardCharsets.UTF_8).listener(listener);
        if (injection != null) {
            page.headInjection(injection);
        }
        try (OutputStream os = page.outputStream(sink)) {
            int from = 0;
            for (int split : splits) {
                if (split > from && split < in.length) {
                    os.write(in, from, split - from);
                    if ((split & 1) == 0) {
                        os.flush();
                    }
                    from = split;
                }
            }
            os.write(in, from, in.length - from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    /** Gates with one byte per write. */
    static byte[] gateByteByByte(byte[] in, GatePolicy policy) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream os = GATE.page(policy).charset(StandardCharsets.UTF_8).outputStream(sink)) {
            for (byte b : in) {
                os.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    /**
     * The byte-level reverse: removes exactly what the gate inserts (the marker block and the
     * {@code data-consent-} prefixes inside gated tags). Works on the ISO-8859-1 view, so any bytes
     * round-trip.
     */
    static byte[] strip(byte[] gated) {
        String s = new String(gated, StandardCharsets.ISO_8859_1);
        Matcher m = GATED_TAG.matcher(s);
        StringBuilder sb = new StringBuilder(s.length());
        int last = 0;
        while (m.find()) {
            sb.append(s, last, m.start());
            String tag = MARKERS.matcher(m.group()).replaceFirst("");
            sb.append(PREFIX.matcher(tag).replaceAll(""));
            last = m.end();
        }
        sb.append(s, last, s.length());
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The banner's activation, on a jsoup DOM, exactly as the contract describes it: a script becomes
     * a new script with every attribute except type and data-consent-*, type from data-consent-type,
     * src from data-consent-src; any other element gets its data-consent-* URLs back and loses the
     * markers.
     */
    static Document activate(Document doc) {
        for (Element e : doc.select("[data-consent-gated]")) {
            Map<String, String> restored = new TreeMap<>();
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                if (key.startsWith("data-consent-")) {
                    String original = key.substring("data-consent-".length());
                    if (RENAMED.contains(original) || original.matches("on[a-z]+")) {
                        restored.put(original, a.getValue());
                    }
                } else if (!((e.normalName().equals("script") || e.normalName().equals("style")) && key.equals("type"))
                        && !(e.hasAttr("data-consent-placeholder") && key.equals("srcdoc"))) {
                    restored.put(key, a.getValue());
                }
            }
            for (Attribute a : new ArrayList<>(e.attributes().asList())) {
                e.removeAttr(a.getKey());
            }
            restored.forEach(e::attr);
        }
        return doc;
    }

    /** A DOM serialised with every element's attributes sorted and author annotations removed. */
    static String normalized(Document doc) {
        for (Element e : doc.getAllElements()) {
            e.removeAttr("data-consent-category");
            e.removeAttr("data-consent-service");
            Map<String, String> sorted = new TreeMap<>();
            for (Attribute a : e.attributes()) {
                sorted.put(a.getKey(), a.getValue());
            }
            for (String key : sorted.keySet()) {
                e.removeAttr(key);
            }
            sorted.forEach(e::attr);
        }
        doc.outputSettings().prettyPrint(false);
        return doc.outerHtml();
    }

    /**
     * The text a parser sees as text, in document order: text nodes and the data of script and style
     * elements, outside {@code <noscript>} (whose content the gate reads both as markup and as the raw
     * text a scripting browser sees, so in a browser without scripting it may gate what is text there).
     */
    static java.util.List<String> texts(Document doc) {
        java.util.List<String> out = new java.util.ArrayList<>();
        org.jsoup.select.NodeTraversor.traverse((node, depth) -> {
            boolean inNoscript = false;
            for (org.jsoup.nodes.Node p = node.parent(); p != null; p = p.parent()) {
                inNoscript |= p instanceof org.jsoup.nodes.Element e && e.normalName().equals("noscript");
            }
            if (inNoscript) {
                return;
            }
            if (node instanceof org.jsoup.nodes.TextNode t) {
                out.add(t.getWholeText());
            } else if (node instanceof org.jsoup.nodes.DataNode d) {
                out.add(d.getWholeData());
            }
        }, doc);
        return out;
    }

    static Document parse(byte[] html, Charset cs) {
        return Jsoup.parse(new String(html, cs));
    }
}
