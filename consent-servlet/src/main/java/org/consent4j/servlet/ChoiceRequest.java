package org.consent4j.servlet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.internal.json.StrictJson;
import org.jspecify.annotations.Nullable;

/**
 * A choice as posted to the consent endpoint, checked against the catalog.
 *
 * <p>JSON: {@code {"accept":"all"}}, {@code {"accept":"none"}},
 * {@code {"categories":{"analytics":true,"marketing":false}}} or {@code {"withdraw":true}}, with
 * optional {@code "locale"} and {@code "textsHash"} for the record; other members are ignored. A
 * {@code "categories"} choice may carry per-service choices, {@code "services":{"youtube":true}}: a
 * service granted while its category is refused is a per-service grant, a service refused while its
 * category is granted a per-service refusal; every id must be a service of the catalog. Form:
 * {@code accept=all|none}, {@code category=ID} (repeated; listed granted, the rest denied) with
 * {@code service=ID} (repeated; per-service grants), or {@code withdraw=true}, with the same optional
 * fields; other fields are ignored. Every non-required category ends up granted or denied; required
 * ones are not stored, nor are services of required categories.
 *
 * @param method     how the choice was made
 * @param categories every non-required category of the catalog, granted or denied
 * @param services   the per-service choices, only those given; empty unless {@code method} is CUSTOM
 * @param locale     the language of the banner shown, or empty
 * @param textsHash  a hash of the banner texts shown, or empty
 */
record ChoiceRequest(ConsentMethod method, Map<String, Choice> categories, Map<String, Choice> services,
                     String locale, String textsHash) {

    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");
    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9:_+/=.-]{1,128}");
    private static final ObjectReader JSON = StrictJson.reader(
            StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096).build());

    /** Withdrawal: every non-required category denied. */
    static ChoiceRequest withdrawal(Catalog catalog) {
        return of(ConsentMethod.WITHDRAWAL, Map.of(), catalog, "", "");
    }

    static ChoiceRequest fromJson(byte[] body, Catalog catalog) throws BadRequest {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new BadRequest(400, "request body holds more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadRequest(400, "request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": " + StrictJson.problem(e));
        } catch (IOException e) {
            throw new BadRequest(400, "request body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest(400, "request body must be a JSON object such as {\"accept\":\"all\"}");
        }
        String locale = optionalText(root, "locale", LOCALE);
        String hash = optionalText(root, "textsHash", HASH);
        JsonNode accept = root.get("accept");
        JsonNode categories = root.get("categories");
        JsonNode withdraw = root.get("withdraw");
        JsonNode services = root.get("services");
        if (services != null && categories == null) {
            throw new BadRequest(400, "\"services\" goes with \"categories\": send e.g."
                    + " {\"categories\":{\"marketing\":false},\"services\":{\"youtube\":true}}");
        }
        requireExactlyOne(accept != null, categories != null, withdraw != null);
        if (withdraw != null) {
            if (!withdraw.isBoolean() || !withdraw.booleanValue()) {
                throw new BadRequest(400, "\"withdraw\" must be true");
            }
            return of(ConsentMethod.WITHDRAWAL, Map.of(), catalog, locale, hash);
        }
        if (accept != null) {
            return acceptAll(accept.isTextual() ? accept.textValue() : null, catalog, locale, hash);
        }
        if (!categories.isObject()) {
            throw new BadRequest(400, "\"categories\" must be an object of category id to true or false, e.g. {\"analytics\":true}");
        }
        Map<String, Boolean> listed = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = categories.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isBoolean()) {
                throw new BadRequest(400, "category '" + clip(e.getKey()) + "' must be true or false");
            }
            listed.put(e.getKey(), e.getValue().booleanValue());
        }
        Map<String, Boolean> perService = new LinkedHashMap<>();
        if (services != null) {
            if (!services.isObject()) {
                throw new BadRequest(400, "\"services\" must be an object of service id to true or false, e.g. {\"youtube\":true}");
            }
            Iterator<Map.Entry<String, JsonNode>> s = services.properties().iterator();
            while (s.hasNext()) {
                Map.Entry<String, JsonNode> e = s.next();
                if (!e.getValue().isBoolean()) {
                    throw new BadRequest(400, "service '" + clip(e.getKey()) + "' must be true or false");
                }
                perService.put(e.getKey(), e.getValue().booleanValue());
            }
        }
        return custom(listed, perService, catalog, locale, hash);
    }

    static ChoiceRequest fromForm(byte[] body, Charset charset, Catalog catalog) throws BadRequest {
        Map<String, List<String>> form = parseForm(new String(body, charset), charset);
        String locale = optionalFormText(form, "locale", LOCALE);
        String hash = optionalFormText(form, "textsHash", HASH);
        List<String> accept = form.get("accept");
        List<String> category = form.get("category");
        List<String> withdraw = form.get("withdraw");
        List<String> service = form.get("service");
        if (service != null && category == null) {
            category = List.of();
        }
        if (accept != null && category != null || accept != null && withdraw != null || category != null && withdraw != null) {
            requireExactlyOne(accept != null, category != null, withdraw != null);
        }
        if (withdraw != null) {
            if (withdraw.size() != 1 || !"true".equals(withdraw.get(0))) {
                throw new BadRequest(400, "field withdraw must be true");
            }
            return of(ConsentMethod.WITHDRAWAL, Map.of(), catalog, locale, hash);
        }
        if (accept != null) {
            if (accept.size() != 1) {
                throw new BadRequest(400, "field accept is given more than once");
            }
            return acceptAll(accept.get(0), catalog, locale, hash);
        }
        Map<String, Boolean> listed = new LinkedHashMap<>();
        if (category != null) {
            for (String id : category) {
                listed.put(id, true);
            }
        }
        Map<String, Boolean> perService = new LinkedHashMap<>();
        if (service != null) {
            for (String id : service) {
                perService.put(id, true);
            }
        }
        return custom(listed, perService, catalog, locale, hash);
    }

    private static void requireExactlyOne(boolean accept, boolean categories, boolean withdraw) throws BadRequest {
        int n = (accept ? 1 : 0) + (categories ? 1 : 0) + (withdraw ? 1 : 0);
        if (n != 1) {
            throw new BadRequest(400, n == 0
                    ? "no choice in the request: give \"accept\" (all or none), \"categories\" or \"withdraw\""
                    : "give exactly one of \"accept\", \"categories\" or \"withdraw\"");
        }
    }

    private static ChoiceRequest acceptAll(@Nullable String value, Catalog catalog, String locale, String hash) throws BadRequest {
        if ("all".equals(value)) {
            return of(ConsentMethod.ACCEPT_ALL, Map.of(), catalog, locale, hash);
        }
        if ("none".equals(value)) {
            return of(ConsentMethod.REJECT_ALL, Map.of(), catalog, locale, hash);
        }
        throw new BadRequest(400, "\"accept\" must be \"all\" or \"none\"");
    }

    private static ChoiceRequest custom(Map<String, Boolean> listed, Map<String, Boolean> perService, Catalog catalog,
                                        String locale, String hash) throws BadRequest {
        for (Map.Entry<String, Boolean> e : listed.entrySet()) {
            Category c = catalog.category(e.getKey()).orElse(null);
            if (c == null) {
                throw new BadRequest(400, "unknown category '" + clip(e.getKey()) + "'; known: "
                        + String.join(", ", catalog.categories().stream().filter(x -> !x.required()).map(Category::id).toList()));
            }
            if (c.required() && !e.getValue()) {
                throw new BadRequest(400, "category '" + c.id() + "' is strictly necessary and cannot be refused");
            }
        }
        Map<String, Choice> services = new LinkedHashMap<>();
        for (Map.Entry<String, Boolean> e : perService.entrySet()) {
            Service s = catalog.service(e.getKey()).orElse(null);
            if (s == null) {
                throw new BadRequest(400, "unknown service '" + clip(e.getKey()) + "': not in the catalog; use an id listed under"
                        + " \"services\" in the answer to GET on the consent endpoint");
            }
            boolean required = catalog.category(s.category()).map(Category::required).orElse(false);
            if (required) {
                if (!e.getValue()) {
                    throw new BadRequest(400, "service '" + s.id() + "' is strictly necessary and cannot be refused");
                }
                continue;
            }
            services.put(s.id(), e.getValue() ? Choice.GRANTED : Choice.DENIED);
        }
        ChoiceRequest categories = of(ConsentMethod.CUSTOM, listed, catalog, locale, hash);
        return new ChoiceRequest(categories.method(), categories.categories(), Map.copyOf(services), locale, hash);
    }

    private static ChoiceRequest of(ConsentMethod method, Map<String, Boolean> listed, Catalog catalog, String locale,
                                    String hash) {
        Map<String, Choice> choices = new LinkedHashMap<>();
        for (Category c : catalog.categories()) {
            if (c.required()) {
                continue;
            }
            boolean granted = switch (method) {
                case ACCEPT_ALL -> true;
                case CUSTOM -> Boolean.TRUE.equals(listed.get(c.id()));
                default -> false;
            };
            choices.put(c.id(), granted ? Choice.GRANTED : Choice.DENIED);
        }
        return new ChoiceRequest(method, Map.copyOf(choices), Map.of(), locale, hash);
    }

    private static String optionalText(JsonNode root, String name, Pattern pattern) throws BadRequest {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isTextual() || !pattern.matcher(n.textValue()).matches()) {
            throw new BadRequest(400, "\"" + name + "\" must be a string matching " + pattern.pattern());
        }
        return n.textValue();
    }

    private static String optionalFormText(Map<String, List<String>> form, String name, Pattern pattern) throws BadRequest {
        List<String> values = form.get(name);
        if (values == null) {
            return "";
        }
        if (values.size() != 1 || !pattern.matcher(values.get(0)).matches()) {
            throw new BadRequest(400, "field " + name + " must be given once and match " + pattern.pattern());
        }
        return values.get(0);
    }

    private static Map<String, List<String>> parseForm(String body, Charset charset) throws BadRequest {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(400, "form body is not valid application/x-www-form-urlencoded (bad % escape)");
            }
        }
        return form;
    }

    private static String clip(String s) {
        return CookieInventory.printable(s.length() > 64 ? s.substring(0, 64) + "…" : s);
    }
}
