package org.consent4j.servlet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.iab.IabSignals;
import org.consent4j.iab.IabStrings;
import org.consent4j.iab.IncomingSignals;
import org.consent4j.iab.TcString;
import org.jspecify.annotations.Nullable;

/**
 * The IAB signals of a started filter: each visitor's strings, made once per distinct decision and
 * cached, the data the page APIs start from, and the incoming GPP and TC strings of a request.
 * Thread-safe.
 */
final class IabPage {

    /** The query parameter an app passes its GPP string in (the GPP URL macro's usual name). */
    static final String GPP_PARAMETER = "gpp";
    /** The query parameter of a TC string (the TCF URL macro's usual name). */
    static final String TC_PARAMETER = "gdpr_consent";

    final IabConfig config;
    final IabSignals signals;
    private final List<String> categories;
    private final List<String> rightsPurposes;
    private final List<String> vendorServices;
    /** Per decision key: the strings and the page data as JSON. The distinct decisions are few. */
    private final Cache<String, Entry> entries = Caffeine.newBuilder().maximumSize(4096).build();

    /** A visitor's strings and the page APIs' data for them. */
    record Entry(IabStrings strings, String json) {
    }

    IabPage(IabConfig config, Catalog catalog) {
        this.config = config;
        this.signals = config.signals(catalog);
        this.categories = catalog.categories().stream().map(Category::id).toList();
        this.rightsPurposes = catalog.purposes().stream().filter(p -> !p.rights().isEmpty()).map(Purpose::id).toList();
        this.vendorServices = List.copyOf(signals.vendors().values());
    }

    /** The visitor's strings; {@code language} is the language of the texts shown. */
    IabStrings strings(VisitorConsent visitor, String language) {
        return entry(visitor, language).strings();
    }

    /** The page data of {@link #strings}, as JSON (not yet escaped for a script element). */
    String json(VisitorConsent visitor, String language) {
        return entry(visitor, language).json();
    }

    Entry entry(VisitorConsent visitor, String language) {
        String lang = language.length() == 2 ? language.toUpperCase(Locale.ROOT) : "EN";
        return entries.get(key(visitor, lang), k -> make(visitor, lang));
    }

    /**
     * Everything the strings depend on: the jurisdiction, GPC, the day of the choice (TC strings carry it),
     * the language, the categories, the purposes that carry US opt-out rights and the vendors' services.
     */
    private String key(VisitorConsent visitor, String lang) {
        StringBuilder k = new StringBuilder(64).append(visitor.jurisdiction().code()).append('|')
                .append(visitor.signals().gpc() ? 'g' : '-').append(lang).append('|');
        Optional<ConsentState> state = visitor.state();
        k.append(state.isPresent() ? state.get().decidedAt().truncatedTo(ChronoUnit.DAYS).getEpochSecond() / 86_400 : -1)
                .append('|');
        for (String c : categories) {
            k.append(visitor.allows(c) ? '1' : '0');
        }
        k.append('|');
        for (String p : rightsPurposes) {
            k.append(visitor.purpose(p).allowed() ? '1' : '0');
        }
        k.append('|');
        for (String s : vendorServices) {
            k.append(visitor.service(s).allowed() ? '1' : '0');
        }
        return k.toString();
    }

    private Entry make(VisitorConsent visitor, String lang) {
        IabStrings s = signals.strings(visitor, lang);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmpId", signals.cmpId());
        m.put("cmpVersion", signals.cmpVersion());
        m.put("gvlVersion", signals.vendorListVersion());
        m.put("gdprApplies", IabSignals.inTcfArea(visitor));
        m.put("gpp", s.gpp().orElse(""));
        m.put("sectionList", s.gppValue().map(g -> g.sectionIds()).orElse(List.of()));
        m.put("applicableSections", s.applicableSections());
        m.put("parsedSections", s.parsedSections());
        m.put("tcString", s.tcString().orElse(""));
        m.put("usPrivacy", s.usPrivacy().orElse(""));
        String json;
        try {
            json = StrictJson.writer().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("IAB page data could not be written", e);
        }
        return new Entry(s, json);
    }

    /** The GPP and TC strings the request brought, read leniently; none when reading is off. */
    IncomingSignals incoming(HttpServletRequest request) {
        if (!config.readIncoming()) {
            return IncomingSignals.NONE;
        }
        String gpp = "";
        String header = config.incomingHeader();
        if (!header.isEmpty()) {
            String h = request.getHeader(header);
            if (h != null) {
                gpp = h.trim();
            }
        }
        String query = request.getQueryString();
        String tc = "";
        if (query != null && (query.contains(GPP_PARAMETER + "=") || query.contains(TC_PARAMETER + "="))) {
            if (gpp.isEmpty()) {
                gpp = parameter(query, GPP_PARAMETER);
            }
            tc = parameter(query, TC_PARAMETER);
        }
        if (gpp.isEmpty() && tc.isEmpty()) {
            return IncomingSignals.NONE;
        }
        return IncomingSignals.read(gpp, tc);
    }

    /**
     * One query parameter, read from the query string only (never from a form body, which the
     * application may still want to read); empty when absent or not decodable.
     */
    static String parameter(String query, String name) {
        if (query.length() > 16_384) {
            return "";
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq == name.length() && pair.startsWith(name)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
        }
        return "";
    }

    /**
     * The incoming TC string as the visitor's choice, when the site accepts it: a valid TCF v2.2 string
     * made under the site's own CMP id; the categories its purposes map to are granted, the others denied.
     */
    Optional<ConsentState> tcfChoice(IncomingSignals in, Catalog catalog, java.time.Instant now) {
        if (!config.tcfConsent() || in.tc().isEmpty() || signals.cmpId() == 0) {
            return Optional.empty();
        }
        TcString tc = in.tc().get();
        if (tc.cmpId() != signals.cmpId() || !tc.v22Problems().isEmpty()
                || !ForeignCookie.plausible(tc.lastUpdated(), now)) {
            return Optional.empty();
        }
        java.util.Set<String> granted = signals.consentedCategories(tc);
        Map<String, org.consent4j.core.decision.Choice> choices = new LinkedHashMap<>();
        for (Category c : catalog.categories()) {
            if (!c.required()) {
                choices.put(c.id(), granted.contains(c.id()) ? org.consent4j.core.decision.Choice.GRANTED
                        : org.consent4j.core.decision.Choice.DENIED);
            }
        }
        return ForeignCookie.state(choices, tc.lastUpdated(), catalog.revision());
    }

    @Override
    public String toString() {
        return "IAB signals (cmp " + signals.cmpId() + ")";
    }

    static @Nullable IabPage of(IabConfig config, Catalog catalog) {
        return config.enabled() ? new IabPage(config, catalog) : null;
    }

    static List<String> varyHeaders(@Nullable IabPage page) {
        List<String> out = new ArrayList<>();
        if (page != null && page.config.readIncoming() && !page.config.incomingHeader().isEmpty()) {
            out.add(page.config.incomingHeader());
        }
        return out;
    }
}
