package org.consent4j.html;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;
import org.jsoup.nodes.Element;

/**
 * An independent statement of which elements the gate must make inert, read from a jsoup DOM: the
 * test side of the rules in {@link HtmlGate}'s documentation, written without the gate's code.
 */
final class Oracle {

    private static final Pattern HOST = Pattern.compile(
            "^[\\x00-\\x20]*(?:(?:https?|wss?|ftp):[/\\\\]*|[/\\\\]{2})(?:[^/\\\\?#@]*@)?(\\[[^\\]]*\\]|[^/\\\\?#:]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern JS_TYPE = Pattern.compile(
            "|module|(?:text|application)/(?:x-)?(?:java|ecma)script|text/javascript1\\.[0-5]|text/jscript|text/livescript");
    private static final List<String> CALLS = List.of("gtag(", "gtm.start", "GoogleAnalyticsObject", "ga('create'",
            "ga(\"create\"", "ga('send'", "ga(\"send\"", "_gaq.push(", "fbq(", "analytics.load(", "_hjSettings",
            "_linkedin_partner_id", "lintrk(", "TiktokAnalyticsObject", "ttq.load(", "_hsq");
    private static final List<String> LOADING_RELS = List.of("stylesheet", "preload", "modulepreload", "prefetch",
            "preconnect", "dns-prefetch", "prerender", "icon", "manifest", "compression-dictionary");

    private final Catalog catalog;

    Oracle(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Whether this element, as parsed from the original page, must be gated when everything is denied. */
    boolean mustGate(Element e) {
        return mustGate(e, 0);
    }

    private boolean mustGate(Element e, int depth) {
        if (e.closest("noscript") != null) {
            return false; // text to a browser that runs scripts (jsoup reads it as markup)
        }
        // jsoup keeps <image> as "image" in some insertion modes; browsers load it as <img>.
        String name = e.normalName();
        boolean svg = !e.tag().namespace().equals(org.jsoup.parser.Parser.NamespaceHtml);
        boolean marked = e.hasAttr("data-consent-gated");
        if (name.equals("script") && !runs(e)) {
            return false;
        }
        String category = e.attr("data-consent-category").trim().toLowerCase(Locale.ROOT);
        String service = e.attr("data-consent-service").trim().toLowerCase(Locale.ROOT);
        boolean fetches = fetches(e, name, svg);
        boolean inline = !svg && (name.equals("style") && cssType(e) || name.equals("script") && urls(e, name, svg)
                .isEmpty()) || svg && name.equals("script") && urls(e, name, svg).isEmpty();
        if (!marked && (!category.isEmpty() || !service.isEmpty()) && (fetches || inline
                || !svg && List.of("iframe", "img", "image", "embed", "object", "source", "video", "audio", "track",
                "frame").contains(name))) {
            if (category.equals("necessary")) {
                return false;
            }
            Optional<Service> known = catalog.service(service);
            if (!(category.isEmpty() && known.isPresent() && required(known.get()))) {
                return true;
            }
            return false;
        }
        for (String attr : urls(e, name, svg)) {
            String value = e.attr(attr);
            List<String> candidates = attr.endsWith("srcset")
                    ? List.of(value.split(",")).stream().map(String::trim).map(c -> c.split("\\s+")[0]).toList()
                    : attr.equals("ping") ? List.of(value.trim().split("\\s+"))
                    : List.of("to", "from", "values", "by").contains(attr) ? List.of(value.split(";"))
                    : attr.equals("content") ? List.of(value.replaceFirst("(?is)^\\s*[0-9.]*\\s*[;,]?\\s*(url\\s*=\\s*)?['\"]?", ""))
                    : List.of(value);
            for (String url : candidates) {
                if (deniedUrl(url, depth)) {
                    return true;
                }
            }
        }
        if (name.equals("iframe") && !svg && e.hasAttr("srcdoc") && deniedDocument(e.attr("srcdoc"), depth)) {
            return true;
        }
        for (org.jsoup.nodes.Attribute a : e.attributes()) {
            String key = a.getKey().toLowerCase(Locale.ROOT);
            if (key.matches("on[a-z]+") && inlineTracker(a.getValue())) {
                return true;
            }
            if ((key.equals("style") || svg && a.getValue().toLowerCase(Locale.ROOT).contains("url("))
                    && deniedCss(a.getValue(), depth)) {
                return true;
            }
        }
        if (name.equals("style") && !svg && cssType(e)) {
            return deniedCss(e.data(), depth);
        }
        if (name.equals("script") && svg && urls(e, name, svg).isEmpty()) {
            return true; // an SVG script's text is markup, which the gate does not hold: gated unread
        }
        if (name.equals("script") && urls(e, name, svg).isEmpty()) {
            String type = e.attr("type").trim().toLowerCase(Locale.ROOT);
            return type.equals("importmap") || type.equals("speculationrules") ? inlineHost(e.data())
                    : inlineTracker(e.data());
        }
        return false;
    }

    /** Whether the element has any attribute that loads, per the documented table (checked independently). */
    private boolean fetches(Element e, String name, boolean svg) {
        if (!urls(e, name, svg).isEmpty() || !svg && name.equals("iframe") && e.hasAttr("srcdoc")) {
            return true;
        }
        for (org.jsoup.nodes.Attribute a : e.attributes()) {
            String key = a.getKey().toLowerCase(Locale.ROOT);
            if (key.matches("on[a-z]+") || key.equals("style")
                    || svg && a.getValue().toLowerCase(Locale.ROOT).contains("url(")) {
                return true;
            }
        }
        return false;
    }

    /** The URL attributes present on the element that load. */
    private List<String> urls(Element e, String name, boolean svg) {
        List<String> names;
        if (svg) {
            names = switch (name) {
                case "script" -> List.of("href", "xlink:href", "src");
                case "image" -> List.of("href", "xlink:href", "src", "srcset");
                case "feimage", "use" -> List.of("href", "xlink:href");
                case "set", "animate" -> e.attr("attributename").trim().toLowerCase(Locale.ROOT).matches("(xlink:)?href")
                        ? List.of("to", "from", "values", "by") : List.of();
                default -> List.of();
            };
        } else {
            names = switch (name) {
                case "script" -> List.of("importmap", "speculationrules").contains(e.attr("type").trim()
                        .toLowerCase(Locale.ROOT)) ? List.of() : List.of("src");
                case "iframe", "frame", "embed", "audio", "track" -> List.of("src");
                case "img", "image", "source" -> List.of("src", "srcset");
                case "video" -> List.of("src", "poster");
                case "input" -> List.of("src", "formaction");
                case "button" -> List.of("formaction");
                case "form" -> List.of("action");
                case "object" -> List.of("data");
                case "link" -> loads(e) ? List.of("href", "imagesrcset") : List.of();
                case "meta" -> e.attr("http-equiv").trim().equalsIgnoreCase("refresh") ? List.of("content") : List.of();
                case "a", "area" -> List.of("ping");
                case "body", "table", "thead", "tbody", "tfoot", "tr", "td", "th" -> List.of("background");
                default -> List.of();
            };
        }
        return names.stream().filter(e::hasAttr).toList();
    }

    private static boolean cssType(Element e) {
        return !e.hasAttr("type") || e.attr("type").trim().isEmpty() || e.attr("type").trim().equalsIgnoreCase("text/css");
    }

    private static final Pattern CSS_URL = Pattern.compile(
            "(?i)url\\(\\s*(?:\"([^\"\\n]*)|'([^'\\n]*)|([^)]*))|@import\\s*(?:\"([^\"\\n]*)|'([^'\\n]*))|image-set\\([^)]*?[\"']([^\"'\\n]*)");

    private boolean deniedCss(String css, int depth) {
        Matcher m = CSS_URL.matcher(css);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null && deniedUrl(m.group(g).trim(), depth)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean deniedUrl(String url, int depth) {
        String u = url.replaceAll("[\\t\\n\\r]", "").trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("javascript:")) {
            return inlineTracker(java.net.URLDecoder.decode(u.substring(11).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        if (lower.startsWith("data:") && u.indexOf(',') > 0) {
            String type = lower.substring(5, u.indexOf(','));
            String body = u.substring(u.indexOf(',') + 1);
            String text;
            if (type.trim().endsWith(";base64")) {
                try {
                    text = new String(java.util.Base64.getMimeDecoder().decode(body.replaceAll("\\s", "")),
                            StandardCharsets.UTF_8);
                } catch (IllegalArgumentException ex) {
                    return true;
                }
            } else {
                text = java.net.URLDecoder.decode(body.replace("+", "%2B"), StandardCharsets.UTF_8);
            }
            return type.contains("html") || type.contains("svg") || type.contains("xml") ? deniedDocument(text, depth)
                    : inlineTracker(text);
        }
        Matcher m = HOST.matcher(u);
        return m.find() && deniedHost(m.group(1));
    }

    private boolean deniedDocument(String html, int depth) {
        if (depth >= 3) {
            return true;
        }
        for (Element inner : org.jsoup.Jsoup.parse(html).getAllElements()) {
            if (mustGate(inner, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private boolean inlineHost(String text) {
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = trim(m.group());
            if (token.indexOf('.') > 0 && deniedHost(token)) {
                return true;
            }
        }
        return false;
    }

    private boolean inlineTracker(String text) {
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = trim(m.group());
            if (token.indexOf('.') > 0 && deniedHost(token)) {
                return true;
            }
        }
        for (String call : CALLS) {
            int i = text.indexOf(call);
            while (i >= 0) {
                char before = i == 0 ? ' ' : text.charAt(i - 1);
                if (!Character.isLetterOrDigit(before) && before != '_' && before != '$' || !Character.isLetter(call.charAt(0))
                        && call.charAt(0) != '_') {
                    return true;
                }
                i = text.indexOf(call, i + 1);
            }
        }
        return false;
    }

    private static String trim(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && (token.charAt(start) == '.' || token.charAt(start) == '-')) {
            start++;
        }
        while (end > start && (token.charAt(end - 1) == '.' || token.charAt(end - 1) == '-')) {
            end--;
        }
        return token.substring(start, end);
    }

    private boolean deniedHost(String host) {
        Optional<Service> s = catalog.serviceForHost(host.toLowerCase(Locale.ROOT));
        return s.isPresent() && !required(s.get());
    }

    private boolean required(Service s) {
        return catalog.category(s.category()).orElseThrow().required();
    }

    private static boolean runs(Element e) {
        String type;
        if (e.hasAttr("type")) {
            type = e.attr("type");
        } else if (!e.attr("language").isEmpty()) {
            type = "text/" + e.attr("language");
        } else {
            return true;
        }
        type = type.trim().toLowerCase(Locale.ROOT);
        if (type.indexOf(';') >= 0) {
            type = type.substring(0, type.indexOf(';')).trim();
        }
        return JS_TYPE.matcher(type).matches() || type.equals("importmap") || type.equals("speculationrules");
    }

    private static boolean loads(Element e) {
        for (String token : e.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")) {
            if (LOADING_RELS.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
