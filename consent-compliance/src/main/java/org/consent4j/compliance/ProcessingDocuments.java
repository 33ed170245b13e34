package org.consent4j.compliance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.Party;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.RiskLevel;
import org.consent4j.core.catalog.Service;
import org.jspecify.annotations.Nullable;

/**
 * Makes the record of processing and the DPIA screening for the services a site uses.
 *
 * <pre>{@code
 * ProcessingRecord record = ProcessingDocuments.builder()
 *         .catalog(catalog)
 *         .services(List.of("google-analytics", "segmetrics"))
 *         .controller(Controller.of("Example Ltd", "privacy@example.com"))
 *         .build()
 *         .record();
 * String html = DocumentFormat.HTML.render(record, catalog, "fr");
 * }</pre>
 *
 * <p>Immutable and thread-safe once built.
 */
public final class ProcessingDocuments {

    /** The EU member states and the other EEA states (Iceland, Liechtenstein, Norway): GDPR Chapter V. */
    private static final Set<String> EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
            "IS", "LI", "NO");

    private final Catalog catalog;
    private final List<String> serviceIds;
    private final Controller controller;
    private final SiteProfile site;
    private final ProcessingFacts facts;
    private final Clock clock;

    private ProcessingDocuments(Builder b) {
        this.catalog = Objects.requireNonNull(b.catalog, "catalog: call catalog(...) before build()");
        this.serviceIds = List.copyOf(b.serviceIds);
        this.controller = b.controller;
        this.site = b.site;
        this.facts = Objects.requireNonNull(b.facts, "facts");
        this.clock = b.clock;
        List<String> unknown = serviceIds.stream().filter(id -> catalog.service(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("services " + unknown + " are not in the catalog: add them to the site's"
                    + " catalog file or correct the ids");
        }
    }

    /** A builder; the catalog is required, everything else has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The catalog the documents describe services from. */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * Writes a record in a format; Markdown and HTML in the given language (English, French, German or
     * Spanish; other languages fall back to English, and catalog texts fall back as the catalog does).
     */
    public String render(ProcessingRecord record, DocumentFormat format, String language) {
        if (format == DocumentFormat.JSON) {
            return JsonWriter.write(record);
        }
        RecordLayout layout = new RecordLayout(facts, catalog, language);
        List<Block> blocks = layout.blocks(record);
        return format == DocumentFormat.MARKDOWN ? MarkdownWriter.write(blocks)
                : HtmlWriter.write(blocks, layout.language(), DocumentTexts.get("title", layout.language()));
    }

    /** Makes the record now. */
    public ProcessingRecord record() {
        List<Service> used = serviceIds.stream().map(id -> catalog.service(id).orElseThrow()).toList();
        List<ServiceEntry> entries = used.stream().map(this::entry).toList();
        List<ProcessingActivity> activities = new ArrayList<>();
        List<Purpose> purposes = new ArrayList<>(catalog.purposes());
        purposes.sort(Comparator.comparingInt(p -> catalog.category(p.category()).map(c -> c.order())
                .orElse(Integer.MAX_VALUE)));
        for (Purpose purpose : purposes) {
            List<Service> serving = used.stream().filter(s -> s.purposes().contains(purpose.id())).toList();
            if (!serving.isEmpty()) {
                activities.add(activity(purpose, serving));
            }
        }
        DpiaResult result = entries.stream().map(e -> e.screening().result())
                .min(Comparator.naturalOrder()).orElse(DpiaResult.NOT_INDICATED);
        if (site.confirmedCriteria().size() >= 2) {
            result = DpiaResult.REQUIRED;
        }
        return new ProcessingRecord(clock.instant(), catalog.revision(), inventoryHash(serviceIds), controller, site,
                activities, entries, result);
    }

    private ProcessingActivity activity(Purpose purpose, List<Service> serving) {
        Optional<ProcessingFacts.PurposeFacts> pf = facts.purpose(purpose.id());
        Set<String> dataCategories = new LinkedHashSet<>(pf.map(ProcessingFacts.PurposeFacts::dataCategories)
                .orElse(List.of()));
        serving.forEach(s -> facts.service(s.id()).ifPresent(f -> dataCategories.addAll(f.dataCategories())));
        return new ProcessingActivity(purpose.id(), purpose.label(), purpose.category(), purpose.legalBasis(),
                legalReference(purpose.legalBasis(), required(purpose.category())),
                List.copyOf(dataCategories), pf.map(ProcessingFacts.PurposeFacts::dataSubjects).orElse(List.of()),
                serving.stream().map(Service::provider).filter(p -> !p.isBlank()).distinct().toList(),
                serving.stream().map(Service::id).toList());
    }

    private ServiceEntry entry(Service s) {
        Set<String> dataCategories = new LinkedHashSet<>();
        for (String p : s.purposes()) {
            facts.purpose(p).ifPresent(f -> dataCategories.addAll(f.dataCategories()));
        }
        facts.service(s.id()).ifPresent(f -> dataCategories.addAll(f.dataCategories()));
        boolean outsideEea = !s.transfer().country().isEmpty()
                && !EEA.contains(s.transfer().country().toUpperCase(Locale.ROOT));
        List<ServiceEntry.CookieEntry> cookies = s.cookies().stream()
                .map(c -> new ServiceEntry.CookieEntry(c.name().toString(), c.lifetime().text())).toList();
        String retention = s.cookies().stream().max(Comparator.comparing(c -> c.lifetime().duration()))
                .map(c -> c.lifetime().text()).orElse("");
        return new ServiceEntry(s.id(), s.name(), s.provider(), s.category(), s.purposes(), s.legalBasis(),
                legalReference(s.legalBasis(), required(s.category())), s.transfer(), outsideEea, s.risk(), cookies,
                retention, List.copyOf(dataCategories), screen(s, outsideEea), s.source());
    }

    private ServiceScreening screen(Service s, boolean outsideEea) {
        EnumSet<DpiaCriterion> indicated = EnumSet.noneOf(DpiaCriterion.class);
        List<String> reasons = new ArrayList<>();
        for (String p : s.purposes()) {
            facts.purpose(p).ifPresent(f -> {
                if (!f.criteria().isEmpty()) {
                    indicated.addAll(f.criteria());
                    reasons.add("purpose " + p + ": " + (f.note().isEmpty() ? criteriaText(f.criteria()) : f.note()));
                }
            });
        }
        Optional<ProcessingFacts.ServiceFacts> sf = facts.service(s.id());
        sf.ifPresent(f -> {
            if (!f.criteria().isEmpty()) {
                indicated.addAll(f.criteria());
                reasons.add("service facts: " + criteriaText(f.criteria())
                        + (f.source().isEmpty() ? "" : " (source: " + f.source() + ")"));
            }
        });
        if (s.cookies().stream().anyMatch(c -> c.party() == Party.THIRD) && !required(s.category())) {
            indicated.add(DpiaCriterion.SYSTEMATIC_MONITORING);
            reasons.add("third-party cookies let the provider recognise the visitor across sites");
        }
        if (outsideEea) {
            reasons.add("transfer to " + s.transfer().country() + " outside the EEA (GDPR Chapter V), safeguard: "
                    + (s.transfer().safeguard().isEmpty() ? "not stated" : s.transfer().safeguard()));
        }
        if (s.risk() == RiskLevel.HIGH) {
            reasons.add("the catalog rates its privacy risk high");
        }
        Set<DpiaCriterion> confirmed = site.confirmedCriteria();
        EnumSet<DpiaCriterion> all = EnumSet.noneOf(DpiaCriterion.class);
        all.addAll(indicated);
        all.addAll(confirmed);
        DpiaResult result;
        if (all.size() >= 2 && !confirmed.isEmpty()) {
            result = DpiaResult.REQUIRED;
        } else if (!all.isEmpty() || s.risk() == RiskLevel.HIGH) {
            result = DpiaResult.RECOMMENDED;
        } else {
            result = DpiaResult.NOT_INDICATED;
        }
        if (all.size() >= 2 && confirmed.isEmpty()) {
            reasons.add("two or more WP248 criteria are indicated: once the site confirms them, a DPIA is required"
                    + " in most cases");
        }
        return new ServiceScreening(s.id(), indicated, confirmed, reasons, result,
                outline(sf, "flows", s, outsideEea), outline(sf, "risks", s, outsideEea),
                outline(sf, "mitigations", s, outsideEea));
    }

    /** The outline's English lines: the service's own facts first, then what the catalog implies. */
    private List<String> outline(Optional<ProcessingFacts.ServiceFacts> sf, String part, Service s,
                                 boolean outsideEea) {
        List<String> lines = new ArrayList<>(sf.map(f -> switch (part) {
            case "flows" -> f.flows();
            case "risks" -> f.risks();
            default -> f.mitigations();
        }).map(m -> m.getOrDefault("en", List.of())).orElse(List.of()));
        String where = s.transfer().country().isEmpty() ? "" : " (" + s.transfer().country() + ")";
        if (!lines.isEmpty() && !part.equals("flows")) {
            return lines; // the service's own risks and mitigations already say what the catalog would
        }
        switch (part) {
            case "flows" -> {
                if (!s.cookies().isEmpty()) {
                    lines.add("Cookies on the visitor's device: " + String.join(", ",
                            s.cookies().stream().map(c -> c.name().toString()).toList()));
                }
                if (!s.hosts().isEmpty()) {
                    lines.add("Requests from the visitor's browser to " + String.join(", ", s.hosts()) + where);
                }
            }
            case "risks" -> {
                if (outsideEea) {
                    lines.add("Transfer to " + s.transfer().country() + ": assess the destination's law and the"
                            + " safeguard (GDPR Art. 44–46)");
                }
            }
            default -> {
                if (s.legalBasis() == LegalBasis.CONSENT) {
                    lines.add("Loaded and its cookies set only after the visitor's consent, enforced on the server");
                    lines.add("Every choice recorded as proof of consent (GDPR Art. 7(1))");
                }
                if (!s.transfer().safeguard().isEmpty()) {
                    lines.add("Transfer safeguard: " + s.transfer().safeguard());
                }
            }
        }
        return lines;
    }

    private boolean required(String categoryId) {
        return catalog.category(categoryId).map(c -> c.required()).orElse(false);
    }

    private static String criteriaText(Set<DpiaCriterion> criteria) {
        return String.join(", ", criteria.stream().sorted().map(c -> "WP248 criterion " + c.number() + " ("
                + c.id() + ")").toList());
    }

    /** The articles a lawful basis relies on; necessary cookies use the ePrivacy exemption. */
    static String legalReference(LegalBasis basis, boolean strictlyNecessary) {
        String article = switch (basis) {
            case CONSENT -> "GDPR Art. 6(1)(a)";
            case CONTRACT -> "GDPR Art. 6(1)(b)";
            case LEGAL_OBLIGATION -> "GDPR Art. 6(1)(c)";
            case LEGITIMATE_INTEREST -> "GDPR Art. 6(1)(f)";
        };
        return article + (strictlyNecessary
                ? "; storage on the device exempt from consent as strictly necessary (ePrivacy Directive Art. 5(3))"
                : "; storage and access on the device with consent (ePrivacy Directive Art. 5(3))");
    }

    static String inventoryHash(List<String> serviceIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            serviceIds.stream().sorted().distinct()
                    .forEach(id -> sha.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Builds {@link ProcessingDocuments}. Not thread-safe; {@link #build()} leaves it reusable. */
    public static final class Builder {
        private @Nullable Catalog catalog;
        private final List<String> serviceIds = new ArrayList<>();
        private Controller controller = Controller.unknown();
        private SiteProfile site = SiteProfile.unstated();
        private @Nullable ProcessingFacts facts;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The catalog that describes the services (the bundled one plus the site's). */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * The services the site uses, by catalog id; without any, the services of the catalog's
         * {@linkplain Catalog#inventory() inventory} (every service when the site declares none).
         */
        public Builder services(List<String> ids) {
            ids.forEach(id -> Objects.requireNonNull(id, "service id"));
            serviceIds.addAll(ids);
            return this;
        }

        /** The controller, GDPR Art. 30(1)(a). */
        public Builder controller(Controller controller) {
            this.controller = Objects.requireNonNull(controller, "controller");
            return this;
        }

        /** What the site says about its own processing. */
        public Builder site(SiteProfile site) {
            this.site = Objects.requireNonNull(site, "site");
            return this;
        }

        /** The processing facts; {@link ProcessingFacts#bundled()} by default. */
        public Builder facts(ProcessingFacts facts) {
            this.facts = Objects.requireNonNull(facts, "facts");
            return this;
        }

        /** The clock that dates the record; the system's UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The generator.
         *
         * @throws NullPointerException     when no catalog was given
         * @throws IllegalArgumentException when a service id is not in the catalog
         */
        public ProcessingDocuments build() {
            Builder copy = new Builder();
            copy.catalog = catalog;
            copy.serviceIds.addAll(serviceIds.isEmpty() && catalog != null
                    ? catalog.inventory().services().stream().map(Service::id).toList() : serviceIds);
            copy.controller = controller;
            copy.site = site;
            copy.facts = facts == null ? ProcessingFacts.bundled() : facts;
            copy.clock = clock;
            return new ProcessingDocuments(copy);
        }
    }

}
