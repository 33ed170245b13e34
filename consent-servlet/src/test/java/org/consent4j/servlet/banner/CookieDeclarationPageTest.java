package org.consent4j.servlet.banner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.CookieLifetime;
import org.consent4j.core.catalog.CookieName;
import org.consent4j.core.catalog.CookieSpec;
import org.consent4j.core.catalog.DataTransfer;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.catalog.Party;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.testing.Fixtures;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

final class CookieDeclarationPageTest {

    private static final Urls URLS = new Urls("/consent", "/consent/assets/consent.js?v=1", "/consent/assets/consent.css?v=1",
            "/consent/cookies", "https://shop.example/privacy");
    private static final List<String> LANGUAGES = List.of("en", "fr", "de", "es");
    private static final Set<String> ALLOWED_TAGS = Set.of("#root", "html", "head", "meta", "title", "link", "script", "body",
            "nav", "ul", "li", "a", "main", "h1", "p", "button", "section", "h2", "span", "article", "h3", "dl", "dt", "dd",
            "div", "table", "caption", "thead", "tr", "th", "tbody", "td", "code");

    private static Document render(Catalog catalog, String lang, BannerTexts overrides) {
        Texts texts = Texts.of(lang, overrides);
        return Jsoup.parse(CookieDeclarationPage.render(CatalogView.of(catalog, texts), texts, catalog.revision(), URLS, LANGUAGES));
    }

    @Test
    void renderWhenTextOnlyInEnglishThenMarkedLangEnAndTranslatedTextUnmarked() {
        Catalog catalog = Catalogs.parse("""
                {"version": 1,
                 "categories": [{"id": "necessary", "order": 0, "required": true, "label": {"en": "Necessary"}},
                                {"id": "analytics", "order": 1, "label": {"en": "Analytics"}}],
                 "services": [{"id": "stats", "name": "Stats", "category": "analytics",
                   "description": {"en": "Counts visits.", "fr": "Compte les visites."},
                   "cookies": [{"name": "st_id", "lifetime": "P1Y", "description": {"en": "Visitor id.", "fr": "Identifiant du visiteur."}},
                               {"name": "st_ses", "lifetime": "PT30M", "description": "Session."}]},
                              {"id": "other", "name": "Other", "category": "analytics", "description": "English only."}]}
                """, "site.json");
        Document fr = render(catalog, "fr", BannerTexts.empty());
        Element stats = fr.getElementById("c4j-svc-stats").parent();
        assertEquals("Compte les visites.", stats.selectFirst("p").text());
        assertFalse(stats.selectFirst("p").hasAttr("lang"));
        Elements cells = stats.select("tbody td:eq(3)");
        assertEquals(List.of("Identifiant du visiteur.", "Session."), cells.eachText());
        assertEquals(List.of("", "en"), cells.stream().map(e -> e.attr("lang")).toList());
        Element other = fr.getElementById("c4j-svc-other").parent().selectFirst("p");
        assertEquals("en", other.attr("lang"));
        assertEquals("English only.", other.text());

        Document en = render(catalog, "en", BannerTexts.empty());
        assertTrue(en.select("main [lang]").isEmpty(), "nothing falls back on the English page");
    }

    @Test
    void renderWhenFrenchThenLocalizedPageWithLanguageAndTitle() {
        Document doc = render(Fixtures.catalog(), "fr", BannerTexts.empty());
        assertEquals("fr", doc.selectFirst("html").attr("lang"));
        assertEquals("Déclaration relative aux cookies", doc.title());
        assertEquals("Déclaration relative aux cookies", doc.selectFirst("h1").text());
        assertEquals("Modifier mes choix", doc.selectFirst("button[data-consent-open]").text());
        assertEquals("https://shop.example/privacy", doc.selectFirst(".c4j-decl-actions a").attr("href"));
    }

    @Test
    void renderWhenCatalogThenEveryCategoryServiceAndCookieListed() {
        Catalog catalog = Fixtures.catalog();
        Document doc = render(catalog, "en", BannerTexts.empty());
        for (Category category : catalog.categories()) {
            Element section = doc.getElementById("c4j-cat-" + category.id());
            assertNotNull(section, category.id());
            assertTrue(section.text().startsWith(category.label().english()), section.text());
            for (Service service : catalog.servicesIn(category.id())) {
                Element article = doc.getElementById("c4j-svc-" + service.id()).parent();
                assertEquals(service.name(), article.selectFirst("h3").text());
                assertEquals("c4j-cat-" + category.id(), article.parent().attr("aria-labelledby"));
                List<String> names = article.select("tbody code").eachText();
                assertEquals(service.cookies().stream().map(c -> c.name().toString()).toList(), names, service.id());
            }
        }
        assertEquals(catalog.services().size(), doc.select("article.c4j-decl-svc").size());
    }

    @Test
    void renderWhenSegMetricsThenProviderPartyDurationTransferAndLegalBasisShown() {
        Document doc = render(Fixtures.catalog(), "fr", BannerTexts.empty());
        Element article = doc.getElementById("c4j-svc-segmetrics").parent();
        Map<String, String> terms = terms(article);
        assertEquals("SegMetrics", terms.get("Fournisseur"));
        assertEquals("Attribution", terms.get("Finalités"));
        assertEquals("Consentement (RGPD, art. 6(1)(a))", terms.get("Base légale"));
        assertEquals("États-Unis (Standard Contractual Clauses)", terms.get("Pays de transfert"));
        Elements rows = article.select("tbody tr");
        Element visitor = rows.stream().filter(r -> r.child(0).text().equals("sm_visitor")).findFirst().orElseThrow();
        assertEquals(List.of("sm_visitor", "Tiers (segmetrics.com)", "2 ans", "cross-site id"), visitor.children().eachText());
        Element session = rows.stream().filter(r -> r.child(0).text().equals("sm_sid")).findFirst().orElseThrow();
        assertEquals(List.of("sm_sid", "Interne", "30 minutes", "session id"), session.children().eachText());
        assertEquals(List.of("Nom", "Origine", "Durée", "Finalité"), article.select("thead th").eachText());
    }

    @Test
    void renderWhenServiceWithoutCookiesOrTransferThenSaysSo() {
        Document doc = render(Fixtures.catalog(), "de", BannerTexts.empty());
        Element youtube = doc.getElementById("c4j-svc-youtube").parent();
        assertTrue(youtube.text().contains("Keine Cookies"), youtube.text());
        assertEquals("Keine Übermittlung angegeben", terms(youtube).get("Empfängerland"));
    }

    @Test
    void renderWhenAnyLanguageThenNavLinksEveryLanguageAndMarksCurrent() {
        Document doc = render(Fixtures.catalog(), "es", BannerTexts.empty());
        Elements links = doc.select("nav.c4j-decl-langs a");
        assertEquals(List.of("English", "Français", "Deutsch", "Español"), links.eachText());
        assertEquals("/consent/cookies?lang=es", doc.selectFirst("a[aria-current=page]").attr("href"));
        assertTrue(doc.selectFirst(".c4j-decl-revision").text().contains(Fixtures.catalog().revision()));
    }

    @Test
    void renderWhenCatalogChangesThenPageFollows() {
        Catalog extended = Fixtures.catalog().toBuilder().service(Service.builder("chat-widget", Category.FUNCTIONAL)
                .name("Chat widget").provider("Chat Co").cookie("chat_id", "P30D").build()).build();
        Document doc = render(extended, "en", BannerTexts.empty());
        Element article = doc.getElementById("c4j-svc-chat-widget").parent();
        assertEquals(List.of("chat_id", "First party", "30 days", ""),
                article.selectFirst("tbody tr").children().stream().map(Element::text).toList());
    }

    @Test
    void renderWhenBundledCatalogThenEveryServiceInEveryLanguageWithSafeMarkup() {
        Catalog bundled = Catalogs.bundled();
        for (String lang : LANGUAGES) {
            Document doc = render(bundled, lang, BannerTexts.empty());
            assertEquals(bundled.services().size(), doc.select("article.c4j-decl-svc").size(), lang);
            for (Category category : bundled.categories()) {
                assertEquals(category.label().get(lang), doc.getElementById("c4j-cat-" + category.id()).ownText().trim(), lang);
            }
            for (Element e : doc.getAllElements()) {
                assertTrue(ALLOWED_TAGS.contains(e.normalName()), "unexpected element <" + e.normalName() + ">");
            }
            for (Element a : doc.select("a[href]")) {
                assertTrue(Html.isSafeLink(a.attr("href")), "unsafe link " + a.attr("href"));
            }
            int cookies = bundled.services().stream().mapToInt(sv -> sv.cookies().size()).sum();
            assertEquals(cookies, doc.select("tbody tr").size(), lang);
        }
    }

    @Test
    void bannerWhenBundledCatalogAndConsentModeThenDefaultMappingFits() {
        Banner banner = Banner.create(Catalogs.bundled(), BannerConfig.builder().consentMode(true).build(), "/consent");
        assertEquals(Texts.BUNDLED, banner.languages());
    }

    /** Strings that try to break out of every HTML context, plus arbitrary text. */
    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars("<>&\"'=/ `!-;:ajvscript").ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
                        "</title><script>alert(1)</script>", "<!--", "--><svg onload=alert(1)>", "' onmouseover='alert(1)",
                        "</code></td></tr></tbody></table><iframe src=//evil>", "&lt;b&gt;", "<a href=\"javascript:x\">x</a>",
                        "</textarea><style>*{}</style>", "<base href=//evil/>"));
    }

    @Property(tries = 200)
    void renderWhenCatalogTextsAreHostileThenNoMarkupIsInjected(@ForAll("hostileList") List<String> t) {
        Catalog catalog = Catalog.builder()
                .category(new Category("necessary", 0, true, LocalizedText.of(t.get(0)), LocalizedText.of(t.get(1))))
                .category(new Category("marketing", 1, false, new LocalizedText(Map.of("en", t.get(2), "fr", t.get(3))),
                        LocalizedText.of(t.get(4))))
                .purpose(new Purpose("ads", "marketing", LegalBasis.CONSENT, Set.of(), LocalizedText.of(t.get(5)), LocalizedText.empty()))
                .service(Service.builder("tracker", "marketing").name(t.get(6)).provider(t.get(7)).purpose("ads")
                        .description(LocalizedText.of(t.get(8))).privacyPolicy(t.get(9))
                        .transfer(new DataTransfer(t.get(10), t.get(11)))
                        .cookie(new CookieSpec(CookieName.exact("c" + t.get(12)), Party.THIRD, t.get(0), CookieLifetime.parse("P1D"), t.get(1)))
                        .cookie(new CookieSpec(CookieName.prefix("p" + t.get(2)), Party.FIRST, "", CookieLifetime.session(), t.get(3)))
                        .build())
                .build();
        BannerTexts overrides = t.get(4).isBlank() ? BannerTexts.empty()
                : BannerTexts.builder().text("fr", "declarationTitle", t.get(4)).text("fr", "cookies", t.get(4)).build();
        Document doc = render(catalog, "fr", overrides);

        for (Element e : doc.getAllElements()) {
            assertTrue(ALLOWED_TAGS.contains(e.normalName()), "unexpected element <" + e.normalName() + ">");
            for (Attribute a : e.attributes()) {
                assertFalse(a.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("on"), "event handler attribute " + a);
            }
        }
        assertEquals(1, doc.select("script").size());
        assertEquals(URLS.script(), doc.selectFirst("script").attr("src"));
        assertEquals(1, doc.select("link").size());
        assertEquals(1, doc.select("title").size());
        for (Element a : doc.select("a[href]")) {
            assertTrue(Html.isSafeLink(a.attr("href")), "unsafe link " + a.attr("href"));
        }
        Element article = doc.getElementById("c4j-svc-tracker").parent();
        assertEquals(clean(t.get(6).isEmpty() ? "tracker" : t.get(6)), clean(article.selectFirst("h3").wholeText()));
        assertEquals(2, article.select("tbody tr").size());
        assertEquals(clean("c" + t.get(12)), clean(article.selectFirst("tbody code").wholeText()));
    }

    @Provide
    Arbitrary<List<String>> hostileList() {
        return hostile().list().ofSize(13);
    }

    /** What a parser makes of text: NUL replaced, line breaks normalised. */
    private static String clean(String s) {
        return s.replace('\0', '\uFFFD').replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Map<String, String> terms(Element article) {
        Map<String, String> terms = new java.util.LinkedHashMap<>();
        for (Element dt : article.select("dt")) {
            terms.put(dt.text(), dt.nextElementSibling().text());
        }
        return terms;
    }
}
