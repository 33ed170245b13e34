package org.consent4j.core.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.consent4j.core.catalog.CatalogFile.Located;
import org.consent4j.core.internal.json.StrictJson;
import org.jspecify.annotations.Nullable;

/**
 * Reads one catalog file (format version 1) into a {@link CatalogFile}, checking everything that can
 * be checked within the file and collecting every problem instead of stopping at the first.
 *
 * <p>Jackson stays behind {@link StrictJson}: unknown properties are tolerated (so the format can
 * grow), duplicate keys in an object and trailing content are errors. Checks that
 * need the other files (references to categories and purposes) are made by {@link CatalogAssembler}.
 */
final class CatalogReader {

    /** The format version this release reads. */
    static final int FORMAT_VERSION = 1;

    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    /** A number of more than six digits in a lifetime: no cookie lives a million days. */
    private static final Pattern HUGE_NUMBER = Pattern.compile("\\d{7}");
    private static final String ID_RULE =
            "use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";
    private static final String LIFETIME_HINT = "use 'session' or an ISO 8601 duration such as P2Y, P13M, P90D or PT30M";

    private final String source;
    private final List<CatalogProblem> problems = new ArrayList<>();
    private final List<Located<Category>> categories = new ArrayList<>();
    private final List<Located<Purpose>> purposes = new ArrayList<>();
    private final List<Located<Service>> services = new ArrayList<>();
    private final Set<String> declaredCategories = new HashSet<>();
    private final Set<String> declaredPurposes = new HashSet<>();
    /** Every well-formed id seen, with the pointer of its entry, for the duplicate checks. */
    private final List<Map.Entry<String, String>> categoryIds = new ArrayList<>();
    private final List<Map.Entry<String, String>> purposeIds = new ArrayList<>();
    private final List<Map.Entry<String, String>> serviceIds = new ArrayList<>();
    /** Who declared each cookie name and host first, and every later declaration of the same. */
    private final Map<CookieName, Claim> cookieClaims = new HashMap<>();
    private final List<Duplicate> duplicateCookies = new ArrayList<>();
    private final Map<String, Claim> hostClaims = new HashMap<>();
    private final List<Duplicate> duplicateHosts = new ArrayList<>();

    private final List<Located<String>> uses = new ArrayList<>();
    private boolean declaresUses;
    private boolean parsed;

    private CatalogReader(String source) {
        this.source = source;
    }

    /** Reads a file's bytes (JSON in UTF-8, UTF-16 or UTF-32, detected). Never throws. */
    static CatalogFile read(String source, byte[] json) {
        CatalogReader reader = new CatalogReader(source);
        try {
            reader.readRoot(StrictJson.readTree(json));
        } catch (IOException e) {
            reader.malformed(e);
        } catch (RuntimeException e) {
            reader.unexpected(e);
        }
        return reader.result();
    }

    /** Reads a parsed tree. Never throws. */
    static CatalogFile read(String source, JsonNode root) {
        CatalogReader reader = new CatalogReader(source);
        try {
            reader.readRoot(root);
        } catch (RuntimeException e) {
            reader.unexpected(e);
        }
        return reader.result();
    }

    /** Reads JSON text. Never throws. */
    static CatalogFile read(String source, String json) {
        CatalogReader reader = new CatalogReader(source);
        try {
            reader.readRoot(StrictJson.readTree(json));
        } catch (IOException e) {
            reader.malformed(e);
        } catch (RuntimeException e) {
            reader.unexpected(e);
        }
        return reader.result();
    }

    private CatalogFile result() {
        return new CatalogFile(source, categories, purposes, services, declaredCategories, declaredPurposes, problems, parsed,
                declaresUses ? java.util.Optional.of(uses) : java.util.Optional.empty());
    }

    private void malformed(IOException e) {
        String detail = e instanceof JsonProcessingException jpe ? StrictJson.problem(jpe) : e.getMessage();
        detail = detail == null ? e.getClass().getSimpleName() : firstLine(detail);
        String where = "";
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            JsonLocation loc = jpe.getLocation();
            where = String.format(Locale.ROOT, " at line %d, column %d", loc.getLineNr(), loc.getColumnNr());
        }
        problems.add(new CatalogProblem(source, "", "malformed JSON" + where + ": " + detail,
                "the file must be one JSON object, in UTF-8, with no comments or trailing content"));
    }

    private void unexpected(RuntimeException e) {
        problems.add(new CatalogProblem(source, "", "could not read the catalog: " + e,
                "check that the file is a valid catalog; if it is, please report this as a bug"));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    // ---------------------------------------------------------------- problems

    private void problem(String pointer, String message, String hint) {
        problems.add(new CatalogProblem(source, pointer, message, hint));
    }

    private int mark() {
        return problems.size();
    }

    private boolean cleanSince(int mark) {
        return problems.size() == mark;
    }

    static String child(String pointer, String field) {
        return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    static String index(String pointer, int i) {
        return pointer + "/" + i;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    private void wrongType(String pointer, String field, String expected, JsonNode found, String hint) {
        problem(pointer, String.format(Locale.ROOT, "'%s' must be %s, found %s", field, expected, describe(found)), hint);
    }

    private void missing(String pointer, String field, String hint) {
        problem(pointer, "missing required field '" + field + "'", hint);
    }

    // ---------------------------------------------------------------- top level

    private void readRoot(@Nullable JsonNode root) {
        if (root == null || root.isMissingNode()) {
            problem("", "the file is empty", "a catalog is a JSON object such as {\"version\": 1, \"services\": []}");
            return;
        }
        if (!root.isObject()) {
            problem("", "the catalog must be a JSON object, found " + describe(root),
                    "a catalog is a JSON object such as {\"version\": 1, \"services\": []}");
            return;
        }
        parsed = true;
        JsonNode version = root.get("version");
        if (version == null) {
            missing("/version", "version", "add \"version\": " + FORMAT_VERSION + " at the top of the file");
        } else if (!version.isIntegralNumber()) {
            wrongType("/version", "version", "the number " + FORMAT_VERSION, version, "write \"version\": " + FORMAT_VERSION);
        } else if (!version.canConvertToInt() || version.intValue() != FORMAT_VERSION) {
            problem("/version", "unsupported catalog format version " + version.asText(),
                    "this release reads version " + FORMAT_VERSION);
        }
        List<JsonNode> cats = array(root, "", "categories");
        for (int i = 0; i < cats.size(); i++) {
            readCategory(cats.get(i), index("/categories", i));
        }
        List<JsonNode> purps = array(root, "", "purposes");
        for (int i = 0; i < purps.size(); i++) {
            readPurpose(purps.get(i), index("/purposes", i));
        }
        List<JsonNode> servs = array(root, "", "services");
        for (int i = 0; i < servs.size(); i++) {
            readService(servs.get(i), index("/services", i));
        }
        readUses(root);
        checkDuplicateIds("category", categoryIds, "/categories");
        checkDuplicateIds("purpose", purposeIds, "/purposes");
        checkDuplicateIds("service", serviceIds, "/services");
        checkCookieClaims();
        checkHostClaims();
    }

    /** The site's declaration of the services it uses: {@code "uses": ["google-analytics", ...]}. */
    private void readUses(JsonNode root) {
        if (root.get("uses") == null) {
            return;
        }
        declaresUses = root.get("uses").isArray();
        List<JsonNode> list = array(root, "", "uses");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = index("/uses", i);
            JsonNode n = list.get(i);
            if (!n.isTextual()) {
                wrongType(at, "uses", "a service id (a string)", n, "e.g. \"google-analytics\"");
                continue;
            }
            String id = n.textValue();
            if (!Ids.ID.matcher(id).matches()) {
                problem(at, "'" + id + "' is not a service id",
                        "ids are 1 to 64 lower-case letters, digits, '.', '_' or '-', e.g. \"google-analytics\"");
            } else if (!seen.add(id)) {
                problem(at, "service '" + id + "' is listed twice under /uses", "remove one of the two");
            } else {
                uses.add(new Located<>(id, source, at));
            }
        }
    }

    /** The elements of an optional array field; reports a wrong type. */
    private List<JsonNode> array(JsonNode object, String pointer, String field) {
        JsonNode node = object.get(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            wrongType(child(pointer, field), field, "an array", node, "write \"" + field + "\": [ ... ]");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>(node.size());
        node.forEach(items::add);
        return items;
    }

    private boolean object(JsonNode node, String pointer, String what) {
        if (!node.isObject()) {
            problem(pointer, what + " must be an object, found " + describe(node), "write { \"id\": ..., ... }");
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- ids and duplicates

    /** Reads a required id; returns it only when it is well-formed. */
    private @Nullable String id(JsonNode object, String pointer, String kind, List<Map.Entry<String, String>> seen) {
        String id = string(object, pointer, "id", true, "give the " + kind + " an id, e.g. \"id\": \"my-" + kind + "\"");
        if (id == null) {
            return null;
        }
        if (!Ids.ID.matcher(id).matches()) {
            problem(child(pointer, "id"), kind + " id '" + id + "' is not valid", ID_RULE);
            return null;
        }
        seen.add(Map.entry(id, pointer));
        return id;
    }

    private void checkDuplicateIds(String kind, List<Map.Entry<String, String>> ids, String arrayPointer) {
        Map<String, String> first = new HashMap<>();
        for (Map.Entry<String, String> e : ids) {
            String earlier = first.putIfAbsent(e.getKey(), e.getValue());
            if (earlier != null) {
                problem(child(e.getValue(), "id"), "duplicate " + kind + " id '" + e.getKey() + "' (first declared at "
                        + earlier + ")", "ids must be unique within a file; to change an entry of the bundled catalog, "
                        + "declare its id once in your file and it replaces the bundled one");
            }
        }
    }

    /** A reference to another entry's id (a category or a purpose); returns it only when well-formed. */
    private @Nullable String reference(JsonNode node, String pointer, String field, String kind) {
        if (!node.isTextual()) {
            wrongType(pointer, field, "a " + kind + " id (a string)", node, "e.g. \"" + field + "\": \"analytics\"");
            return null;
        }
        String id = node.textValue();
        if (!Ids.ID.matcher(id).matches()) {
            problem(pointer, kind + " id '" + id + "' is not valid", ID_RULE);
            return null;
        }
        return id;
    }

    // ---------------------------------------------------------------- scalar fields

    private @Nullable String string(JsonNode object, String pointer, String field, boolean required, String hint) {
        JsonNode node = object.get(field);
        String at = child(pointer, field);
        if (node == null || node.isNull()) {
            if (required) {
                missing(at, field, hint);
            }
            return null;
        }
        if (!node.isTextual()) {
            wrongType(at, field, "a string", node, hint);
            return null;
        }
        if (required && node.textValue().isBlank()) {
            problem(at, "'" + field + "' is empty", hint);
            return null;
        }
        return node.textValue();
    }

    private String optionalString(JsonNode object, String pointer, String field, String hint) {
        String s = string(object, pointer, field, false, hint);
        return s == null ? "" : s;
    }

    private @Nullable String url(JsonNode object, String pointer, String field) {
        String s = string(object, pointer, field, false, "give the full address, e.g. \"https://vendor.example/privacy\"");
        if (s == null || s.isEmpty()) {
            return "";
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://")) || s.chars().anyMatch(Character::isWhitespace)
                || s.length() <= "https://".length()) {
            problem(child(pointer, field), "'" + field + "' value '" + s + "' is not an http(s) URL",
                    "give the full address, e.g. \"https://vendor.example/privacy\"");
            return null;
        }
        return s;
    }

    private @Nullable Integer integer(JsonNode object, String pointer, String field, boolean required, String hint) {
        JsonNode node = object.get(field);
        String at = child(pointer, field);
        if (node == null) {
            if (required) {
                missing(at, field, hint);
            }
            return null;
        }
        if (!node.isIntegralNumber()) {
            wrongType(at, field, "a whole number", node, hint);
            return null;
        }
        if (!node.canConvertToInt()) {
            problem(at, "'" + field + "' is out of range: " + node.asText(), hint);
            return null;
        }
        return node.intValue();
    }

    private @Nullable Boolean bool(JsonNode object, String pointer, String field) {
        JsonNode node = object.get(field);
        if (node == null) {
            return Boolean.FALSE;
        }
        if (!node.isBoolean()) {
            wrongType(child(pointer, field), field, "true or false", node, "write \"" + field + "\": true or false");
            return null;
        }
        return node.booleanValue();
    }

    /** An enum written in lower case with underscores, e.g. {@code legitimate_interest}. */
    private <E extends Enum<E>> @Nullable E enumValue(JsonNode node, String pointer, String field, Class<E> type) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(CatalogReader::jsonName)
                .collect(Collectors.joining(", "));
        if (!node.isTextual()) {
            wrongType(pointer, field, "one of " + allowed, node, "write one of: " + allowed);
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (jsonName(e).equals(node.textValue())) {
                return e;
            }
        }
        problem(pointer, "'" + field + "' value '" + node.textValue() + "' is not one of: " + allowed,
                "write one of: " + allowed);
        return null;
    }

    private <E extends Enum<E>> @Nullable E enumField(JsonNode object, String pointer, String field, Class<E> type,
                                                      @Nullable E fallback) {
        JsonNode node = object.get(field);
        if (node == null) {
            if (fallback == null) {
                String allowed = Arrays.stream(type.getEnumConstants()).map(CatalogReader::jsonName)
                        .collect(Collectors.joining(", "));
                missing(child(pointer, field), field, "write one of: " + allowed);
            }
            return fallback;
        }
        return enumValue(node, child(pointer, field), field, type);
    }

    static String jsonName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private LocalizedText localized(JsonNode object, String pointer, String field, boolean required) {
        JsonNode node = object.get(field);
        String at = child(pointer, field);
        String hint = "write a text per language, e.g. \"" + field + "\": {\"en\": \"...\", \"fr\": \"...\"}";
        if (node == null) {
            if (required) {
                missing(at, field, hint);
            }
            return LocalizedText.empty();
        }
        if (node.isTextual()) {
            return LocalizedText.of(node.textValue());
        }
        if (!node.isObject()) {
            wrongType(at, field, "an object of language to text", node, hint);
            return LocalizedText.empty();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String lang = e.getKey();
            if (!LANGUAGE.matcher(lang).matches()) {
                problem(child(at, lang), "'" + lang + "' is not a language code",
                        "use ISO 639-1 codes such as en, fr, de, es (optionally with a region, e.g. pt-BR)");
            } else if (!e.getValue().isTextual()) {
                wrongType(child(at, lang), lang, "a string", e.getValue(), hint);
            } else if (texts.putIfAbsent(lang.toLowerCase(Locale.ROOT), e.getValue().textValue()) != null) {
                problem(child(at, lang), "language '" + lang + "' is given twice", "keep one text per language");
            }
        }
        if (required && !texts.containsKey(LocalizedText.DEFAULT_LANGUAGE)) {
            problem(at, "'" + field + "' has no English text ('en'), the fallback language", hint);
        }
        return new LocalizedText(texts);
    }

    private List<String> strings(JsonNode object, String pointer, String field, String hint) {
        List<JsonNode> items = array(object, pointer, field);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                problem(index(child(pointer, field), i), "'" + field + "' entries must be non-empty strings, found "
                        + (item.isTextual() ? "an empty string" : describe(item)), hint);
            } else {
                out.add(item.textValue());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- categories

    private void readCategory(JsonNode node, String pointer) {
        if (!object(node, pointer, "a category")) {
            return;
        }
        int mark = mark();
        String id = id(node, pointer, "category", categoryIds);
        if (id != null) {
            declaredCategories.add(id);
        }
        Integer order = integer(node, pointer, "order", true, "give the position in the banner, e.g. \"order\": 2");
        Boolean required = bool(node, pointer, "required");
        LocalizedText label = localized(node, pointer, "label", true);
        LocalizedText description = localized(node, pointer, "description", false);
        if (id != null && required != null) {
            if (id.equals(Category.NECESSARY) && !required) {
                problem(child(pointer, "required"), "category 'necessary' must be required",
                        "set \"required\": true; strictly necessary storage is the only kind exempt from consent "
                                + "(ePrivacy Directive 2002/58/EC Art. 5(3))");
            } else if (!id.equals(Category.NECESSARY) && required) {
                problem(child(pointer, "required"), "category '" + id + "' cannot be required: only 'necessary' may be",
                        "set \"required\": false, or move the strictly necessary services to the 'necessary' category "
                                + "(ePrivacy Directive 2002/58/EC Art. 5(3))");
            }
        }
        if (cleanSince(mark) && id != null && order != null && required != null) {
            add(categories, pointer, () -> new Category(id, order, required, label, description));
        }
    }

    // ---------------------------------------------------------------- purposes

    private void readPurpose(JsonNode node, String pointer) {
        if (!object(node, pointer, "a purpose")) {
            return;
        }
        int mark = mark();
        String id = id(node, pointer, "purpose", purposeIds);
        if (id != null) {
            declaredPurposes.add(id);
        }
        JsonNode categoryNode = node.get("category");
        String category = null;
        if (categoryNode == null) {
            missing(child(pointer, "category"), "category", "name the category it is chosen under, e.g. \"category\": \"marketing\"");
        } else {
            category = reference(categoryNode, child(pointer, "category"), "category", "category");
        }
        LegalBasis legalBasis = enumField(node, pointer, "legalBasis", LegalBasis.class, null);
        Set<OptOutRight> rights = EnumSet.noneOf(OptOutRight.class);
        List<JsonNode> rightNodes = array(node, pointer, "rights");
        for (int i = 0; i < rightNodes.size(); i++) {
            OptOutRight r = enumValue(rightNodes.get(i), index(child(pointer, "rights"), i), "rights", OptOutRight.class);
            if (r != null) {
                rights.add(r);
            }
        }
        if (Category.NECESSARY.equals(category) && !rights.isEmpty()) {
            problem(child(pointer, "rights"), "purpose '" + id + "' is strictly necessary but carries opt-out rights "
                    + rights.stream().map(CatalogReader::jsonName).sorted().toList(),
                    "a purpose a visitor may opt out of (sale, sharing, targeted advertising, profiling) cannot be "
                            + "strictly necessary: move it to another category or remove the rights");
        }
        LocalizedText label = localized(node, pointer, "label", true);
        LocalizedText description = localized(node, pointer, "description", false);
        if (cleanSince(mark) && id != null && category != null && legalBasis != null) {
            String c = category;
            add(purposes, pointer, () -> new Purpose(id, c, legalBasis, rights, label, description));
        }
    }

    // ---------------------------------------------------------------- services

    private void readService(JsonNode node, String pointer) {
        if (!object(node, pointer, "a service")) {
            return;
        }
        int mark = mark();
        String id = id(node, pointer, "service", serviceIds);
        String name = string(node, pointer, "name", true, "give the display name, e.g. \"name\": \"Google Analytics 4\"");
        String provider = optionalString(node, pointer, "provider", "name the company, e.g. \"provider\": \"Google LLC\"");
        JsonNode categoryNode = node.get("category");
        String category = null;
        if (categoryNode == null) {
            missing(child(pointer, "category"), "category",
                    "name the category a visitor chooses it under, e.g. \"category\": \"analytics\"");
        } else {
            category = reference(categoryNode, child(pointer, "category"), "category", "category");
        }
        List<String> purposeIds = new ArrayList<>();
        List<JsonNode> purposeNodes = array(node, pointer, "purposes");
        for (int i = 0; i < purposeNodes.size(); i++) {
            String p = reference(purposeNodes.get(i), index(child(pointer, "purposes"), i), "purposes", "purpose");
            if (p != null) {
                purposeIds.add(p);
            }
        }
        List<CookieSpec> cookies = new ArrayList<>();
        List<JsonNode> cookieNodes = array(node, pointer, "cookies");
        for (int i = 0; i < cookieNodes.size(); i++) {
            CookieSpec c = cookie(cookieNodes.get(i), index(child(pointer, "cookies"), i));
            if (c != null) {
                cookies.add(c);
                claimCookie(c.name(), index(child(pointer, "cookies"), i), id);
            }
        }
        List<String> hosts = new ArrayList<>();
        List<JsonNode> hostNodes = array(node, pointer, "hosts");
        for (int i = 0; i < hostNodes.size(); i++) {
            String at = index(child(pointer, "hosts"), i);
            JsonNode h = hostNodes.get(i);
            if (!h.isTextual()) {
                wrongType(at, "hosts", "a host name (a string)", h, "e.g. \"cdn.example.com\"");
                continue;
            }
            String host = host(h.textValue(), at, "host");
            if (host != null) {
                hosts.add(host);
                claimHost(host, at, id);
            }
        }
        DataTransfer transfer = transfer(node, pointer);
        LegalBasis legalBasis = enumField(node, pointer, "legalBasis", LegalBasis.class, LegalBasis.CONSENT);
        RiskLevel risk = enumField(node, pointer, "risk", RiskLevel.class, RiskLevel.MEDIUM);
        List<String> regulations = strings(node, pointer, "regulations", "name the laws, e.g. [\"GDPR\", \"ePrivacy Directive\"]");
        LocalizedText description = localized(node, pointer, "description", false);
        LocalizedText consentText = localized(node, pointer, "consentText", false);
        String privacyPolicy = url(node, pointer, "privacyPolicy");
        String sourceUrl = url(node, pointer, "source");
        Set<SensitiveData> sensitive = EnumSet.noneOf(SensitiveData.class);
        List<JsonNode> sensitiveNodes = array(node, pointer, "sensitive");
        for (int i = 0; i < sensitiveNodes.size(); i++) {
            SensitiveData kind = enumValue(sensitiveNodes.get(i), index(child(pointer, "sensitive"), i), "sensitive",
                    SensitiveData.class);
            if (kind != null) {
                sensitive.add(kind);
            }
        }
        if (cleanSince(mark) && id != null && name != null && category != null && transfer != null && legalBasis != null
                && risk != null && privacyPolicy != null && sourceUrl != null) {
            String c = category;
            add(services, pointer, () -> new Service(id, name, provider, c, purposeIds, cookies, hosts, transfer,
                    legalBasis, risk, regulations, description, consentText, privacyPolicy, sourceUrl, sensitive));
        }
    }

    private @Nullable DataTransfer transfer(JsonNode service, String pointer) {
        JsonNode node = service.get("transfer");
        String at = child(pointer, "transfer");
        if (node == null || node.isNull()) {
            return DataTransfer.none();
        }
        if (!node.isObject()) {
            wrongType(at, "transfer", "an object", node, "e.g. \"transfer\": {\"country\": \"US\", \"safeguard\": \"EU-US Data Privacy Framework\"}");
            return null;
        }
        int mark = mark();
        String country = string(node, at, "country", true, "give the ISO 3166-1 alpha-2 code of the destination, e.g. \"US\"");
        if (country != null && !COUNTRY.matcher(country).matches()) {
            problem(child(at, "country"), "country '" + country + "' is not an ISO 3166-1 alpha-2 code",
                    "use two upper-case letters, e.g. \"US\", \"IE\", \"DE\"");
        }
        String safeguard = optionalString(node, at, "safeguard", "name the transfer mechanism, e.g. \"Standard Contractual Clauses\"");
        return cleanSince(mark) && country != null ? new DataTransfer(country, safeguard) : null;
    }

    // ---------------------------------------------------------------- cookies

    private @Nullable CookieSpec cookie(JsonNode node, String pointer) {
        if (!object(node, pointer, "a cookie")) {
            return null;
        }
        int mark = mark();
        CookieName name = null;
        List<String> given = new ArrayList<>();
        for (String field : List.of("name", "prefix", "pattern")) {
            if (node.has(field)) {
                given.add(field);
            }
        }
        String nameHint = "give exactly one of \"name\" (exact), \"prefix\" (e.g. \"_ga_\") or \"pattern\" (a regular expression)";
        if (given.isEmpty()) {
            missing(child(pointer, "name"), "name", nameHint);
        } else if (given.size() > 1) {
            problem(pointer, "a cookie needs exactly one of 'name', 'prefix' or 'pattern', found " + given, nameHint);
        } else {
            String field = given.get(0);
            String value = string(node, pointer, field, true, nameHint);
            if (value != null) {
                name = cookieName(field, value, child(pointer, field));
            }
        }
        Party party = enumField(node, pointer, "party", Party.class, Party.FIRST);
        String domain = "";
        boolean domainBad = false;
        JsonNode domainNode = node.get("domain");
        if (domainNode != null && !domainNode.isNull()) {
            if (!domainNode.isTextual()) {
                wrongType(child(pointer, "domain"), "domain", "a host name (a string)", domainNode, "e.g. \"segmetrics.com\"");
                domainBad = true;
            } else if (!domainNode.textValue().isEmpty()) {
                String raw = domainNode.textValue();
                String h = host(raw.startsWith(".") ? raw.substring(1) : raw, child(pointer, "domain"), "domain");
                domainBad = h == null;
                domain = h == null ? "" : h;
            }
        }
        if (party == Party.THIRD && domain.isEmpty() && !domainBad) {
            missing(child(pointer, "domain"), "domain",
                    "a third-party cookie is set on the provider's domain: give it, e.g. \"domain\": \"doubleclick.net\"");
        }
        CookieLifetime lifetime = null;
        JsonNode lifetimeNode = node.get("lifetime");
        if (lifetimeNode == null) {
            missing(child(pointer, "lifetime"), "lifetime", LIFETIME_HINT);
        } else if (!lifetimeNode.isTextual()) {
            wrongType(child(pointer, "lifetime"), "lifetime", "a string", lifetimeNode, LIFETIME_HINT);
        } else if (HUGE_NUMBER.matcher(lifetimeNode.textValue()).find()) {
            // also guards against arithmetic overflow in the conversion to a Duration
            problem(child(pointer, "lifetime"), "cookie lifetime '" + lifetimeNode.textValue() + "' is out of range",
                    "give the real lifetime, e.g. P2Y; a number may have at most six digits");
        } else {
            try {
                lifetime = CookieLifetime.parse(lifetimeNode.textValue());
            } catch (IllegalArgumentException e) {
                problem(child(pointer, "lifetime"), "cookie lifetime '" + lifetimeNode.textValue()
                        + "' is not 'session' or an ISO 8601 duration", LIFETIME_HINT);
            }
        }
        LocalizedText description = localized(node, pointer, "description", false);
        String path = "/";
        JsonNode pathNode = node.get("path");
        if (pathNode != null) {
            if (!pathNode.isTextual()) {
                wrongType(child(pointer, "path"), "path", "a string", pathNode, "e.g. \"path\": \"/shop\"");
            } else if (!CookieSpec.isPath(pathNode.textValue())) {
                problem(child(pointer, "path"), "cookie path '" + pathNode.textValue() + "' is not a cookie path",
                        "start with '/' and use at most 256 printable characters other than ';' and spaces, e.g. /shop");
            } else {
                path = pathNode.textValue();
            }
        }
        if (cleanSince(mark) && name != null && party != null && lifetime != null) {
            return new CookieSpec(name, party, domain, lifetime, description, path);
        }
        return null;
    }

    private @Nullable CookieName cookieName(String field, String value, String pointer) {
        if (field.equals("pattern")) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                problem(pointer, "cookie pattern '" + value + "' is not a valid regular expression: " + e.getDescription(),
                        "use java.util.regex syntax; the pattern is matched against the whole cookie name");
                return null;
            }
            return CookieName.pattern(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                problem(pointer, String.format(Locale.ROOT, "cookie %s '%s' contains %s, which a cookie name cannot contain",
                        field, value, c == ' ' ? "a space" : "'" + c + "'"),
                        "cookie names are RFC 6265 tokens: letters, digits and !#$%&'*+-.^_`|~; for anything "
                                + "else use a \"pattern\"");
                return null;
            }
        }
        return field.equals("name") ? CookieName.exact(value) : CookieName.prefix(value);
    }

    private void claimCookie(CookieName name, String pointer, @Nullable String serviceId) {
        Claim claim = new Claim(serviceId == null ? "?" : serviceId, pointer);
        Claim earlier = cookieClaims.putIfAbsent(name, claim);
        if (earlier != null) {
            duplicateCookies.add(new Duplicate(describe(name), earlier, claim));
        }
    }

    private static String describe(CookieName name) {
        return switch (name.kind()) {
            case EXACT -> "cookie '" + name.value() + "'";
            case PREFIX -> "cookie prefix '" + name.value() + "'";
            case PATTERN -> "cookie pattern '" + name.value() + "'";
        };
    }

    private void checkCookieClaims() {
        for (Duplicate d : duplicateCookies) {
            if (d.first().owner().equals(d.second().owner())) {
                problem(d.second().pointer(), d.what() + " is declared twice in service '" + d.second().owner()
                        + "' (also at " + d.first().pointer() + ")", "remove one of the two declarations");
            } else {
                problem(d.second().pointer(), d.what() + " is already declared by service '" + d.first().owner() + "' at "
                        + d.first().pointer(), "a cookie belongs to one service: remove it from one of them");
            }
        }
    }

    // ---------------------------------------------------------------- hosts

    /** Validates and normalises a host name; reports what is wrong with it. */
    private @Nullable String host(String raw, String pointer, String what) {
        String h = raw.toLowerCase(Locale.ROOT);
        String example = "e.g. \"cdn.example.com\"";
        if (h.isEmpty()) {
            problem(pointer, what + " is empty", "give a host name, " + example);
            return null;
        }
        int scheme = h.indexOf("://");
        if (scheme >= 0) {
            problem(pointer, what + " '" + raw + "' has a scheme; give the host name alone",
                    "write \"" + suggestion(h.substring(scheme + 3)) + "\"");
            return null;
        }
        int slash = h.indexOf('/');
        String path = "";
        if (slash >= 0) {
            path = raw.substring(slash);
            h = h.substring(0, slash);
            if (!"host".equals(what)) {
                problem(pointer, what + " '" + raw + "' has a path; give the domain alone", "write \"" + suggestion(h) + "\"");
                return null;
            }
            String bad = Service.Hosts.pathProblem(path);
            if (bad != null) {
                problem(pointer, what + " '" + raw + "' has a path prefix that " + bad,
                        "give a path prefix such as \"" + suggestion(h) + "/maps\" (no query, fragment or spaces)");
                return null;
            }
        }
        if (h.indexOf('*') >= 0) {
            problem(pointer, what + " '" + raw + "' has a wildcard",
                    "a host already covers its subdomains: write \"" + suggestion(h) + "\"");
            return null;
        }
        if (h.indexOf(':') >= 0) {
            problem(pointer, what + " '" + raw + "' has a port; give the host name alone", "write \"" + suggestion(h) + "\"");
            return null;
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!Service.Hosts.isHost(h)) {
            problem(pointer, what + " '" + raw + "' is not a host name",
                    "use labels of letters, digits and '-' separated by dots, " + example);
            return null;
        }
        if (h.indexOf('.') < 0) {
            problem(pointer, what + " '" + raw + "' has a single label and would match every host under it",
                    "give a registrable domain or a more specific host, " + example);
            return null;
        }
        return h + path;
    }

    /** The host part of something that looks like a URL or a wildcard, for hints. */
    private static String suggestion(String h) {
        String s = h;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int colon = s.indexOf(':');
        if (colon >= 0) {
            s = s.substring(0, colon);
        }
        while (s.startsWith("*.") || s.startsWith(".")) {
            s = s.substring(s.indexOf('.') + 1);
        }
        s = s.replace("*", "");
        return s.isEmpty() ? "example.com" : s;
    }

    private void claimHost(String host, String pointer, @Nullable String serviceId) {
        Claim claim = new Claim(serviceId == null ? "?" : serviceId, pointer);
        Claim earlier = hostClaims.putIfAbsent(host, claim);
        if (earlier != null) {
            duplicateHosts.add(new Duplicate("host '" + host + "'", earlier, claim));
        }
    }

    private void checkHostClaims() {
        for (Duplicate d : duplicateHosts) {
            if (d.first().owner().equals(d.second().owner())) {
                problem(d.second().pointer(), d.what() + " is listed twice in service '" + d.second().owner()
                        + "' (also at " + d.first().pointer() + ")", "remove one of the two");
            } else {
                problem(d.second().pointer(), d.what() + " is already claimed by service '" + d.first().owner() + "' at "
                        + d.first().pointer(), "a host belongs to one service: remove it from one of them");
            }
        }
    }

    /** A service's declaration of a cookie name or host, and where it is. */
    private record Claim(String owner, String pointer) {
    }

    /** A cookie name or host declared a second time. */
    private record Duplicate(String what, Claim first, Claim second) {
    }

    // ---------------------------------------------------------------- construction

    /** Builds an entry; a constructor check this reader missed becomes a problem, not an exception. */
    private <T> void add(List<Located<T>> into, String pointer, Supplier<T> factory) {
        try {
            into.add(new Located<>(factory.get(), source, pointer));
        } catch (IllegalArgumentException | NullPointerException e) {
            problem(pointer, String.valueOf(e.getMessage()), "");
        }
    }
}
