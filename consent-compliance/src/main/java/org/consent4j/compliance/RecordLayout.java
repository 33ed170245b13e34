package org.consent4j.compliance;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;

/** Lays a record out as blocks in one language, for the Markdown and HTML writers. */
final class RecordLayout {

    private final ProcessingFacts facts;
    private final Catalog catalog;
    private final String lang;

    RecordLayout(ProcessingFacts facts, Catalog catalog, String language) {
        this.facts = facts;
        this.catalog = catalog;
        this.lang = DocumentTexts.speaks(language) ? language : "en";
    }

    String language() {
        return lang;
    }

    List<Block> blocks(ProcessingRecord r) {
        List<Block> out = new ArrayList<>();
        out.add(new Block.Heading(1, t("title")));
        out.add(new Block.Paragraph(String.format(t("draft"),
                DateTimeFormatter.ISO_LOCAL_DATE.format(r.generatedAt().atOffset(ZoneOffset.UTC)),
                r.catalogRevision(), r.inventoryHash().substring(0, 12))));

        out.add(new Block.Heading(2, t("controller") + " (Art. 30(1)(a))"));
        Controller c = r.controller();
        out.add(new Block.Table(t("controller"), List.of(t("field"), t("value")), List.of(
                List.of(t("name"), orTodo(c.name())), List.of(t("contact"), orTodo(c.contact())),
                List.of(t("dpo"), orTodo(c.dpo())), List.of(t("representative"), orTodo(c.representative())))));

        Map<String, ServiceEntry> byId = r.services().stream()
                .collect(Collectors.toMap(ServiceEntry::id, Function.identity()));
        out.add(new Block.Heading(2, t("activities") + " (Art. 30(1)(b)–(f))"));
        for (ProcessingActivity a : r.activities()) {
            List<ServiceEntry> serving = a.services().stream().map(byId::get).toList();
            out.add(new Block.Heading(3, a.label().get(lang)));
            List<String> transfers = serving.stream().filter(ServiceEntry::outsideEea)
                    .map(s -> s.name() + ": " + s.transfer().country() + " (" + orNotStated(s.transfer().safeguard()) + ")")
                    .toList();
            List<String> retention = serving.stream().map(s -> s.name() + ": "
                    + (s.retention().isEmpty() ? t("noCookies") : String.format(t("upTo"), s.retention())))
                    .toList();
            out.add(new Block.Table(a.label().get(lang), List.of(t("field"), t("value")), List.of(
                    List.of(t("purpose"), a.label().get(lang) + " (" + categoryLabel(a.category()) + ")"),
                    List.of(t("legalBasis"), a.legalReference()),
                    List.of(t("dataSubjects"), join(a.dataSubjects().stream()
                            .map(id -> facts.dataSubjectLabel(id, lang)).toList())),
                    List.of(t("dataCategories"), join(a.dataCategories().stream()
                            .map(id -> facts.dataCategoryLabel(id, lang)).toList())),
                    List.of(t("recipients"), join(a.recipients())),
                    List.of(t("transfers"), transfers.isEmpty() ? t("none") : String.join("; ", transfers)),
                    List.of(t("retention"), String.join("; ", retention)),
                    List.of(t("services"), join(serving.stream().map(ServiceEntry::name).toList())))));
        }

        out.add(new Block.Heading(2, t("services")));
        List<List<String>> rows = new ArrayList<>();
        for (ServiceEntry s : r.services()) {
            rows.add(List.of(s.name(), s.recipient(), categoryLabel(s.category()), s.legalReference(),
                    s.transfer().country().isEmpty() ? t("none")
                            : s.transfer().country() + " (" + orNotStated(s.transfer().safeguard()) + ")",
                    s.risk().name().toLowerCase(Locale.ROOT),
                    join(s.cookies().stream().map(k -> k.name() + " (" + k.lifetime() + ")").toList())));
        }
        out.add(new Block.Table(t("services"), List.of(t("service"), t("provider"), t("category"), t("legalBasis"),
                t("transfer"), t("risk"), t("cookies")), rows));

        out.add(new Block.Heading(2, t("security") + " (Art. 30(1)(g))"));
        if (!r.site().securityMeasures().isEmpty()) {
            out.add(new Block.Paragraph(r.site().securityMeasures()));
        }
        out.add(new Block.Paragraph(String.format(t("consentMechanism"),
                r.site().consentRecordRetention().isEmpty() ? t("todo") : r.site().consentRecordRetention())));

        out.add(new Block.Heading(2, t("dpia") + " (Art. 35)"));
        out.add(new Block.Paragraph(String.format(t("dpiaIntro"), t(r.result().name()))));
        List<List<String>> screening = new ArrayList<>();
        for (ServiceEntry s : r.services()) {
            screening.add(List.of(s.name(), criteria(s.screening()), t(s.screening().result().name())));
        }
        out.add(new Block.Table(t("dpia"), List.of(t("service"), t("criteria"), t("result")), screening));
        out.add(new Block.Paragraph(t("legend")));
        for (ServiceEntry s : r.services()) {
            ServiceScreening sc = s.screening();
            if (sc.result() == DpiaResult.NOT_INDICATED) {
                continue;
            }
            out.add(new Block.Heading(3, String.format(t("outline"), s.name())));
            section(out, t("reasons"), sc.reasons());
            section(out, t("flows"), sc.flows());
            section(out, t("risks"), sc.risks());
            section(out, t("mitigations"), sc.mitigations());
        }
        return out;
    }

    private static void section(List<Block> out, String title, List<String> items) {
        if (!items.isEmpty()) {
            out.add(new Block.Paragraph(title + ":"));
            out.add(new Block.Items(items));
        }
    }

    private static String criteria(ServiceScreening s) {
        List<String> ids = s.criteria().stream().map(c -> c.number() + " " + c.id()
                + (s.confirmed().contains(c) ? "" : "?")).toList();
        return ids.isEmpty() ? "–" : String.join(", ", ids);
    }

    private String categoryLabel(String id) {
        return catalog.category(id).map(Category::label).map(l -> l.get(lang)).orElse(id);
    }

    private String t(String key) {
        return DocumentTexts.get(key, lang);
    }

    private String orTodo(String value) {
        return value.isBlank() ? "(" + t("todo") + ")" : value;
    }

    private String orNotStated(String value) {
        return value.isBlank() ? t("notStated") : value;
    }

    private String join(List<String> values) {
        return values.isEmpty() ? t("none") : String.join(", ", values);
    }
}
