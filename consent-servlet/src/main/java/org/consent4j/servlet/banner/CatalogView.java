package org.consent4j.servlet.banner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.CookieSpec;
import org.consent4j.core.catalog.DataTransfer;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.catalog.Party;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.Service;

/**
 * The catalog as the banner and the declaration show it in one language: every text resolved,
 * durations and countries spelled out, unsafe links dropped. Plain strings, not yet escaped.
 */
record CatalogView(String language, List<CategoryView> categories) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /** @param descriptionLang the language of the description when it is not the view's (a fallback), else empty */
    record CookieView(String name, String party, String duration, String description, String descriptionLang) {
    }

    /** @param descriptionLang the language of the description when it is not the view's (a fallback), else empty */
    record ServiceView(String id, String name, String provider, List<String> purposes, String legalBasis,
                       String transfer, String description, String descriptionLang, String consentText,
                       String consentTextLang, String privacyPolicy,
                       List<CookieView> cookies) {
    }

    record CategoryView(String id, boolean required, String label, String description, List<ServiceView> services) {
    }

    static CatalogView of(Catalog catalog, Texts texts) {
        String lang = texts.language();
        List<CategoryView> categories = new ArrayList<>();
        for (Category c : catalog.categories()) {
            List<ServiceView> services = new ArrayList<>();
            for (Service s : catalog.servicesIn(c.id())) {
                services.add(service(catalog, s, texts));
            }
            categories.add(new CategoryView(c.id(), c.required(), c.label().get(lang), c.description().get(lang),
                    List.copyOf(services)));
        }
        return new CatalogView(lang, List.copyOf(categories));
    }

    private static ServiceView service(Catalog catalog, Service s, Texts texts) {
        String lang = texts.language();
        List<String> purposes = new ArrayList<>();
        for (String id : s.purposes()) {
            purposes.add(catalog.purpose(id).map(Purpose::label).map(l -> l.get(lang)).filter(l -> !l.isEmpty()).orElse(id));
        }
        List<CookieView> cookies = new ArrayList<>();
        for (CookieSpec spec : s.cookies()) {
            String party = spec.party() == Party.FIRST ? texts.get("firstParty")
                    : spec.domain().isEmpty() ? texts.get("thirdParty") : texts.get("thirdParty") + " (" + spec.domain() + ")";
            cookies.add(new CookieView(spec.name().toString(), party, Lifetimes.format(spec.lifetime(), texts),
                    spec.description(lang), fallback(spec.descriptions(), lang)));
        }
        return new ServiceView(s.id(), s.name(), s.provider(), List.copyOf(purposes), legalBasis(s.legalBasis(), texts),
                transfer(s.transfer(), texts), s.description().get(lang), fallback(s.description(), lang),
                s.consentText().get(lang), textLanguage(s.consentText(), lang),
                Html.isSafeLink(s.privacyPolicy()) ? s.privacyPolicy() : "", List.copyOf(cookies));
    }

    /** The language {@link LocalizedText#get(String)} answers in for {@code lang}; {@code lang} when there is no text. */
    private static String textLanguage(LocalizedText text, String lang) {
        String shown = text.languageOf(lang);
        return shown.isEmpty() ? lang : shown;
    }

    /** The language of the text shown for {@code lang} when it is another (a fallback), else empty. */
    static String fallback(LocalizedText text, String lang) {
        String shown = text.languageOf(lang);
        String page = lang.toLowerCase(java.util.Locale.ROOT);
        return shown.isEmpty() || shown.equals(page) || page.startsWith(shown + "-") ? "" : shown;
    }

    static String legalBasis(LegalBasis basis, Texts texts) {
        return texts.get(switch (basis) {
            case CONSENT -> "basisConsent";
            case LEGITIMATE_INTEREST -> "basisLegitimateInterest";
            case CONTRACT -> "basisContract";
            case LEGAL_OBLIGATION -> "basisLegalObligation";
        });
    }

    /** "United States (EU-US Data Privacy Framework)", or the "no transfer declared" text. */
    static String transfer(DataTransfer transfer, Texts texts) {
        String code = transfer.country().trim();
        if (code.isEmpty()) {
            return texts.get("noTransfer");
        }
        String name = code;
        if (COUNTRY.matcher(code).matches()) {
            @SuppressWarnings("deprecation") // Locale.of needs Java 19; the baseline is 17.
            Locale country = new Locale("", code);
            String display = country.getDisplayCountry(Locale.forLanguageTag(texts.language()));
            if (!display.isEmpty() && !display.equals(code)) {
                name = display;
            }
        }
        return transfer.safeguard().isBlank() ? name : name + " (" + transfer.safeguard() + ")";
    }

    /** The tree the script reads: plain maps and lists, serialized by {@link Json}. */
    Map<String, Object> toMap() {
        List<Object> cats = new ArrayList<>();
        for (CategoryView c : categories) {
            List<Object> services = new ArrayList<>();
            for (ServiceView s : c.services()) {
                List<Object> cookies = new ArrayList<>();
                for (CookieView k : s.cookies()) {
                    Map<String, Object> cookie = new LinkedHashMap<>();
                    cookie.put("name", k.name());
                    cookie.put("party", k.party());
                    cookie.put("duration", k.duration());
                    cookie.put("description", k.description());
                    if (!k.descriptionLang().isEmpty()) {
                        cookie.put("descriptionLang", k.descriptionLang());
                    }
                    cookies.add(cookie);
                }
                Map<String, Object> service = new LinkedHashMap<>();
                service.put("id", s.id());
                service.put("name", s.name());
                service.put("provider", s.provider());
                service.put("purposes", s.purposes());
                service.put("legalBasis", s.legalBasis());
                service.put("transfer", s.transfer());
                service.put("description", s.description());
                service.put("consentText", s.consentText());
                service.put("consentTextLang", s.consentTextLang());
                if (!s.descriptionLang().isEmpty()) {
                    service.put("descriptionLang", s.descriptionLang());
                }
                service.put("privacyPolicy", s.privacyPolicy());
                service.put("cookies", cookies);
                services.add(service);
            }
            Map<String, Object> category = new LinkedHashMap<>();
            category.put("id", c.id());
            category.put("required", c.required());
            category.put("label", c.label());
            category.put("description", c.description());
            category.put("services", services);
            cats.add(category);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("lang", language);
        map.put("categories", cats);
        return map;
    }
}
