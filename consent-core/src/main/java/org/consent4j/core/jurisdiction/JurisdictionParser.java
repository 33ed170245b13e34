package org.consent4j.core.jurisdiction;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Period;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.consent4j.core.catalog.SensitiveData;
import org.consent4j.core.internal.json.StrictJson;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON form of jurisdictions and validates it, collecting every problem before failing.
 *
 * <p>Format: {@code {"jurisdictions": [{"code", "name", "regime", "regimeBasis", "from", "until",
 * "gpcHonoured", "gpcDutyFrom", "grantOverGpc", "maxChoiceAge", "sensitiveOptIn", "exemptions", "laws",
 * "source", "sourceUrl", "note"}]}}. {@code code}, {@code name}, {@code regime}, {@code gpcHonoured},
 * {@code maxChoiceAge}, {@code laws} and {@code source} are required; {@code gpcSince} is read as the
 * earlier name of {@code gpcDutyFrom}. An entry {@code {"code", "name", "sameAs", "source",
 * "sourceUrl"}} makes the code an alias. Unknown fields are errors (a misspelt {@code gpcHonored} must
 * not pass silently).
 */
final class JurisdictionParser {

    /** Longest accepted choice age; longer is taken for a typo (P12Y for P12M). */
    static final int MAX_CHOICE_AGE_DAYS = 5 * 365;

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    private static final Pattern AGE = Pattern.compile("P(?:(\\d{1,5})Y)?(?:(\\d{1,5})M)?(?:(\\d{1,5})W)?(?:(\\d{1,5})D)?");
    private static final List<String> FIELDS = List.of("code", "name", "regime", "regimeBasis", "from", "until",
            "gpcHonoured", "gpcDutyFrom", "gpcSince", "grantOverGpc", "maxChoiceAge", "sensitiveOptIn", "exemptions",
            "laws", "source", "sourceUrl", "note");
    private static final Set<String> OPTIONAL = Set.of("regimeBasis", "from", "until", "gpcDutyFrom", "gpcSince",
            "grantOverGpc", "sensitiveOptIn", "exemptions", "sourceUrl", "note");
    private static final List<String> ALIAS_FIELDS = List.of("code", "name", "sameAs", "source", "sourceUrl", "note");
    private static final List<String> EXEMPTION_FIELDS = List.of("id", "from", "category", "notice", "source");
    private static final String REGIMES = Arrays.stream(Regime.values()).map(Enum::name).collect(Collectors.joining(", "));
    private static final String AGE_HINT = "give an ISO 8601 period of years, months, weeks or days, e.g. P6M, P13M, P1Y, P24M or P180D";

    private final String source;
    private final List<JurisdictionProblem> problems = new ArrayList<>();
    private final List<JurisdictionAlias> aliases = new ArrayList<>();

    /** What a file holds: dated entries (the default one included where present) and aliases. */
    record Parsed(List<Jurisdiction> entries, List<JurisdictionAlias> aliases) {
    }

    private JurisdictionParser(String source) {
        this.source = source;
    }

    /**
     * The entries of {@code json}, the {@code default} entry included where present.
     *
     * @throws JurisdictionException listing every problem
     */
    static List<Jurisdiction> parse(String json, String source) {
        return parseAll(json, source).entries();
    }

    /**
     * The entries and aliases of {@code json}.
     *
     * @throws JurisdictionException listing every problem
     */
    static Parsed parseAll(String json, String source) {
        JurisdictionParser parser = new JurisdictionParser(source);
        List<Jurisdiction> entries = parser.read(json);
        return new Parsed(entries, List.copyOf(parser.aliases));
    }

    /**
     * Converts an ISO 8601 period to a calendar period (weeks become days); no month is taken as 30
     * days: expiry adds the period to the date of the choice.
     *
     * @throws IllegalArgumentException if it is not such a period, is zero or is longer than five years
     */
    static Period choiceAge(String text) {
        Matcher m = AGE.matcher(text);
        if (!m.matches() || text.length() < 3) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 period of years, months, weeks or days");
        }
        long years = number(m.group(1));
        long months = number(m.group(2));
        long plainDays = 7L * number(m.group(3)) + number(m.group(4));
        long days = 365L * years + 31L * months + plainDays;
        if (days == 0) {
            throw new IllegalArgumentException("'" + text + "' is zero: a choice must last a while");
        }
        if (days > MAX_CHOICE_AGE_DAYS) {
            throw new IllegalArgumentException("'" + text + "' is " + days + " days, longer than the limit of "
                    + MAX_CHOICE_AGE_DAYS + " days (five years)");
        }
        return Period.of((int) years, (int) months, (int) plainDays);
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private List<Jurisdiction> read(String json) {
        JsonNode root;
        try {
            root = StrictJson.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : String.format(Locale.ROOT, " at line %d, column %d", at.getLineNr(), at.getColumnNr());
            throw new JurisdictionException(List.of(new JurisdictionProblem(source, "",
                    "not valid JSON" + where + ": " + StrictJson.problem(e),
                    "fix the JSON syntax near that position")), e);
        }
        List<Jurisdiction> entries = new ArrayList<>();
        if (root == null || root.isMissingNode() || !root.isObject()) {
            problem("", "the document is not a JSON object", "write {\"jurisdictions\": [ ... ]}");
        } else {
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("jurisdictions")) {
                    problem("/" + escape(name), "unknown field '" + name + "'", "the document has a single field, \"jurisdictions\"");
                }
            }
            JsonNode list = root.get("jurisdictions");
            if (list == null) {
                problem("/jurisdictions", "missing field 'jurisdictions'", "add \"jurisdictions\": [ ... ] with one object per jurisdiction");
            } else if (!list.isArray()) {
                problem("/jurisdictions", "'jurisdictions' is not an array", "write \"jurisdictions\": [ ... ] with one object per jurisdiction");
            } else {
                Map<String, List<Jurisdiction>> seen = new HashMap<>();
                Map<String, String> where = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    String at = "/jurisdictions/" + i;
                    JsonNode node = list.get(i);
                    if (node.isObject() && node.has("sameAs")) {
                        JurisdictionAlias alias = alias(node, at);
                        if (alias != null) {
                            String earlier = where.putIfAbsent(alias.code(), at);
                            if (earlier != null) {
                                problem(at + "/code", "code '" + alias.code() + "' is already used at " + earlier,
                                        "an alias cannot share its code with another entry");
                            } else {
                                aliases.add(alias);
                            }
                        }
                        continue;
                    }
                    Jurisdiction j = entry(node, at);
                    if (j != null) {
                        String earlier = where.putIfAbsent(j.code(), at);
                        List<Jurisdiction> periods = seen.computeIfAbsent(j.code(), k -> new ArrayList<>());
                        Jurisdiction clash = periods.stream()
                                .filter(p -> j.from().isBefore(p.until()) && p.from().isBefore(j.until())).findFirst().orElse(null);
                        if (clash != null || earlier != null && aliases.stream().anyMatch(a -> a.code().equals(j.code()))) {
                            problem(at + "/code", "code '" + j.code() + "' already has an entry for an overlapping period, first at " + earlier,
                                    "keep one entry per code and period: give the entries 'from' and 'until' dates that do not overlap");
                        } else {
                            periods.add(j);
                            entries.add(j);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new JurisdictionException(problems);
        }
        return entries;
    }

    private @Nullable Jurisdiction entry(JsonNode node, String at) {
        if (!node.isObject()) {
            problem(at, "entry is not a JSON object", "write {\"code\": \"FR\", \"name\": ..., \"regime\": ..., ...}");
            return null;
        }
        int before = problems.size();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problem(at + "/" + escape(name), "unknown field '" + name + "'", "known fields: " + String.join(", ", FIELDS));
            }
        }
        for (String field : FIELDS) {
            if (!OPTIONAL.contains(field) && !node.has(field)) {
                problem(at + "/" + field, "missing field '" + field + "'", hintFor(field));
            }
        }
        String code = text(node, at, "code");
        if (code != null && !code.equals(Jurisdiction.DEFAULT_CODE) && !CODE.matcher(code).matches()) {
            String upper = code.toUpperCase(Locale.ROOT);
            problem(at + "/code", "bad code '" + code + "'", CODE.matcher(upper).matches() && !upper.equals("DEFAULT")
                    ? "write it in upper case: " + upper
                    : "use an ISO 3166-1 alpha-2 country (FR), an ISO 3166-2 subdivision (US-CA) or 'default'");
        }
        String name = text(node, at, "name");
        if (name != null && name.isBlank()) {
            problem(at + "/name", "empty name", "give the display name, e.g. \"France\"");
        }
        Regime regime = null;
        String regimeText = text(node, at, "regime");
        if (regimeText != null) {
            try {
                regime = Regime.valueOf(regimeText);
            } catch (IllegalArgumentException e) {
                problem(at + "/regime", "unknown regime '" + regimeText + "'", "use one of " + REGIMES);
            }
        }
        Boolean gpcHonoured = null;
        JsonNode gpc = node.get("gpcHonoured");
        if (gpc != null) {
            if (gpc.isBoolean()) {
                gpcHonoured = gpc.booleanValue();
            } else {
                problem(at + "/gpcHonoured", "'gpcHonoured' is not a boolean", "write true or false, without quotes");
            }
        }
        String dutyField = node.has("gpcDutyFrom") ? "gpcDutyFrom" : "gpcSince";
        if (node.has("gpcDutyFrom") && node.has("gpcSince")) {
            problem(at + "/gpcSince", "both gpcDutyFrom and gpcSince are given", "keep gpcDutyFrom; gpcSince is its earlier name");
        }
        LocalDate gpcDutyFrom = date(node, at, dutyField, Jurisdiction.OPEN);
        if (gpcDutyFrom != null && !gpcDutyFrom.equals(Jurisdiction.OPEN) && Boolean.FALSE.equals(gpcHonoured)) {
            problem(at + "/gpcHonoured", "gpcHonoured is false but " + dutyField + " says the law requires honouring GPC from " + gpcDutyFrom,
                    "set gpcHonoured to true, or remove " + dutyField + " if no law requires it");
        }
        LocalDate from = date(node, at, "from", Jurisdiction.ALWAYS);
        LocalDate until = date(node, at, "until", Jurisdiction.OPEN);
        if (from != null && until != null && !from.isBefore(until)) {
            problem(at + "/until", "the entry ends on " + until + ", not after it starts on " + from, "give an 'until' after 'from'");
        }
        boolean regimeByLaw = true;
        if (node.has("regimeBasis")) {
            String basis = text(node, at, "regimeBasis");
            if ("protective".equals(basis)) {
                regimeByLaw = false;
            } else if (basis != null && !basis.equals("law")) {
                problem(at + "/regimeBasis", "unknown regimeBasis '" + basis + "'", hintFor("regimeBasis"));
            }
        }
        Boolean grantOverGpc = Boolean.FALSE;
        JsonNode over = node.get("grantOverGpc");
        if (over != null) {
            if (over.isBoolean()) {
                grantOverGpc = over.booleanValue();
            } else {
                problem(at + "/grantOverGpc", "'grantOverGpc' is not a boolean", hintFor("grantOverGpc"));
            }
        }
        Set<SensitiveData> sensitive = EnumSet.noneOf(SensitiveData.class);
        JsonNode sensitiveNode = node.get("sensitiveOptIn");
        if (sensitiveNode != null) {
            if (!sensitiveNode.isArray()) {
                problem(at + "/sensitiveOptIn", "'sensitiveOptIn' is not an array", hintFor("sensitiveOptIn"));
            } else {
                for (int i = 0; i < sensitiveNode.size(); i++) {
                    JsonNode k = sensitiveNode.get(i);
                    try {
                        sensitive.add(SensitiveData.fromJson(k.isTextual() ? k.textValue() : k.toString()));
                    } catch (IllegalArgumentException e) {
                        problem(at + "/sensitiveOptIn/" + i, messageOf(e), hintFor("sensitiveOptIn"));
                    }
                }
            }
        }
        List<Exemption> exemptions = new ArrayList<>();
        JsonNode exemptionsNode = node.get("exemptions");
        if (exemptionsNode != null) {
            if (!exemptionsNode.isArray()) {
                problem(at + "/exemptions", "'exemptions' is not an array", hintFor("exemptions"));
            } else {
                for (int i = 0; i < exemptionsNode.size(); i++) {
                    Exemption e = exemption(exemptionsNode.get(i), at + "/exemptions/" + i);
                    if (e != null) {
                        exemptions.add(e);
                    }
                }
            }
        }
        Period maxChoiceAge = null;
        String age = text(node, at, "maxChoiceAge");
        if (age != null) {
            try {
                maxChoiceAge = choiceAge(age);
            } catch (IllegalArgumentException e) {
                problem(at + "/maxChoiceAge", "bad maxChoiceAge: " + e.getMessage(), AGE_HINT);
            }
        }
        List<String> laws = new ArrayList<>();
        JsonNode lawsNode = node.get("laws");
        if (lawsNode != null) {
            if (!lawsNode.isArray() || lawsNode.isEmpty()) {
                problem(at + "/laws", "'laws' is not a non-empty array of strings", "list the laws that apply, e.g. [\"GDPR\", \"ePrivacy Directive\"]");
            } else {
                for (int i = 0; i < lawsNode.size(); i++) {
                    JsonNode law = lawsNode.get(i);
                    if (!law.isTextual() || law.textValue().isBlank()) {
                        problem(at + "/laws/" + i, "law is not a non-empty string", "write the law's name, e.g. \"GDPR\"");
                    } else {
                        laws.add(law.textValue());
                    }
                }
            }
        }
        String src = text(node, at, "source");
        if (src != null && src.isBlank()) {
            problem(at + "/source", "empty source", hintFor("source"));
        }
        String sourceUrl = node.has("sourceUrl") ? text(node, at, "sourceUrl") : "";
        if (sourceUrl != null && !sourceUrl.isEmpty() && !sourceUrl.startsWith("https://") && !sourceUrl.startsWith("http://")) {
            problem(at + "/sourceUrl", "sourceUrl '" + sourceUrl + "' is not a web address", hintFor("sourceUrl"));
        }
        String note = node.has("note") ? text(node, at, "note") : "";
        if (problems.size() > before) {
            return null;
        }
        if (code == null || name == null || regime == null || from == null || until == null || gpcHonoured == null
                || gpcDutyFrom == null || maxChoiceAge == null || src == null || sourceUrl == null) {
            // a required field that is missing or malformed has been reported as a problem above
            throw new IllegalStateException("jurisdiction entry " + at + " lacks a required field but no problem was reported");
        }
        return new Jurisdiction(code, name, regime, regimeByLaw, from, until, gpcHonoured, gpcDutyFrom, grantOverGpc,
                maxChoiceAge, sensitive, exemptions, laws, src, sourceUrl, note == null ? "" : note);
    }

    /** A date field: {@code absent} when missing or empty, null (with a problem) when malformed. */
    private @Nullable LocalDate date(JsonNode node, String at, String field, LocalDate absent) {
        if (!node.has(field)) {
            return absent;
        }
        String text = text(node, at, field);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            return absent;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problem(at + "/" + field, "bad date '" + text + "'", hintFor(field));
            return null;
        }
    }

    private @Nullable Exemption exemption(JsonNode node, String at) {
        if (!node.isObject()) {
            problem(at, "exemption is not a JSON object", hintFor("exemptions"));
            return null;
        }
        int before = problems.size();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!EXEMPTION_FIELDS.contains(name)) {
                problem(at + "/" + escape(name), "unknown field '" + name + "'", "known fields: " + String.join(", ", EXEMPTION_FIELDS));
            }
        }
        for (String field : EXEMPTION_FIELDS) {
            if (!node.has(field)) {
                problem(at + "/" + field, "missing field '" + field + "'", hintFor("exemptions"));
            }
        }
        String id = text(node, at, "id");
        LocalDate from = date(node, at, "from", Jurisdiction.ALWAYS);
        String category = text(node, at, "category");
        String notice = text(node, at, "notice");
        String src = text(node, at, "source");
        if (problems.size() > before || id == null || from == null || category == null || notice == null || src == null) {
            return null;
        }
        try {
            return new Exemption(id, from, category, notice, src);
        } catch (IllegalArgumentException e) {
            problem(at, messageOf(e), hintFor("exemptions"));
            return null;
        }
    }

    private @Nullable JurisdictionAlias alias(JsonNode node, String at) {
        int before = problems.size();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ALIAS_FIELDS.contains(name)) {
                problem(at + "/" + escape(name), "unknown field '" + name + "' in an alias",
                        "an alias has only " + String.join(", ", ALIAS_FIELDS) + "; its rules are those of 'sameAs'");
            }
        }
        for (String field : List.of("code", "name", "sameAs", "source")) {
            if (!node.has(field)) {
                problem(at + "/" + field, "missing field '" + field + "'", hintFor(field));
            }
        }
        String code = text(node, at, "code");
        String name = text(node, at, "name");
        String sameAs = text(node, at, "sameAs");
        String src = text(node, at, "source");
        String url = node.has("sourceUrl") ? text(node, at, "sourceUrl") : "";
        if (problems.size() > before || code == null || name == null || sameAs == null || src == null || url == null) {
            return null;
        }
        try {
            return new JurisdictionAlias(code, name, sameAs, src, url);
        } catch (IllegalArgumentException e) {
            problem(at + "/sameAs", messageOf(e), "use ISO 3166 codes, e.g. \"code\": \"RE\", \"sameAs\": \"FR\"");
            return null;
        }
    }

    /** The text of a field, or null (with a problem) when it is absent or not a string. */
    private @Nullable String text(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(at + "/" + field, "'" + field + "' is not a string", hintFor(field));
            return null;
        }
        return value.textValue();
    }

    private static String hintFor(String field) {
        return switch (field) {
            case "code" -> "an ISO 3166-1 alpha-2 country (FR), an ISO 3166-2 subdivision (US-CA) or 'default'";
            case "name" -> "the display name, e.g. \"France\"";
            case "regime" -> "one of " + REGIMES;
            case "gpcHonoured" -> "true where a Global Privacy Control signal opts the visitor out, else false";
            case "gpcSince", "gpcDutyFrom" -> "the ISO date (YYYY-MM-DD) from which the law requires honouring GPC, or \"\"";
            case "from" -> "the ISO date (YYYY-MM-DD) from which the entry applies, or \"\" for always";
            case "until" -> "the ISO date (YYYY-MM-DD) from which the entry no longer applies, or \"\" for open-ended";
            case "regimeBasis" -> "\"law\" when a law sets the regime, \"protective\" when it is the protective reading of an unclear law";
            case "grantOverGpc" -> "true where the law lets a grant given while GPC is on win over the signal (11 CCR §7025(c)(3), CPA Rule 5.09)";
            case "sensitiveOptIn" -> "a list of sensitive data kinds that need opt-in there: health, precise_location, minors";
            case "exemptions" -> "a list of {\"id\", \"from\", \"category\", \"notice\", \"source\"} objects";
            case "sourceUrl" -> "a link (https://...) to the statute or the regulator's page";
            case "sameAs" -> "the code whose rules apply, e.g. \"FR\"";
            case "maxChoiceAge" -> AGE_HINT;
            case "laws" -> "a non-empty array of law names, e.g. [\"GDPR\", \"ePrivacy Directive\"]";
            case "source" -> "where the facts come from: the law's article or the regulator's guidance";
            default -> "free text";
        };
    }

    /** The exception's message, or its type when it has none. */
    static String messageOf(Exception e) {
        String message = e.getMessage();
        return message != null ? message : e.toString();
    }

    private void problem(String pointer, String message, String hint) {
        problems.add(new JurisdictionProblem(source, pointer, message, hint));
    }

    /** RFC 6901 escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
