package org.consent4j.html;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates HTML documents that exercise the tokenizer where a naive scanner goes wrong: comments
 * and their abrupt endings, bogus comments, raw text and RCDATA elements, script data escapes,
 * attributes quoted every way and in any case, entities in URLs, noscript, template, inline SVG and
 * CDATA, with gateable elements pointing at trackers, necessary services, first parties and unknown
 * hosts.
 */
final class Documents {

    static final List<String> TRACKER_URLS = List.of(
            "https://www.googletagmanager.com/gtag/js?id=G-1", "//connect.facebook.net/en_US/fbevents.js",
            "https://www.facebook.com/tr?id=1&amp;ev=PageView&noscript=1", "https:&#x2F;&#x2F;www.youtube.com/embed/x",
            "HTTPS://PLAYER.VIMEO.COM/video/1", "https://fonts.googleapis.com/css?family=A",
            "https://static.hotjar.com/c/hotjar-1.js?sv=6", "https://snap.licdn.com/li.lms-analytics/insight.min.js",
            "//js.hs-scripts.com/1.js", "https://www.google-analytics.com/analytics.js");
    static final List<String> OTHER_URLS = List.of("/local/a.js", "a.png", "https://cdn.example.org/x.js",
            "data:image/gif;base64,R0lGOD", "https://js.stripe.com/v3/", "?v=1", "https://www.example.com/embed",
            "https://notfacebook.com/x");

    private Documents() {
    }

    /** Whole documents; with {@code trackers} false, nothing in them belongs to a catalog service. */
    static Arbitrary<String> documents(boolean trackers) {
        return piece(trackers).list().ofMaxSize(20).map(l -> String.join("", l));
    }

    private static Arbitrary<String> piece(boolean trackers) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, text()),
                Tuple.of(6, element(trackers)),
                Tuple.of(2, inlineScript(trackers)),
                Tuple.of(1, comment(trackers)),
                Tuple.of(1, raw(trackers)),
                Tuple.of(2, wrapped(trackers)),
                Tuple.of(1, Arbitraries.of("<!DOCTYPE html>", "<html lang=en>", "<head>", "</head>", "<body>", "</p>",
                        "<?xml version=\"1.0\"?>", "</ x>", "<!x>", "<base href=/app/>", "<p class=\"a\">",
                        "<div title='a>b'>", "<br/>", "</div title=\">\">")));
    }

    private static Arbitrary<String> text() {
        return Arbitraries.of("Hello", " ", "\n", "a < b", "x > y", "&amp;", "<3", "Caf\u00e9", "\u65e5\u672c\u8a9e",
                "</>", "-->", "]]>", "\uD83D\uDE00", "<", "a&b", "'\"");
    }

    static Arbitrary<String> url(boolean trackers) {
        return trackers ? Arbitraries.oneOf(Arbitraries.of(TRACKER_URLS), Arbitraries.of(OTHER_URLS))
                : Arbitraries.of(OTHER_URLS);
    }

    static Arbitrary<String> element(boolean trackers) {
        Arbitrary<String[]> kind = Arbitraries.of(new String[] {"script", "src", "</script>"},
                new String[] {"iframe", "src", "</iframe>"}, new String[] {"img", "src", ""},
                new String[] {"img", "srcset", ""}, new String[] {"embed", "src", ""},
                new String[] {"object", "data", "</object>"}, new String[] {"source", "srcset", ""},
                new String[] {"link rel=stylesheet", "href", ""}, new String[] {"link rel=\"preload\" as=script", "href", ""},
                new String[] {"link rel=canonical", "href", ""}, new String[] {"image", "src", ""});
        Arbitrary<Character> quote = Arbitraries.of('"', '\'', ' ');
        Arbitrary<Boolean> upper = Arbitraries.of(false, false, true);
        Arbitrary<List<String>> extras = Arbitraries.of("async", "defer", "alt=\"a > b\"", "title='x>y'", "id=main",
                "class=\"c d\"", "data-x=1", "width=1", "\n", "type=text/javascript", "type=\"module\"", "a=\"&quot;\"")
                .list().ofMaxSize(3);
        Arbitrary<String> annotation = trackers
                ? Arbitraries.of("", "", "", "", "", " data-consent-category=analytics", " data-consent-category=\"necessary\"",
                " data-consent-service=youtube", " data-consent-category=marketing data-consent-service=meta-pixel")
                : Arbitraries.just("");
        Arbitrary<String> close = Arbitraries.of(">", ">", "/>", " >");
        return Combinators.combine(kind, url(trackers), quote, upper, extras, annotation, close).as(
                (k, u, q, up, ex, ann, cl) -> {
                    String tag = up ? k[0].toUpperCase(Locale.ROOT) : k[0];
                    String attr = up ? k[1].toUpperCase(Locale.ROOT) : k[1];
                    String value = q == ' ' ? u : q + u + q;
                    String srcset = k[1].equals("srcset") ? " 1x" : "";
                    if (q == ' ' && !srcset.isEmpty()) {
                        value = u;
                        srcset = "";
                    }
                    StringBuilder sb = new StringBuilder("<").append(tag);
                    int at = ex.size() / 2;
                    for (int i = 0; i < ex.size(); i++) {
                        if (i == at) {
                            sb.append(' ').append(attr).append('=').append(q == ' ' ? value
                                    : value.substring(0, value.length() - 1) + srcset + q);
                        }
                        sb.append(' ').append(ex.get(i));
                    }
                    if (ex.size() == at) {
                        sb.append(' ').append(attr).append('=').append(q == ' ' ? value
                                : value.substring(0, value.length() - 1) + srcset + q);
                    }
                    String end = q == ' ' && cl.equals("/>") ? " />" : cl;
                    return sb.append(ann).append(end).append(k[2].isEmpty() ? "" : "x" + k[2]).toString();
                });
    }

    private static Arbitrary<String> inlineScript(boolean trackers) {
        Arbitrary<String> body = trackers
                ? Arbitraries.of(Snippets.META_PIXEL, Snippets.GTM, Snippets.ANALYTICS_JS, Snippets.HOTJAR, Snippets.SEGMENT,
                "gtag('config', 'G-1');", "var a = 1 < 2 && b > 0;", "document.write('<script src=x><\\/script>')",
                "<!-- if (a) { document.write('<script>fbq(1)</script>') } -->", "x = '</scr' + 'ipt>'; omega('create')",
                "<!--<script>--></script>fbq('init')", "t.src='https://www.googletagmanager.com/gtm.js'")
                : Arbitraries.of("var a = 1 < 2 && b > 0;", "document.write('<script src=x><\\/script>')",
                "<!-- if (a) { document.write('<script>x</script>') } -->", "x = '</scr' + 'ipt>';",
                "<!--<script>--></script>y()", "var u = 'https://cdn.example.org/a.js';");
        Arbitrary<String> type = Arbitraries.of("", "", " type=\"text/javascript\"", " type=application/ld+json",
                " type=module", " TYPE='text/template'");
        Arbitrary<String> end = Arbitraries.of("</script>", "</SCRIPT >", "</script\n>", "</script/>");
        return Combinators.combine(type, body, end).as((t, b, e) -> "<script" + t + ">" + b + e);
    }

    private static Arbitrary<String> comment(boolean trackers) {
        return element(trackers).flatMap(e -> Arbitraries.of("<!-- " + e + " -->", "<!-->" + e, "<!--->" + e,
                "<!-- a --!>" + e, "<!---->", "<!-- -- > " + e + " -->", "<!DOCTYPE x \"" + e + "\">"));
    }

    private static Arbitrary<String> raw(boolean trackers) {
        return element(trackers).flatMap(e -> Arbitraries.of("<style>a{b:c}" + e + "</style>",
                "<textarea>" + e + "</textarea>", "<title>a<b " + e + "</title>", "<xmp>" + e + "</xmp>",
                "<noembed>" + e + "</noembed>", "<noframes>" + e + "</noframes>", "<iframe src=/local>" + e + "</iframe>",
                "<style>" + e + "</styles></style>"));
    }

    private static Arbitrary<String> wrapped(boolean trackers) {
        return element(trackers).flatMap(e -> Arbitraries.of("<noscript>" + e + "</noscript>",
                "<template>" + e + "</template>", "<svg>" + e + "</svg>", "<svg><style>" + e + "</style></svg>",
                "<svg><![CDATA[" + e + "]]></svg>", "<svg><foreignObject>" + e + "</foreignObject></svg>",
                "<math><mi>" + e + "</mi></math>", "<svg><circle r=1/>" + e + "</svg>"));
    }
}
