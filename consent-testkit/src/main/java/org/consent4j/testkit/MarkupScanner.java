package org.consent4j.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Lists what a page's markup would load: active {@code <script src>}, {@code <iframe>}, {@code <img>},
 * loading {@code <link>}s, embeds and media, including inside {@code <noscript>} (which loads for
 * visitors without JavaScript), and known tracker hosts named by active inline scripts.
 *
 * <p>Inert markup loads nothing and is skipped: gated elements ({@code data-consent-gated}, the
 * contract of the HTML gate), scripts of a non-script type (e.g. {@code text/plain}, as other consent
 * managers also use), and the content of {@code <template>}.
 */
final class MarkupScanner {

    /** One thing the markup would fetch. */
    record Resource(String url, String source, String evidence) {
    }

    // https://html.spec.whatwg.org/multipage/scripting.html#javascript-mime-type
    private static final Set<String> SCRIPT_TYPES = Set.of("", "module", "text/javascript", "application/javascript",
            "application/ecmascript", "application/x-ecmascript", "application/x-javascript", "text/ecmascript",
            "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
            "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript");
    private static final Set<String> LOADING_RELS = Set.of("stylesheet", "preload", "prefetch", "preconnect",
            "dns-prefetch", "modulepreload", "prerender", "icon", "manifest", "apple-touch-icon");
    private static final Pattern HOST = Pattern.compile(
            "(?i)(?<![a-z0-9.-])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+(?![a-z0-9-])");

    private MarkupScanner() {
    }

    /**
     * The resources in {@code html}, URLs made absolute against {@code baseUri} (and any
     * {@code <base href>}); {@code trackerHost} tells which host names in inline scripts to report.
     */
    static List<Resource> scan(String html, String baseUri, Predicate<String> trackerHost) {
        Document doc = Jsoup.parse(html, baseUri);
        List<Resource> out = new ArrayList<>();
        for (Element e : doc.getAllElements()) {
            if (e.hasAttr("data-consent-gated") || inside(e, "template")) {
                continue;
            }
            boolean noscript = inside(e, "noscript");
            String tag = e.normalName();
            switch (tag) {
                case "script" -> {
                    String type = e.attr("type").trim().toLowerCase(Locale.ROOT);
                    int semicolon = type.indexOf(';');
                    if (semicolon >= 0) {
                        type = type.substring(0, semicolon).trim();
                    }
                    if (!SCRIPT_TYPES.contains(type)) {
                        continue;
                    }
                    if (e.hasAttr("src")) {
                        add(out, e, "src", noscript ? Observation.Sources.NOSCRIPT : Observation.Sources.SCRIPT_SRC);
                    } else {
                        Set<String> hosts = new LinkedHashSet<>();
                        Matcher m = HOST.matcher(e.data());
                        while (m.find()) {
                            String host = m.group().toLowerCase(Locale.ROOT);
                            if (trackerHost.test(host)) {
                                hosts.add(host);
                            }
                        }
                        for (String host : hosts) {
                            out.add(new Resource("https://" + host + "/", Observation.Sources.INLINE_SCRIPT,
                                    "inline <script> names " + host));
                        }
                    }
                }
                case "iframe", "frame" -> add(out, e, "src", pick(noscript, Observation.Sources.IFRAME_SRC));
                case "img" -> {
                    add(out, e, "src", pick(noscript, Observation.Sources.IMG_SRC));
                    addSrcset(out, e, pick(noscript, Observation.Sources.IMG_SRC));
                }
                case "input" -> {
                    if (e.attr("type").equalsIgnoreCase("image")) {
                        add(out, e, "src", pick(noscript, Observation.Sources.IMG_SRC));
                    }
                }
                case "link" -> {
                    for (String rel : e.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")) {
                        if (LOADING_RELS.contains(rel)) {
                            add(out, e, "href", pick(noscript, Observation.Sources.LINK_HREF));
                            break;
                        }
                    }
                }
                case "embed", "audio", "track" -> add(out, e, "src", pick(noscript, Observation.Sources.EMBED_SRC));
                case "video" -> {
                    add(out, e, "src", pick(noscript, Observation.Sources.EMBED_SRC));
                    add(out, e, "poster", pick(noscript, Observation.Sources.EMBED_SRC));
                }
                case "source" -> {
                    add(out, e, "src", pick(noscript, Observation.Sources.EMBED_SRC));
                    addSrcset(out, e, pick(noscript, Observation.Sources.EMBED_SRC));
                }
                case "object" -> add(out, e, "data", pick(noscript, Observation.Sources.EMBED_SRC));
                default -> {
                    // Other elements load nothing the audit attributes.
                }
            }
        }
        return out;
    }

    private static String pick(boolean noscript, String source) {
        return noscript ? Observation.Sources.NOSCRIPT : source;
    }

    private static boolean inside(Element e, String tag) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p.normalName().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<Resource> out, Element e, String attribute, String source) {
        if (!e.hasAttr(attribute) || e.attr(attribute).isBlank()) {
            return;
        }
        String url = e.absUrl(attribute);
        if (url.isEmpty()) {
            return;
        }
        out.add(new Resource(url, source, "<" + e.normalName() + " " + attribute + "=\"" + url + "\">"
                + (source.equals(Observation.Sources.NOSCRIPT) ? " in <noscript>" : "")));
    }

    private static void addSrcset(List<Resource> out, Element e, String source) {
        String srcset = e.attr("srcset");
        if (srcset.isBlank()) {
            return;
        }
        for (String candidate : srcset.split(",")) {
            String[] words = candidate.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            String url;
            try {
                url = java.net.URI.create(e.baseUri()).resolve(words[0]).toString();
            } catch (IllegalArgumentException ex) {
                continue;
            }
            out.add(new Resource(url, source, "<" + e.normalName() + " srcset=\"" + words[0] + "\">"
                    + (source.equals(Observation.Sources.NOSCRIPT) ? " in <noscript>" : "")));
        }
    }
}
