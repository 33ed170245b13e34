package org.consent4j.examples.demo;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.internal.html.HtmlEscaper;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.servlet.ConsentContext;

/**
 * The demo's pages: the home page {@code /}, which embeds the tags real sites embed and sets the
 * cookies their server-side stacks set, and the first-party script {@code /assets/app.js}.
 */
final class DemoPages extends HttpServlet {

    /** The services whose tags and cookies the home page carries, in page order. */
    static final List<String> EMBEDDED_SERVICES = List.of("google-analytics", "google-tag-manager", "meta-pixel",
            "segment", "segmetrics", "hotjar", "linkedin-insight", "youtube", "google-maps", "stripe",
            "demo-language", "java-servlet-session");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Catalog catalog;
    private final Clock clock;

    DemoPages(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        switch (path) {
            case "/" -> home(request, response);
            case "/assets/app.js" -> appScript(response);
            default -> {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                response.setContentType("text/plain;charset=utf-8");
                response.getWriter().write("not found: " + path + "\n");
            }
        }
    }

    private void home(HttpServletRequest request, HttpServletResponse response) throws IOException {
        setServerSideCookies(request, response);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        Optional<ConsentContext> consent = ConsentContext.find(request);
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>consent4j demo shop</title>\n");
        html.append(VendorTags.HEAD);
        html.append("<script src=\"/assets/app.js\" defer></script>\n");
        html.append("<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}"
                + ".allow{color:#075e12}.deny{color:#9b1c1c}iframe{border:0;max-width:100%}</style>\n");
        html.append("</head>\n<body>\n");
        html.append(VendorTags.BODY_START);
        html.append("<h1>consent4j demo shop</h1>\n<p id=\"first-party\">First-party script not run yet.</p>\n");
        if (consent.isPresent()) {
            describe(html, consent.get());
        } else {
            html.append("<p><strong>The consent filter is off.</strong> Every tag below runs and every cookie "
                    + "is set, whatever the visitor wants: this is the site without consent4j.</p>\n");
        }
        html.append(VendorTags.BODY);
        html.append("<h2>Try it</h2>\n<ul>\n")
                .append("<li><a href=\"/consent/cookies\">Cookie declaration</a></li>\n")
                .append("<li><a href=\"/consent\">Your consent state as JSON</a> (GET /consent)</li>\n")
                .append("<li><a href=\"/events\">What the server-side destinations received</a> (GET /events)</li>\n")
                .append("<li><a href=\"/.well-known/gpc.json\">/.well-known/gpc.json</a></li>\n</ul>\n")
                .append("<form method=\"post\" action=\"/consent\"><button name=\"accept\" value=\"all\">Accept all</button> "
                        + "<button name=\"accept\" value=\"none\">Reject all</button> "
                        + "<button name=\"category\" value=\"analytics\">Analytics only</button></form>\n")
                .append("<p>Send a server event: <code>curl -s -H 'Content-Type: application/json' -d "
                        + "'{\"type\":\"track\",\"event\":\"Signed up\"}' ")
                .append(HtmlEscaper.escape(request.getRequestURL().toString().replaceAll("/$", "")))
                .append("/events</code></p>\n");
        html.append("</body>\n</html>\n");
        response.getWriter().write(html.toString());
    }

    /** What many stacks do on the server: analytics, attribution and ad cookies, a preference, a session. */
    private void setServerSideCookies(HttpServletRequest request, HttpServletResponse response) {
        long now = clock.instant().getEpochSecond();
        response.addHeader("Set-Cookie", String.format(Locale.ROOT,
                "_ga=GA1.1.%d.%d; Max-Age=63072000; Path=/; SameSite=Lax", RANDOM.nextInt(Integer.MAX_VALUE), now));
        Cookie smUid = new Cookie("sm_uid", Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36));
        smUid.setPath("/");
        smUid.setMaxAge(63072000);
        response.addCookie(smUid);
        response.addHeader("Set-Cookie", String.format(Locale.ROOT,
                "_fbp=fb.1.%d.%d; Max-Age=7776000; Path=/; SameSite=Lax", now * 1000, RANDOM.nextInt(Integer.MAX_VALUE)));
        Cookie lang = new Cookie("lang", "en");
        lang.setPath("/");
        lang.setMaxAge(31536000);
        response.addCookie(lang);
        request.getSession(true);
    }

    private void describe(StringBuilder html, ConsentContext consent) {
        Jurisdiction j = consent.jurisdiction();
        html.append("<h2>What applies to you</h2>\n<table id=\"jurisdiction\">\n")
                .append("<tr><th>Jurisdiction</th><td data-jurisdiction=\"").append(HtmlEscaper.escape(j.code())).append("\">")
                .append(HtmlEscaper.escape(j.name())).append(" (").append(HtmlEscaper.escape(j.code())).append(")</td></tr>\n")
                .append("<tr><th>Regime</th><td data-regime=\"").append(j.regime().name()).append("\">")
                .append(j.regime().name()).append("</td></tr>\n")
                .append("<tr><th>Laws</th><td>").append(HtmlEscaper.escape(String.join(", ", j.laws()))).append("</td></tr>\n")
                .append("<tr><th>Global Privacy Control</th><td data-gpc=\"").append(consent.gpc()).append("\">")
                .append(consent.gpc() ? "on" : "off").append(j.gpcHonoured() ? ", honoured here" : ", not a legal opt-out here")
                .append("</td></tr>\n<tr><th>Your choice</th><td>")
                .append(consent.state().map(s -> HtmlEscaper.escape(s.method().name())).orElse("none yet"))
                .append("</td></tr>\n</table>\n");
        html.append("<h2>Decisions</h2>\n<table id=\"decisions\">\n<tr><th>category or service</th><th>decision</th><th>reason</th></tr>\n");
        for (Category c : catalog.categories()) {
            row(html, "category", c.id(), consent.decision(c.id()));
        }
        for (String service : EMBEDDED_SERVICES) {
            if (catalog.service(service).isPresent()) {
                row(html, "service", service, consent.decision(service));
            }
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String kind, String id, Decision d) {
        String verdict = d.allowed() ? "allow" : "deny";
        html.append("<tr data-").append(kind).append("=\"").append(HtmlEscaper.escape(id)).append("\" data-decision=\"").append(verdict)
                .append("\" data-reason=\"").append(HtmlEscaper.escape(d.reason().code())).append("\"><td>").append(HtmlEscaper.escape(id))
                .append("</td><td class=\"").append(verdict).append("\">").append(verdict).append("</td><td>")
                .append(HtmlEscaper.escape(d.reason().sentence())).append("</td></tr>\n");
    }

    private static void appScript(HttpServletResponse response) throws IOException {
        try (InputStream in = DemoPages.class.getResourceAsStream("app.js")) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType("text/javascript;charset=utf-8");
            response.setHeader("Cache-Control", "no-cache");
            in.transferTo(response.getOutputStream());
        }
    }
}
