package org.consent4j.servlet.banner;

import java.util.List;
import java.util.Map;
import org.consent4j.core.internal.html.HtmlEscaper;

/**
 * Renders the cookie declaration: every category, service and cookie of the catalog with provider,
 * purposes, duration, party, legal basis and transfer country, in one language.
 *
 * <p>Every catalog and configuration text is escaped; links are kept only when they are http(s) URLs
 * or site paths. The page links the banner script so a visitor can change the choice from it, and
 * needs no inline script or style, so it works under a strict Content-Security-Policy.
 */
final class CookieDeclarationPage {

    private CookieDeclarationPage() {
    }

    static String render(CatalogView view, Texts texts, String revision, Urls urls, List<String> languages) {
        String lang = texts.language();
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html lang=\"").append(HtmlEscaper.escape(lang)).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(HtmlEscaper.escape(texts.get("declarationTitle"))).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(HtmlEscaper.escape(urls.css())).append("\">\n")
                .append("<script src=\"").append(HtmlEscaper.escape(urls.script())).append("\" defer></script>\n")
                .append("</head>\n<body class=\"c4j-decl\">\n");
        if (languages.size() > 1) {
            sb.append("<nav class=\"c4j-decl-langs\" aria-label=\"").append(HtmlEscaper.escape(texts.get("language")))
                    .append("\"><ul>");
            for (String other : languages) {
                String name = Languages.displayName(other);
                sb.append("<li><a href=\"").append(HtmlEscaper.escape(urls.declaration())).append("?lang=")
                        .append(HtmlEscaper.escape(other)).append("\" hreflang=\"").append(HtmlEscaper.escape(other))
                        .append("\" lang=\"").append(HtmlEscaper.escape(other)).append('"');
                if (other.equals(lang)) {
                    sb.append(" aria-current=\"page\"");
                }
                sb.append('>').append(HtmlEscaper.escape(name)).append("</a></li>");
            }
            sb.append("</ul></nav>\n");
        }
        sb.append("<main>\n<h1>").append(HtmlEscaper.escape(texts.get("declarationTitle"))).append("</h1>\n")
                .append("<p>").append(HtmlEscaper.escape(texts.get("declarationIntro"))).append("</p>\n")
                .append("<p class=\"c4j-decl-actions\"><button type=\"button\" class=\"c4j-btn\" data-consent-open>")
                .append(HtmlEscaper.escape(texts.get("declarationChange"))).append("</button>");
        if (!urls.privacyPolicy().isEmpty()) {
            sb.append(" <a href=\"").append(HtmlEscaper.escape(urls.privacyPolicy())).append("\">")
                    .append(HtmlEscaper.escape(texts.get("privacyPolicy"))).append("</a>");
        }
        sb.append("</p>\n");
        for (CatalogView.CategoryView category : view.categories()) {
            category(sb, category, texts);
        }
        sb.append("<p class=\"c4j-decl-revision\">")
                .append(HtmlEscaper.escape(texts.format("revision", Map.of("revision", revision)))).append("</p>\n")
                .append("</main>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void category(StringBuilder sb, CatalogView.CategoryView category, Texts texts) {
        String id = "c4j-cat-" + category.id();
        sb.append("<section class=\"c4j-decl-cat\" aria-labelledby=\"").append(HtmlEscaper.escape(id)).append("\">\n")
                .append("<h2 id=\"").append(HtmlEscaper.escape(id)).append("\">").append(HtmlEscaper.escape(category.label()));
        if (category.required()) {
            sb.append(" <span class=\"c4j-decl-badge\">").append(HtmlEscaper.escape(texts.get("alwaysOn"))).append("</span>");
        }
        sb.append("</h2>\n");
        if (!category.description().isEmpty()) {
            sb.append("<p>").append(HtmlEscaper.escape(category.description())).append("</p>\n");
        }
        if (category.services().isEmpty()) {
            sb.append("<p>").append(HtmlEscaper.escape(texts.get("noServices"))).append("</p>\n");
        }
        for (CatalogView.ServiceView service : category.services()) {
            service(sb, service, texts);
        }
        sb.append("</section>\n");
    }

    private static void service(StringBuilder sb, CatalogView.ServiceView s, Texts texts) {
        String id = "c4j-svc-" + s.id();
        sb.append("<article class=\"c4j-decl-svc\" aria-labelledby=\"").append(HtmlEscaper.escape(id)).append("\">\n")
                .append("<h3 id=\"").append(HtmlEscaper.escape(id)).append("\">").append(HtmlEscaper.escape(s.name())).append("</h3>\n");
        if (!s.description().isEmpty()) {
            sb.append("<p").append(lang(s.descriptionLang())).append('>').append(HtmlEscaper.escape(s.description())).append("</p>\n");
        }
        sb.append("<dl>\n");
        if (!s.provider().isEmpty()) {
            term(sb, texts.get("provider"), s.provider());
        }
        if (!s.purposes().isEmpty()) {
            term(sb, texts.get("purposes"), String.join(", ", s.purposes()));
        }
        term(sb, texts.get("legalBasis"), s.legalBasis());
        term(sb, texts.get("country"), s.transfer());
        if (!s.privacyPolicy().isEmpty()) {
            sb.append("<dt>").append(HtmlEscaper.escape(texts.get("privacyPolicy"))).append("</dt><dd><a href=\"")
                    .append(HtmlEscaper.escape(s.privacyPolicy())).append("\" rel=\"noopener noreferrer\">")
                    .append(HtmlEscaper.escape(s.privacyPolicy())).append("</a></dd>\n");
        }
        sb.append("</dl>\n");
        if (s.cookies().isEmpty()) {
            sb.append("<p>").append(HtmlEscaper.escape(texts.get("noCookies"))).append("</p>\n");
        } else {
            String label = texts.get("cookies") + ": " + s.name();
            sb.append("<div class=\"c4j-decl-table\" role=\"region\" tabindex=\"0\" aria-label=\"")
                    .append(HtmlEscaper.escape(label)).append("\">\n<table>\n<caption>").append(HtmlEscaper.escape(label))
                    .append("</caption>\n<thead><tr>");
            for (String column : List.of("name", "party", "duration", "purpose")) {
                sb.append("<th scope=\"col\">").append(HtmlEscaper.escape(texts.get(column))).append("</th>");
            }
            sb.append("</tr></thead>\n<tbody>\n");
            for (CatalogView.CookieView cookie : s.cookies()) {
                sb.append("<tr><td><code>").append(HtmlEscaper.escape(cookie.name())).append("</code></td><td>")
                        .append(HtmlEscaper.escape(cookie.party())).append("</td><td>").append(HtmlEscaper.escape(cookie.duration()))
                        .append("</td><td").append(lang(cookie.descriptionLang())).append('>')
                        .append(HtmlEscaper.escape(cookie.description())).append("</td></tr>\n");
            }
            sb.append("</tbody>\n</table>\n</div>\n");
        }
        sb.append("</article>\n");
    }

    /** A {@code lang} attribute for a text shown in another language than the page's, else nothing. */
    private static String lang(String language) {
        return language.isEmpty() ? "" : " lang=\"" + HtmlEscaper.escape(language) + "\"";
    }

    private static void term(StringBuilder sb, String term, String value) {
        sb.append("<dt>").append(HtmlEscaper.escape(term)).append("</dt><dd>").append(HtmlEscaper.escape(value)).append("</dd>\n");
    }
}
