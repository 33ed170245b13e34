package org.consent4j.core.jurisdiction;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.consent4j.core.internal.json.StrictJson;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON form of jurisdictions and validates it, collecting every problem before failing.
 *
 * <p>Format: {@code {"jurisdictions": [{"code", "name", "regime", "gpcHonoured", "gpcSince",
 * "maxChoiceAge", "laws", "source", "note"}]}}; {@code gpcSince} and {@code note} are optional, every
 * other field is required, and unknown fields are errors (a misspelt {@code gpcHonored} must not pass
 * silently).
 */
final class JurisdictionParser {

    /** Longest accepted choice age; longer is taken for a typo (P12Y for P12M). */
    static final int MAX_CHOICE_AGE_DAYS = 5 * 365;

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    private static final Pattern AGE = Pattern.compile("P(?:(\\d{1,5})Y)?(?:(\\d{1,5})M)?(?:(\\d{1,5})W)?(?:(\\d{1,5})D)?");
    private static final List<String> FIELDS = List.of("code", "name", "regime", "gpcHonoured", "gpcSince",
            "maxChoiceAge", "laws", "source", "note");
    private static final Set<String> OPTIONAL = Set.of("gpcSince", "note");
    private static final String REGIMES = Arrays.stream(Regime.values()).map(Enum::name).collect(Collectors.joining(", "));
    private static final String AGE_HINT = "give an ISO 8601 period of years, months, weeks or days, e.g. P6M, P13M, P1Y, P24M or P180D";

    private final String source;
    private final List<JurisdictionProblem> problems = new ArrayList<>();

    private JurisdictionParser(String source) {
        this.source = source;
    }

    /**
     * The entries of {@code json}, the {@code default} entry included where present.
     *
     * @throws JurisdictionException listing every problem
     */
    static List<Jurisdiction> parse(String json, String source) {
        return new JurisdictionParser(source).read(json);
    }

    /**
     * Converts an ISO 8601 period to a duration (a year is 365 days, a month 30, a week 7).
     *
     * @throws IllegalArgumentException if it is not such a period, is zero or is longer than five years
     */
    static Duration choiceAge(String text) {
        Matcher m = AGE.matcher(text);
        if (!m.matches() || text.length() < 3) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 period of years, months, weeks or days");
        }
        long days = 365L * number(m.group(1)) + 30L * number(m.group(2)) + 7L * number(m.group(3)) + number(m.group(4));
        if (days == 0) {
            throw new IllegalArgumentException("'" + text + "' is zero: a choice must last a while");
        }
        if (days > MAX_CHOICE_AGE_DAYS) {
            throw new IllegalArgumentException("'" + text + "' is " + days + " days, longer than the limit of "
                    + MAX_CHOICE_AGE_DAYS + " days (five years)");
        }
        return Duration.ofDays(days);
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
                Map<String, String> seen = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    Jurisdiction j = entry(list.get(i), "/jurisdictions/" + i);
                    if (j != null) {
                        String earlier = seen.putIfAbsent(j.code(), "/jurisdictions/" + i);
                        if (earlier != null) {
                            problem("/jurisdictions/" + i + "/code", "duplicate code '" + j.code() + "', first at " + earlier,
                                    "keep one entry per code");
                        } else {
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
        String gpcSince = "";
        if (node.has("gpcSince")) {
            String since = text(node, at, "gpcSince");
            if (since != null && !since.isEmpty()) {
                try {
                    LocalDate.parse(since);
                    gpcSince = since;
                } catch (DateTimeParseException e) {
                    problem(at + "/gpcSince", "bad date '" + since + "'",
                            "give the ISO date (YYYY-MM-DD) from which the law requires honouring GPC, or \"\"");
                }
                if (Boolean.FALSE.equals(gpcHonoured)) {
                    problem(at + "/gpcHonoured", "gpcHonoured is false but gpcSince says the law requires honouring GPC since " + since,
                            "set gpcHonoured to true, or gpcSince to \"\" if no law requires it");
                }
            }
        }
        Duration maxChoiceAge = null;
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
        if (node.has("note")) {
            text(node, at, "note");
        }
        if (problems.size() > before) {
            return null;
        }
        return new Jurisdiction(code, name, regime, gpcHonoured, gpcSince, maxChoiceAge, laws, src);
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
            case "gpcSince" -> "the ISO date (YYYY-MM-DD) from which the law requires honouring GPC, or \"\"";
            case "maxChoiceAge" -> AGE_HINT;
            case "laws" -> "a non-empty array of law names, e.g. [\"GDPR\", \"ePrivacy Directive\"]";
            case "source" -> "where the facts come from: the law's article or the regulator's guidance";
            default -> "free text";
        };
    }

    private void problem(String pointer, String message, String hint) {
        problems.add(new JurisdictionProblem(source, pointer, message, hint));
    }

    /** RFC 6901 escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
