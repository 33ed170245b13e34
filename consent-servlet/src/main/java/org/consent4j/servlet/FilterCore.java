package org.consent4j.servlet;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.consent4j.core.catalog.CookieSpec;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.cookie.ConsentCookieCodec;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Reason;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.iab.IncomingSignals;
import org.consent4j.records.ConsentRecord;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.servlet.banner.Banner;
import org.consent4j.servlet.csp.ContentSecurityPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything a started filter needs per request, built once from its configuration. Thread-safe. */
final class FilterCore {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentFilter.class);
    private static final java.util.regex.Pattern SUBJECT = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    final ConsentFilterConfig config;
    final ConsentEngine engine;
    final ConsentCookieCodec codec;
    final SignedCookieSource cookieSource;
    final List<ConsentSource> sources;
    final CookieGate gate;
    final CookieWriter cookies;
    final Counters counters = new Counters();
    final List<String> varyNames;
    final String varyValue;
    final LocalDate gpcLastUpdate;
    final ConsentEndpoints endpoints;
    /** The per-client limit on choices and subject access requests. */
    final ChoiceRateLimiter rateLimiter;
    final InventoryEndpoint inventory;
    /** The banner, or null when it is off. */
    final @Nullable Banner banner;
    /** The consent-derived Content-Security-Policy, or null when it is off. */
    final @Nullable ContentSecurityPolicy csp;
    /** The IAB signals, or null when they are off (the default). */
    final @Nullable IabPage iab;
    private volatile boolean resolverFailureLogged;
    private volatile boolean sourceFailureLogged;

    FilterCore(ConsentFilterConfig config) {
        this.config = config;
        this.engine = config.engine();
        KeySet keys = config.keys().orElseGet(() -> {
            LOG.warn("consent4j: no signing keys configured (setting 'keys' or 'keys-env'), so a random key was "
                    + "generated for this process. Visitors' choices will NOT survive a restart and will NOT be "
                    + "accepted by other instances. Configure keys, e.g. keys=k1:<32 or more random bytes in base64url>.");
            return KeySet.generate();
        });
        this.codec = ConsentCookieCodec.builder().keys(keys).clock(engine.clock()).build();
        this.cookieSource = new SignedCookieSource(config.cookieName(), codec);
        List<ConsentSource> all = new ArrayList<>();
        all.add(cookieSource);
        all.addAll(config.sources());
        this.sources = List.copyOf(all);
        CookieInventory inventory = new CookieInventory(config.inventorySize(), engine.clock());
        this.gate = new CookieGate(engine.catalog(), config.cookieName(), config.necessaryCookies(),
                config.unknownCookies(), inventory, counters, config.traffic().discovery());
        this.cookies = new CookieWriter(config.cookieName(), config.secureCookie(), config.cookieDomain(),
                config.expireDomains(), config.expireParentDomains(), config.cookieCustomizer());
        this.iab = config.iabInstance();
        List<String> vary = new ArrayList<>(List.of("Cookie", Gpc.HEADER));
        List<String> varyOn = new ArrayList<>(config.jurisdictionResolver().headers());
        varyOn.addAll(IabPage.varyHeaders(iab));
        for (String h : varyOn) {
            if (vary.stream().noneMatch(h::equalsIgnoreCase)) {
                vary.add(h);
            }
        }
        this.varyNames = List.copyOf(vary);
        this.varyValue = String.join(", ", vary);
        this.gpcLastUpdate = config.gpcLastUpdate().orElseGet(() -> LocalDate.ofInstant(engine.clock().instant(), ZoneOffset.UTC));
        this.rateLimiter = new ChoiceRateLimiter(config.choiceRatePerSecond(), config.choiceRateBurst(),
                com.github.benmanes.caffeine.cache.Ticker.systemTicker());
        this.endpoints = new ConsentEndpoints(this);
        this.inventory = new InventoryEndpoint(config.prefix(), config.inventoryToken(), config.traffic().discovery());
        this.banner = config.bannerInstance();
        this.csp = config.cspInstance();
        if (csp == null && config.csp().isEmpty() && config.htmlGate().isEmpty()) {
            LOG.info("consent4j: the HTML gate is off, so HTML pages get no consent-derived Content-Security-Policy");
        }
    }

    /**
     * The visitor's consent for this request: location, GPC, stored choice. One pass over the
     * {@code Cookie} header finds the consent cookie and the cookies of catalogued services (for
     * {@link #expireRefused}).
     */
    ConsentContext evaluate(HttpServletRequest request) {
        String location = resolve(request);
        boolean gpc = Gpc.read(request);
        IabPage iabPage = iab;
        IncomingSignals incoming = iabPage == null ? IncomingSignals.NONE : iabPage.incoming(request);
        // An opt-out in an incoming GPP string (or its Gpc field) is honoured like Sec-GPC: docs/iab.md.
        gpc = gpc || incoming.optOut();
        Optional<ConsentCookie> stored = Optional.empty();
        List<String> serviceCookies = null;
        RequestCookies sent = RequestCookies.of(request);
        while (sent.next()) {
            if (sent.nameIs(config.cookieName())) {
                if (stored.isEmpty()) {
                    stored = cookieSource.decode(sent.value());
                }
            } else {
                String name = sent.name();
                if (gate.serviceForCookie(name).isPresent()) {
                    if (serviceCookies == null) {
                        serviceCookies = new ArrayList<>(2);
                    }
                    if (!serviceCookies.contains(name)) {
                        serviceCookies.add(name);
                    }
                }
            }
        }
        boolean imported = false;
        if (stored.isEmpty() && sources.size() > 1) {
            stored = readOtherSources(request);
            imported = stored.isPresent();
        }
        if (stored.isEmpty() && iabPage != null && incoming != IncomingSignals.NONE) {
            // Only where the site accepts TC strings as choices, and only strings of its own CMP id.
            stored = iabPage.tcfChoice(incoming, engine.catalog(), engine.clock().instant())
                    .map(s -> new ConsentCookie("", s));
            imported = stored.isPresent();
        }
        VisitorConsent visitor = engine.evaluate(location, Signals.of(gpc), stored.map(ConsentCookie::state));
        ConsentContext context = new ConsentContext(visitor, stored.map(ConsentCookie::subjectId).orElse(""), location);
        if (imported) {
            context.markImported();
        }
        if (serviceCookies != null) {
            context.sentServiceCookies(serviceCookies);
        }
        attachIab(context, request);
        return context;
    }

    /** Lets the context make the visitor's IAB signals on first use, when they are on. */
    void attachIab(ConsentContext context, HttpServletRequest request) {
        IabPage page = iab;
        if (page != null) {
            VisitorConsent visitor = context.visitorQuietly();
            context.iabSource(() -> page.strings(visitor, language(request)));
        }
    }

    /** The language of the texts the visitor sees: the banner's for this request, else English. */
    String language(HttpServletRequest request) {
        Banner b = banner;
        return b == null ? "en" : b.language(request);
    }

    private String resolve(HttpServletRequest request) {
        try {
            String location = config.jurisdictionResolver().resolve(request);
            return location == null ? "" : location;
        } catch (RuntimeException e) {
            if (!resolverFailureLogged) {
                resolverFailureLogged = true;
                LOG.warn("jurisdiction resolver {} failed; using the fallback jurisdiction (logged once)",
                        config.jurisdictionResolver(), e);
            }
            return "";
        }
    }

    private Optional<ConsentCookie> readOtherSources(HttpServletRequest request) {
        for (int i = 1; i < sources.size(); i++) {
            ConsentSource source = sources.get(i);
            try {
                Optional<ConsentCookie> c = source.read(request);
                if (c.isPresent()) {
                    return c;
                }
            } catch (RuntimeException e) {
                if (!sourceFailureLogged) {
                    sourceFailureLogged = true;
                    LOG.warn("consent source {} failed; treating it as no choice (logged once)", source, e);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Expires the cookies the browser sent that belong to services this visitor does not allow,
     * host-only and on every configured domain.
     */
    void expireRefused(HttpServletRequest request, ConsentContext context, VisitorConsent visitor,
                       GatedResponse response) {
        for (String name : context.sentServiceCookies()) {
            Optional<Service> service = gate.serviceForCookie(name);
            if (service.isPresent() && !visitor.service(service.get().id()).allowed()) {
                for (Cookie expiry : cookies.expiries(name, request.isSecure(), request.getServerName(),
                        expiryPaths(service.get(), name))) {
                    response.addOwnCookie(expiry);
                }
                counters.cookiesExpired.increment();
            }
        }
    }

    /**
     * The paths to expire a refused cookie on: {@code /} and the paths the catalog says the service
     * sets it with. Browsers accept a {@code Path} other than the request's, so they are expired from
     * any page. A cookie on a path nobody declared stays until it expires (see docs/filter.md).
     */
    static List<String> expiryPaths(Service service, String cookieName) {
        List<String> paths = new ArrayList<>(1);
        paths.add("/");
        for (CookieSpec spec : service.cookies()) {
            if (spec.name().matches(cookieName) && !paths.contains(spec.path())) {
                paths.add(spec.path());
            }
        }
        return paths;
    }

    /**
     * When GPC, honoured here, overrides grants the visitor stored, records one {@code GPC_OPT_OUT}
     * and rewrites the cookie with those grants denied, so it is recorded once and the opt-out stays
     * even if a later request comes without the signal (Colorado Privacy Act Rule 5.09; Cal. Code
     * Regs. tit. 11, § 7025(c)).
     */
    void recordGpcOptOut(HttpServletRequest request, ConsentContext context, GatedResponse response) {
        VisitorConsent visitor = context.visitorQuietly();
        if (!config.recordGpcOptOuts() || !visitor.signals().gpc() || !visitor.jurisdiction().gpcHonoured()
                || visitor.state().isEmpty()) {
            return;
        }
        ConsentState state = visitor.state().get();
        Map<String, Choice> categories = new TreeMap<>(state.categories());
        Map<String, Choice> services = new TreeMap<>(state.services());
        boolean changed = false;
        for (Map.Entry<String, Choice> e : state.categories().entrySet()) {
            if (e.getValue() == Choice.GRANTED && visitor.category(e.getKey()).reason().gpcOptOut()) {
                categories.put(e.getKey(), Choice.DENIED);
                changed = true;
            }
        }
        for (Map.Entry<String, Choice> e : state.services().entrySet()) {
            if (e.getValue() == Choice.GRANTED && visitor.service(e.getKey()).reason().gpcOptOut()) {
                services.put(e.getKey(), Choice.DENIED);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        // The grants left keep their time and catalog revision: an opt-out must not extend them.
        ConsentState updated = new ConsentState(categories, services, state.decidedAt(), state.catalogRevision(),
                state.jurisdiction(), ConsentMethod.GPC_OPT_OUT, true, state.categoryRevisions(), state.serviceRevisions());
        String subject = subjectFor(context);
        Instant now = visitor.now();
        String value;
        try {
            value = codec.encode(new ConsentCookie(subject, updated));
        } catch (IllegalArgumentException e) {
            LOG.debug("GPC opt-out not recorded: the stored choice cannot be written back as a consent cookie ({})",
                    e.getMessage());
            return;
        }
        ConsentRecord record = recordBuilder(request, subject, now, visitor.jurisdiction())
                .catalogRevision(state.catalogRevision()).categories(categories).services(services)
                .method(ConsentMethod.GPC_OPT_OUT).gpc(true).build();
        if (!append(record)) {
            return;
        }
        counters.gpcOptOutsRecorded.increment();
        Duration left = Duration.between(now, visitor.jurisdiction().expiresAt(state.decidedAt()));
        response.addOwnCookie(cookies.consentCookie(value, left));
    }

    /**
     * Records a choice read from another consent manager's cookie once, as an import, and stores it in
     * the signed consent4j cookie, which wins from the next request on. When the record cannot be
     * written the choice still applies to this request and the import is tried again on the next.
     */
    void recordImport(HttpServletRequest request, ConsentContext context, GatedResponse response) {
        if (!context.imported()) {
            return;
        }
        VisitorConsent visitor = context.visitorQuietly();
        Optional<ConsentState> stored = visitor.state();
        if (stored.isEmpty()) {
            return;
        }
        ConsentState state = stored.get();
        Instant now = visitor.now();
        Duration left = Duration.between(now, state.decidedAt().plus(visitor.jurisdiction().maxChoiceAge()));
        if (left.isNegative() || left.isZero()) {
            return; // expired under this jurisdiction's rules: the visitor is asked again instead
        }
        String subject = subjectFor(context);
        String value;
        try {
            value = codec.encode(new ConsentCookie(subject, state));
        } catch (IllegalArgumentException e) {
            LOG.debug("imported choice not rewritten: it cannot be written as a consent cookie ({})", e.getMessage());
            return;
        }
        ConsentRecord record = recordBuilder(request, subject, now, visitor.jurisdiction())
                .catalogRevision(state.catalogRevision()).categories(state.categories()).services(state.services())
                .method(ConsentMethod.IMPORT).gpc(visitor.signals().gpc()).build();
        if (!append(record)) {
            return;
        }
        response.addOwnCookie(cookies.consentCookie(value, left));
    }

    /**
     * The visitor's subject id, or a new one when there is none or another consent source supplied
     * one that cannot be written in the consent cookie.
     */
    static String subjectFor(ConsentContext context) {
        String subject = context.subjectIdQuietly();
        return SUBJECT.matcher(subject).matches() ? subject : ConsentCookie.newSubjectId();
    }

    ConsentRecord.Builder recordBuilder(HttpServletRequest request, String subject, Instant at, Jurisdiction j) {
        ConsentRecord.Builder b = ConsentRecord.builder(subject, at).jurisdiction(j.code(), j.regime(), j.laws());
        if (config.recordClientAddress()) {
            b.clientAddress(ClientAddress.truncate(request.getRemoteAddr()));
        }
        if (config.recordUserAgent()) {
            String ua = request.getHeader("User-Agent");
            if (ua != null) {
                b.userAgent(ua.length() > 512 ? ua.substring(0, 512) : ua);
            }
        }
        return b;
    }

    /**
     * Archives the texts document a choice names (when the banner rendered it and the sink keeps an
     * archive), so the record can be rendered back; false (logged and counted) when the archive failed.
     */
    boolean archiveTexts(String textsHash) {
        Banner b = banner;
        if (textsHash.isEmpty() || b == null) {
            return true;
        }
        Optional<byte[]> document = b.shownTexts(textsHash);
        if (document.isEmpty()) {
            LOG.debug("texts hash {} was not rendered by this banner (a page from before a change of texts); kept as sent",
                    textsHash);
            return true;
        }
        ConsentRecordSink sink = config.recordSink();
        try {
            sink.textsArchive().ifPresent(a -> a.put(document.get()));
            return true;
        } catch (RuntimeException e) {
            counters.recordFailures.increment();
            LOG.error("the texts {} could not be archived by {}; the choice was not acknowledged", textsHash, sink, e);
            return false;
        }
    }

    /** Appends a record; false (logged and counted) when the sink failed. */
    boolean append(ConsentRecord record) {
        ConsentRecordSink sink = config.recordSink();
        try {
            sink.append(record);
            return true;
        } catch (RuntimeException e) {
            counters.recordFailures.increment();
            LOG.error("consent record {} ({}) could not be written to {}; the choice was not acknowledged",
                    record.id(), record.method(), sink, e);
            return false;
        }
    }

    ConsentFilterStats stats() {
        return counters.snapshot(cookieSource.rejected());
    }
}
