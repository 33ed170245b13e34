package org.consent4j.html;

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
            "preconnect", "dns-prefetch", "prerender", "icon");

    private final Catalog catalog;

    Oracle(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Whether this element, as parsed from the original page, must be gated when everything is denied. */
    boolean mustGate(Element e) {
        // jsoup keeps <image> as "image" in some insertion modes; browsers load it as <img>.
        String name = e.normalName();
        if (!List.of("script", "iframe", "img", "image", "embed", "object", "source", "link").contains(name)
                || e.hasAttr("data-consent-gated")) {
            return false;
        }
        if (name.equals("script") && !runs(e)) {
            return false;
        }
        if (name.equals("link") && !loads(e)) {
            return false;
        }
        String category = e.attr("data-consent-category").trim().toLowerCase(Locale.ROOT);
        String service = e.attr("data-consent-service").trim().toLowerCase(Locale.ROOT);
        if (!category.isEmpty() || !service.isEmpty()) {
            if (category.equals("necessary")) {
                return false;
            }
            Optional<Service> known = catalog.service(service);
            return !(category.isEmpty() && known.isPresent() && required(known.get()));
        }
        boolean svg = (name.equals("script") || name.equals("image")) && e.closest("svg") != null;
        List<String> urls = switch (name) {
            case "script" -> svg ? List.of("src", "href", "xlink:href") : List.of("src");
            case "img", "source" -> List.of("src", "srcset");
            case "image" -> svg ? List.of("href", "xlink:href", "src", "srcset") : List.of("src", "srcset");
            case "object" -> List.of("data");
            case "link" -> List.of("href", "imagesrcset");
            default -> List.of("src");
        };
        boolean hasUrl = false;
        for (String attr : urls) {
            if (!e.hasAttr(attr)) {
                continue;
            }
            hasUrl = true;
            String value = e.attr(attr);
            List<String> candidates = attr.endsWith("srcset")
                    ? List.of(value.split(",")).stream().map(String::trim).map(c -> c.split("\\s+")[0]).toList()
                    : List.of(value);
            for (String url : candidates) {
                Matcher m = HOST.matcher(url);
                if (m.find() && deniedHost(m.group(1))) {
                    return true;
                }
            }
        }
        return name.equals("script") && !hasUrl && inlineTracker(e.data());
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
        return JS_TYPE.matcher(type).matches();
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
