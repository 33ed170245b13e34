package org.consent4j.servlet.browser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Generated attack pages for the HTML gate: each puts one way of fetching a tracker (an element, an
 * attribute, CSS, a nested document, a parser trick) in one of several surroundings, with its URL
 * written one of several ways. Every tracker URL carries the page's number in its path, so a request
 * names the page that made it. Pages run no script that changes their text, so the text a browser
 * shows of a page and of its gated form can be compared node by node.
 */
final class GateAttackPages {

    /** A denied analytics host and a denied marketing host of the suite's catalog, and a necessary one. */
    static final String STATS = "stats.tracker.test";
    static final String ADS = "ads.tracker.test";
    static final String NECESSARY = "cdn.necessary.test";

    /** One page: its number, what it tries, and its markup. */
    record Page(int number, String name, String html) {
    }

    /** How a snippet is written: {@code {U}} is the tracker URL prefix, {@code {N}} the page number. */
    private record Snippet(String name, String markup, boolean attributeUrl) {
    }

    private static final List<Snippet> SNIPPETS = List.of(
            new Snippet("script src", "<script src=\"{U}/s.js\"></script>", true),
            new Snippet("module script", "<script type=module src=\"{U}/m.js\"></script>", true),
            new Snippet("img src", "<img src=\"{U}/i.gif\" alt=\"\">", true),
            new Snippet("img srcset", "<img srcset=\"{U}/s.gif 1x, {U}/s2.gif 2x\" alt=\"\">", true),
            new Snippet("picture source", "<picture><source srcset=\"{U}/p.gif\"><img src=\"/local.gif\" alt=\"\"></picture>", true),
            new Snippet("iframe src", "<iframe src=\"{U}/f.html\"></iframe>", true),
            new Snippet("frame-like object", "<object data=\"{U}/o.html\" type=\"text/html\"></object>", true),
            new Snippet("embed", "<embed src=\"{U}/e.html\" type=\"text/html\">", true),
            new Snippet("video src and poster", "<video src=\"{U}/v.mp4\" poster=\"{U}/poster.gif\"></video>", true),
            new Snippet("video source", "<video preload=auto><source src=\"{U}/vs.mp4\"></video>", true),
            new Snippet("audio", "<audio preload=auto src=\"{U}/a.mp3\"></audio>", true),
            new Snippet("track", "<video src=\"/local.mp4\"><track default kind=captions src=\"{U}/t.vtt\"></video>", true),
            new Snippet("input image", "<input type=image src=\"{U}/in.gif\" alt=\"go\">", true),
            new Snippet("table background", "<table background=\"{U}/bg.gif\"><tr><td>cell</td></tr></table>", true),
            new Snippet("td background", "<table><tr><td background=\"{U}/td.gif\">cell</td></tr></table>", true),
            new Snippet("style attribute", "<div style=\"width:9px;height:9px;background-image:url('{U}/st.gif')\">styled</div>", true),
            new Snippet("style element url", "<style>body{background:url({U}/css.gif)}</style>", false),
            new Snippet("style element import", "<style>@import \"{U}/imp.css\";</style>", false),
            new Snippet("style image-set", "<style>p{background-image:image-set(\"{U}/set.gif\" 1x)}</style>", false),
            new Snippet("link stylesheet", "<link rel=stylesheet href=\"{U}/l.css\">", true),
            new Snippet("link preload", "<link rel=preload as=image href=\"{U}/pre.gif\">", true),
            new Snippet("link prefetch", "<link rel=prefetch href=\"{U}/pf.txt\">", true),
            new Snippet("link modulepreload", "<link rel=modulepreload href=\"{U}/mp.js\">", true),
            new Snippet("srcdoc", "<iframe srcdoc=\"<img src='{U}/sd.gif'>\"></iframe>", false),
            new Snippet("data: iframe", "<iframe src=\"data:text/html,%3Cimg%20src%3D%22{UE}/du.gif%22%3E\"></iframe>", false),
            new Snippet("data: base64 iframe", "<iframe src=\"data:text/html;base64,{B64}\"></iframe>", false),
            new Snippet("meta refresh", "<meta http-equiv=refresh content=\"0; url={U}/refresh.html\">", true),
            new Snippet("event handler", "<img src=\"/missing.gif\" alt=\"\" onerror=\"new Image().src='{U}/on.gif'\">", false),
            new Snippet("svg onload", "<svg width=1 height=1 onload=\"new Image().src='{U}/svgon.gif'\"></svg>", false),
            new Snippet("svg image", "<svg width=9 height=9><image href=\"{U}/svgi.gif\" width=9 height=9 /></svg>", true),
            new Snippet("svg xlink image", "<svg width=9 height=9><image xlink:href=\"{U}/svgx.gif\" width=9 height=9 /></svg>", true),
            new Snippet("svg feImage", "<svg width=9 height=9><filter id=f{N}><feImage href=\"{U}/fe.gif\"/></filter>"
                    + "<rect filter=\"url(#f{N})\" width=9 height=9 /></svg>", true),
            new Snippet("svg set href", "<svg width=9 height=9><image width=9 height=9 href=\"/local.gif\">"
                    + "<set attributeName=href to=\"{U}/smil.gif\" /></image></svg>", true),
            new Snippet("svg script href", "<svg><script href=\"{U}/svgs.js\"></script></svg>", true),
            new Snippet("svg script holds markup", "<svg><script><img src=\"{U}/svgsm.gif\" alt=\"\"></script></svg>", true),
            new Snippet("svg breakout p", "<svg></p><img src=\"{U}/bo.gif\" alt=\"\"></svg>", true),
            new Snippet("svg breakout font color", "<svg><font color=red><img src=\"{U}/bf.gif\" alt=\"\"></font></svg>", true),
            new Snippet("math text point", "<math><mtext><img src=\"{U}/mt.gif\" alt=\"\"></mtext></math>", true),
            new Snippet("math annotation-xml html", "<math><annotation-xml encoding=\"text/html\"><iframe src=\"{U}/ax.html\">"
                    + "</iframe></annotation-xml></math>", true),
            new Snippet("svg font face breakout", "<svg><font face=serif><iframe src=\"{U}/ff.html\"></iframe></font></svg>",
                    true),
            new Snippet("svg desc", "<svg><desc><img src=\"{U}/desc.gif\" alt=\"\"></desc></svg>", true),
            new Snippet("noscript comment trick", "<noscript><!-- </noscript><img src=\"{U}/ns.gif\" alt=\"\"> --></noscript>", true),
            new Snippet("noscript comment trick, mixed case", "<noscript><!--</NoScript ><img src=\"{U}/nsc.gif\" alt=\"\">"
                    + "--></noscript>", true),
            new Snippet("noscript style trick", "<noscript><style></noscript><img src=\"{U}/nss.gif\" alt=\"\"></style>"
                    + "</noscript>", true),
            new Snippet("noscript textarea trick", "<noscript><textarea></noscript><img src=\"{U}/nst.gif\" alt=\"\">"
                    + "</textarea></noscript>", true),
            new Snippet("noscript script trick", "<noscript><script><!--<script></noscript><img src=\"{U}/nsj.gif\" alt=\"\">"
                    + "</script></noscript>", true),
            new Snippet("noscript plaintext trick", "<noscript><plaintext></noscript><img src=\"{U}/nsp.gif\" alt=\"\">", true),
            new Snippet("late base", "<img src=\"late.gif\" alt=\"\"><base href=\"{U}/\"><img src=\"after-base.gif\" alt=\"\">",
                    true),
            new Snippet("base after template base", "<template><base href=\"/\"></template><base href=\"{U}/\">"
                    + "<img src=\"tb.gif\" alt=\"\">", true),
            new Snippet("forged gate marker", "<img data-consent-gated src=\"{U}/forged.gif\" alt=\"\">", true),
            new Snippet("duplicate type", "<script type=text/javascript type=text/plain src=\"{U}/dup.js\"></script>", true),
            new Snippet("inline loader", "<script>var s=document.createElement('script');s.src='{U}/dyn.js';"
                    + "document.head.appendChild(s)</script>", false),
            new Snippet("inline image beacon", "<script>new Image().src='{U}/beacon.gif'</script>", false),
            new Snippet("long inline loader", "<script>var pad='{PAD}';new Image().src='{U}/long.gif'</script>", false),
            new Snippet("long start tag", "<img alt=\"{PAD}\" src=\"{U}/longtag.gif\">", true),
            new Snippet("textarea text", "<textarea><img src=\"{U}/ta.gif\"></textarea><img src=\"{U}/after-ta.gif\" alt=\"\">", true),
            new Snippet("title text", "<title><img src=\"{U}/ti.gif\"></title><img src=\"{U}/after-ti.gif\" alt=\"\">", true));

    /** The ways a URL is written inside an attribute (CSS and script text get the first two only). */
    private static final List<UnaryOperator<String>> URL_FORMS = List.of(
            u -> u,
            u -> u.replaceFirst("^http:", ""),
            u -> u.replace("://", ":&#x2F;&#x2F;").replace("tracker", "TRACKER"),
            u -> "  \n" + u,
            u -> u.replace("tracker", "tr%61cker"),
            u -> u.replace("://", ":\\\\"));

    /** Surroundings that keep the snippet live in a browser. */
    private static final List<UnaryOperator<String>> WRAPPERS = List.of(
            s -> s,
            s -> "<div><span>in a div</span>" + s + "</div>",
            s -> "<svg width=1 height=1><foreignObject width=1 height=1>" + s + "</foreignObject></svg>",
            s -> "<svg width=1 height=1></svg><math><mi>x</mi></math>" + s);

    private GateAttackPages() {
    }

    /** Every page, for tracker URLs on {@code port}. */
    static List<Page> all(int port) {
        List<Page> pages = new ArrayList<>();
        int n = 0;
        for (Snippet snippet : SNIPPETS) {
            int forms = snippet.attributeUrl() ? URL_FORMS.size() : 2;
            for (int form = 0; form < forms; form++) {
                n++;
                String host = n % 2 == 0 ? STATS : ADS;
                String url = URL_FORMS.get(form).apply("http://" + host + ":" + port + "/p" + n);
                String plain = "http://" + host + ":" + port + "/p" + n;
                String inner = "<img src=\"" + plain + "/b64.gif\">";
                String markup = snippet.markup()
                        .replace("{UE}", plain.replace(":", "%3A").replace("/", "%2F"))
                        .replace("{B64}", Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8)))
                        .replace("{U}", url)
                        .replace("{N}", Integer.toString(n))
                        .replace("{PAD}", "x".repeat(snippet.name().startsWith("long inline") ? 200_000 : 70_000));
                String wrapped = WRAPPERS.get(n % WRAPPERS.size()).apply(markup);
                pages.add(new Page(n, snippet.name() + " / form " + form, "<!DOCTYPE html><html><head><title>page " + n
                        + "</title></head><body><p>before " + n + " &amp; more</p>" + wrapped
                        + "<p>after " + n + "</p><img src=\"http://" + NECESSARY + ":" + port + "/p" + n
                        + "/necessary.gif\" alt=\"\"></body></html>"));
            }
        }
        return pages;
    }
}
