package org.consent4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.iab.GppSection;
import org.consent4j.iab.GppString;
import org.consent4j.iab.IabFormatException;
import org.consent4j.iab.IabSignals;
import org.consent4j.iab.IdSet;
import org.consent4j.iab.TcString;
import org.consent4j.iab.UsPrivacy;
import picocli.CommandLine.Parameters;

/**
 * {@code signals decode STRING}: an IAB GPP string, TC string or US Privacy string as JSON, or the field
 * that is wrong; {@code signals encode}: the strings consent4j sends for a visitor in a jurisdiction with
 * a choice and a GPC signal.
 */
@picocli.CommandLine.Command(name = "signals", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "(decode | encode)",
        description = "decode and encode IAB consent signals: GPP, TCF v2 TC strings, US Privacy strings",
        subcommands = {SignalsCommand.Decode.class, SignalsCommand.Encode.class})
final class SignalsCommand extends Command {

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec().commandLine(), "give an action: decode or encode");
    }

    /** {@code signals decode}. */
    @picocli.CommandLine.Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ",
            description = "print the string's fields as JSON; the kind is recognised from the string itself",
            footerHeading = "%nexit status: ", footer = "0 decoded, 2 not a valid string (the wrong field is named)")
    static final class Decode extends Command {

        @Parameters(index = "0", paramLabel = "STRING", description = "a GPP string (D…), a TC string (C…) or a US"
                + " Privacy string (1YNN)")
        String text;

        @Override
        public Integer call() throws Exception {
            String s = text.trim();
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            try {
                if (s.length() == 4 && s.charAt(0) == '1') {
                    root.put("kind", "uspv1");
                    root.set("value", json(UsPrivacy.parse(s)));
                } else if (s.startsWith("C")) {
                    TcString tc = TcString.parse(s);
                    root.put("kind", "tcfeuv2");
                    root.set("value", json(tc));
                    ArrayNode problems = root.putArray("v22Problems");
                    tc.v22Problems().forEach(problems::add);
                } else {
                    GppString gpp = GppString.parse(s);
                    root.put("kind", "gpp");
                    ArrayNode sections = root.putArray("sections");
                    for (GppSection section : gpp.sections()) {
                        ObjectNode n = sections.addObject().put("id", section.id()).put("name", section.name());
                        n.set("value", json(section));
                    }
                }
            } catch (IabFormatException e) {
                throw fail(USAGE, e.getMessage());
            }
            out.println(StrictJson.prettyWriter().writeValueAsString(root));
            out.flush();
            return OK;
        }
    }

    /** {@code signals encode}. */
    @picocli.CommandLine.Command(name = "encode", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ", sortOptions = false,
            description = {"print the GPP string, TC string and US Privacy string consent4j sends for a visitor",
                "(bundled catalog and jurisdictions): usnat and the state's section for a US visitor, uspv1 in",
                "California, a TC string in the EEA, the UK and Switzerland when --cmp-id and",
                "--vendor-list-version are given and the visitor has chosen"},
            footerHeading = "%nexit status: ", footer = "0 encoded, 2 bad arguments (the bad value is named)")
    static final class Encode extends Command {

        @picocli.CommandLine.Option(names = "--jurisdiction", required = true, paramLabel = "CODE",
                converter = JurisdictionCode.class, description = "where the visitor is: FR, US-CA, … or default")
        String location;

        @picocli.CommandLine.Option(names = "--consent", paramLabel = "VALUE", description = {"the visitor's choice:"
                + " none (no choice yet, the default), all, reject, or a comma-separated list of categories to grant",
                "(the others are denied), e.g. analytics,marketing"})
        String consent = "none";

        @picocli.CommandLine.Option(names = "--gpc", description = "the browser sends Global Privacy Control (Sec-GPC: 1)")
        boolean gpc;

        @picocli.CommandLine.Option(names = "--cmp-id", paramLabel = "N",
                description = "the site's CMP id registered with IAB Europe (1-4095); with --vendor-list-version")
        Integer cmpId;

        @picocli.CommandLine.Option(names = "--cmp-version", paramLabel = "N", description = "the CMP version (0-4095, default 1)")
        int cmpVersion = 1;

        @picocli.CommandLine.Option(names = "--vendor-list-version", paramLabel = "N",
                description = "the Global Vendor List version (1-4095); with --cmp-id")
        Integer vendorListVersion;

        @picocli.CommandLine.Option(names = "--language", paramLabel = "LL",
                description = "the language of the texts shown, two letters (default EN)")
        String language = "EN";

        @picocli.CommandLine.Option(names = "--format", paramLabel = "FORMAT",
                description = "json (default) or text: one string per line")
        String format = "json";

        @Override
        public Integer call() throws Exception {
            if (!format.equals("json") && !format.equals("text")) {
                throw fail(USAGE, "--format '" + format + "' is not json or text");
            }
            if ((cmpId == null) != (vendorListVersion == null)) {
                throw fail(USAGE, "--cmp-id and --vendor-list-version go together: a TC string needs both");
            }
            if (!language.matches("[A-Za-z]{2}")) {
                throw fail(USAGE, "--language '" + language + "' is not two letters");
            }
            Catalog catalog = Catalogs.bundled();
            JurisdictionTable table = Jurisdictions.bundled();
            IabSignals.Builder b = IabSignals.builder().catalog(catalog);
            if (cmpId != null) {
                try {
                    b.cmp(cmpId, cmpVersion, vendorListVersion);
                } catch (IllegalArgumentException e) {
                    throw fail(USAGE, "--cmp-id " + cmpId + ", --cmp-version " + cmpVersion + ", --vendor-list-version "
                            + vendorListVersion + ": " + e.getMessage());
                }
            }
            IabSignals signals = b.build();
            Instant now = Instant.now();
            Jurisdiction jurisdiction = location.equals(
                    Jurisdiction.DEFAULT_CODE) ? table.fallback()
                    : table.resolve(location, LocalDate.ofInstant(now, ZoneOffset.UTC));
            Optional<ConsentState> state = state(catalog, jurisdiction.code(), now);
            VisitorConsent visitor = ConsentEngine.builder()
                    .catalog(catalog).jurisdictions(table).build()
                    .evaluate(jurisdiction, Signals.of(gpc), state);
            String lang = language.toUpperCase(Locale.ROOT);
            Optional<GppString> gppString = signals.gpp(visitor, lang);
            Optional<TcString> tc = signals.tcString(visitor, lang);
            Optional<UsPrivacy> usp = signals.usPrivacy(visitor);
            List<String> notes = new ArrayList<>();
            if (tc.isEmpty() && IabSignals.tcfArea(jurisdiction.code())) {
                notes.add(cmpId == null ? "no TC string: give --cmp-id and --vendor-list-version"
                        : "no TC string: the visitor has made no choice (give --consent)");
            }
            if (gppString.isEmpty()) {
                notes.add("no GPP string: " + jurisdiction.code() + " is neither in the US nor in the TCF area");
            }
            if (format.equals("text")) {
                out.println("gpp " + gppString.map(GppString::encode).orElse("-"));
                out.println("tcf " + tc.map(TcString::encode).orElse("-"));
                out.println("usp " + usp.map(UsPrivacy::encode).orElse("-"));
                notes.forEach(n -> out.println("# " + n));
            } else {
                ObjectNode root = JsonNodeFactory.instance.objectNode();
                root.put("jurisdiction", jurisdiction.code());
                root.put("regime", jurisdiction.regime().toString());
                root.put("gpc", gpc);
                gppString.ifPresentOrElse(g -> {
                    root.put("gpp", g.encode());
                    ArrayNode ids = root.putArray("gppSectionIds");
                    g.sectionIds().forEach(ids::add);
                }, () -> root.putNull("gpp"));
                tc.ifPresentOrElse(t -> root.put("tcString", t.encode()), () -> root.putNull("tcString"));
                usp.ifPresentOrElse(u -> root.put("usPrivacy", u.encode()), () -> root.putNull("usPrivacy"));
                ArrayNode n = root.putArray("notes");
                notes.forEach(n::add);
                out.println(StrictJson.prettyWriter().writeValueAsString(root));
            }
            out.flush();
            return OK;
        }

        private Optional<ConsentState> state(Catalog catalog,
                                                                          String code, Instant now) {
            String c = consent.trim();
            if (c.equals("none")) {
                return Optional.empty();
            }
            if (c.isEmpty()) {
                throw fail(USAGE, "--consent is empty: give none, all, reject or a list of categories");
            }
            ConsentState.Builder b = ConsentState
                    .builder(now, catalog).jurisdiction(code).gpc(gpc);
            List<Category> choosable = catalog.categories().stream()
                    .filter(x -> !x.required()).toList();
            Set<String> granted = new HashSet<>();
            switch (c) {
                case "all" -> {
                    b.method(ConsentMethod.ACCEPT_ALL);
                    choosable.forEach(x -> granted.add(x.id()));
                }
                case "reject" -> b.method(ConsentMethod.REJECT_ALL);
                default -> {
                    b.method(ConsentMethod.CUSTOM);
                    for (String id : c.split(",", -1)) {
                        String t = id.trim();
                        if (catalog.category(t).isEmpty()) {
                            throw fail(USAGE, "unknown category '" + t + "' in --consent; known categories: "
                                    + String.join(", ", catalog.categories().stream()
                                            .map(Category::id).toList())
                                    + " (or none, all, reject)");
                        }
                        granted.add(t);
                    }
                }
            }
            choosable.forEach(x -> {
                if (granted.contains(x.id())) {
                    b.grant(x.id());
                } else {
                    b.deny(x.id());
                }
            });
            return Optional.of(b.build());
        }
    }

    /** A record's components as JSON: optionals unwrapped, id sets as arrays, times as ISO-8601. */
    static JsonNode json(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof Optional<?> o) {
            return o.map(SignalsCommand::json).orElse(f.nullNode());
        }
        if (value instanceof IdSet ids) {
            ArrayNode a = f.arrayNode();
            ids.ids().forEach(a::add);
            return a;
        }
        if (value instanceof UsPrivacy usp) {
            return f.textNode(usp.encode());
        }
        if (value instanceof Instant || value instanceof Enum<?>) {
            return f.textNode(value.toString());
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof String str) {
            return f.textNode(str);
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode n = f.objectNode();
            m.forEach((k, v) -> n.set(String.valueOf(k), json(v)));
            return n;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode a = f.arrayNode();
            c.forEach(v -> a.add(json(v)));
            return a;
        }
        if (value instanceof Record r) {
            ObjectNode n = f.objectNode();
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    n.set(rc.getName(), json(rc.getAccessor().invoke(r)));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + rc.getName() + " of " + r.getClass(), e);
                }
            }
            return n;
        }
        return f.textNode(String.valueOf(value));
    }
}
