package org.consent4j.servlet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.servlet.csp.CspMode;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text settings of a {@link ConsentFilter} (filter init-parameters, a JSON file) and applies
 * them to a {@link ConsentFilterConfig.Builder} through its ordinary setters, so a setting is checked
 * exactly as the builder method it stands for. The names are listed in {@link ConsentFilterConfig}.
 */
final class ConsentFilterSettings {

    /** Every setting name; the class documentation of {@link ConsentFilterConfig} describes each. */
    static final Set<String> NAMES = Set.of("prefix", "cookie-name", "cookie-secure", "cookie-domain",
            "expire-domains", "expire-parent-domains", "keys", "keys-env", "jurisdiction", "unknown-cookies", "necessary-cookies",
            "inventory-size", "unknown-hosts", "first-party-hosts", "discovery-size", "inventory-token",
            "inventory-token-env", "cache", "max-body", "allowed-origins", "gpc-last-update", "record-gpc-opt-outs",
            "record-client-address", "record-user-agent", "banner", "banner-inject", "banner-language",
            "banner-placeholders",
            "privacy-policy-url", "consent-mode", "consent-mode-wait-for-update", "csp-nonce-attribute", "html-gate",
            "catalog", "jurisdictions", "consent-policy", "csp", "csp-sources", "csp-services", "csp-unsafe-inline-scripts",
            "csp-report", "iab", "iab-cmp-id", "iab-cmp-version", "iab-vendor-list-version", "iab-publisher-country",
            "iab-tcf-purposes", "iab-vendors", "iab-incoming", "iab-incoming-header", "iab-tcf-consent");

    private ConsentFilterSettings() {
    }

    /**
     * Applies text settings to {@code b}; {@code environment} resolves {@code keys-env}.
     *
     * @throws IllegalArgumentException naming the setting for an unknown name or a bad value
     */
    static void apply(ConsentFilterConfig.Builder b, Map<String, String> settings,
            Function<String, @Nullable String> environment) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(NAMES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown consent filter setting(s) " + unknown + "; known: "
                    + new TreeSet<>(NAMES));
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            try {
                apply(b, e.getKey(), e.getValue().trim(), environment);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("consent filter setting '" + e.getKey() + "': " + ex.getMessage(), ex);
            }
        }
    }

    /**
     * The settings of a JSON file: one object whose members are the text settings.
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    static Map<String, String> readJson(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read consent filter config " + file + ": " + e.getMessage(), e);
        }
        return readJson(text, file.toString());
    }

    /**
     * The settings of JSON text: one object whose members are strings, booleans, numbers or arrays of
     * strings (joined with commas); {@code source} names the text in errors.
     *
     * @throws IllegalArgumentException naming the source, the JSON path and the problem
     */
    static Map<String, String> readJson(String json, String source) {
        JsonNode root;
        try {
            root = StrictJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + StrictJson.describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " must hold one JSON object of settings");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : v) {
                    if (!item.isValueNode()) {
                        throw new IllegalArgumentException(source + ": /" + f.getKey() + " must be an array of strings");
                    }
                    items.add(item.asText());
                }
                settings.put(f.getKey(), String.join(",", items));
            } else if (v.isValueNode() && !v.isNull()) {
                settings.put(f.getKey(), v.asText());
            } else {
                throw new IllegalArgumentException(source + ": /" + f.getKey()
                        + " must be a string, boolean, number or array of strings");
            }
        }
        return settings;
    }

    private static void apply(ConsentFilterConfig.Builder b, String name, String value,
            Function<String, @Nullable String> environment) {
        switch (name) {
            case "catalog" -> b.catalogFiles(list(value).stream().map(Path::of).toList());
            case "jurisdictions" -> b.jurisdictionsFile(Path.of(value));
            case "consent-policy" -> b.consentPolicyFile(Path.of(value));
            case "prefix" -> b.prefix(value);
            case "cookie-name" -> b.cookieName(value);
            case "cookie-secure" -> b.secureCookie(bool(value));
            case "cookie-domain" -> b.cookieDomain(value);
            case "expire-domains" -> b.expireDomains(list(value));
            case "expire-parent-domains" -> b.expireParentDomains(bool(value));
            case "keys" -> b.keys(KeySet.parse(value));
            case "keys-env" -> {
                String keysText = environment.apply(value);
                if (keysText == null || keysText.isBlank()) {
                    throw new IllegalArgumentException("environment variable " + value + " is not set or empty");
                }
                b.keys(KeySet.parse(keysText));
            }
            case "jurisdiction" -> b.jurisdictionResolver(JurisdictionResolver.parse(value));
            case "unknown-cookies" -> b.unknownCookies(switch (value.toLowerCase(Locale.ROOT)) {
                case "block" -> UnknownCookiePolicy.BLOCK;
                case "allow" -> UnknownCookiePolicy.ALLOW;
                default -> throw new IllegalArgumentException("'" + value + "' is not block or allow");
            });
            case "necessary-cookies" -> b.necessaryCookies(new LinkedHashSet<>(list(value)));
            case "inventory-size" -> b.inventorySize(integer(value));
            case "unknown-hosts" -> b.unknownHosts(switch (value.toLowerCase(Locale.ROOT)) {
                case "report" -> UnknownHostPolicy.REPORT;
                case "block" -> UnknownHostPolicy.BLOCK;
                default -> throw new IllegalArgumentException("'" + value + "' is not report or block");
            });
            case "first-party-hosts" -> b.firstPartyHosts(new java.util.LinkedHashSet<>(list(value)));
            case "discovery-size" -> b.discoverySize(integer(value));
            case "inventory-token" -> b.inventoryToken(value);
            case "inventory-token-env" -> {
                String token = environment.apply(value);
                if (token == null || token.isBlank()) {
                    throw new IllegalArgumentException("environment variable " + value + " is not set or empty");
                }
                b.inventoryToken(token.trim());
            }
            case "cache" -> b.cacheMode(switch (value.toLowerCase(Locale.ROOT)) {
                case "vary" -> CacheMode.VARY;
                case "private" -> CacheMode.PRIVATE;
                default -> throw new IllegalArgumentException("'" + value + "' is not vary or private");
            });
            case "max-body" -> b.maxBody(integer(value));
            case "allowed-origins" -> b.allowedOrigins(new LinkedHashSet<>(list(value)));
            case "gpc-last-update" -> {
                try {
                    b.gpcLastUpdate(LocalDate.parse(value));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a date YYYY-MM-DD", e);
                }
            }
            case "record-gpc-opt-outs" -> b.recordGpcOptOuts(bool(value));
            case "record-client-address" -> b.recordClientAddress(bool(value));
            case "record-user-agent" -> b.recordUserAgent(bool(value));
            case "banner" -> b.banner(bool(value));
            case "banner-inject" -> b.bannerInject(bool(value));
            case "banner-language" -> b.bannerLanguage(value);
            case "banner-placeholders" -> b.bannerPlaceholders(bool(value));
            case "privacy-policy-url" -> b.privacyPolicyUrl(value);
            case "consent-mode" -> b.consentMode(bool(value));
            case "consent-mode-wait-for-update" -> b.consentModeWaitForUpdate(Duration.ofMillis(integer(value)));
            case "csp-nonce-attribute" -> b.cspNonceAttribute(value);
            case "html-gate" -> b.htmlGate(bool(value));
            case "csp" -> b.csp(b.cspConfig().toBuilder().mode(CspMode.parse(value)).build());
            case "csp-sources" -> b.csp(b.cspConfig().toBuilder().sources(value).build());
            case "csp-services" -> b.csp(b.cspConfig().toBuilder().services(new LinkedHashSet<>(list(value))).build());
            case "csp-unsafe-inline-scripts" -> b.csp(b.cspConfig().toBuilder().unsafeInlineScripts(bool(value)).build());
            case "csp-report" -> b.csp(b.cspConfig().toBuilder().reportEndpoint(bool(value)).build());
            case "iab" -> b.iab(b.iabConfig().toBuilder().enabled(bool(value)).build());
            case "iab-cmp-id" -> {
                IabConfig c = b.iabConfig();
                b.iab(cmp(c, integer(value), c.cmpVersion(), c.vendorListVersion()));
            }
            case "iab-cmp-version" -> {
                IabConfig c = b.iabConfig();
                b.iab(cmp(c, c.cmpId(), integer(value), c.vendorListVersion()));
            }
            case "iab-vendor-list-version" -> {
                IabConfig c = b.iabConfig();
                b.iab(cmp(c, c.cmpId(), c.cmpVersion(), integer(value)));
            }
            case "iab-publisher-country" -> b.iab(b.iabConfig().toBuilder().publisherCountry(value).build());
            case "iab-tcf-purposes" -> {
                IabConfig.Builder c = b.iabConfig().toBuilder();
                for (String entry : list(value)) {
                    String[] kv = pair(entry, "purpose:category|category");
                    c.tcfPurpose(integer(kv[0]), new LinkedHashSet<>(List.of(kv[1].split("\\|"))));
                }
                b.iab(c.build());
            }
            case "iab-vendors" -> {
                IabConfig.Builder c = b.iabConfig().toBuilder();
                for (String entry : list(value)) {
                    String[] kv = pair(entry, "vendor-id:service-id");
                    c.vendor(integer(kv[0]), kv[1]);
                }
                b.iab(c.build());
            }
            case "iab-incoming" -> b.iab(b.iabConfig().toBuilder().readIncoming(bool(value)).build());
            case "iab-incoming-header" -> b.iab(b.iabConfig().toBuilder().incomingHeader(value).build());
            case "iab-tcf-consent" -> b.iab(b.iabConfig().toBuilder().tcfConsent(bool(value)).build());
            default -> throw new IllegalStateException("setting " + name + " is listed but not handled");
        }
    }

    /** The CMP registration with one value changed; the CMP id is set once all three values are known. */
    private static IabConfig cmp(IabConfig c, int id, int version, int vendorListVersion) {
        if (id == 0 || vendorListVersion == 0) {
            // Kept until the other values arrive: a record of the values given so far.
            return new IabConfig(c.enabled(), id, version, vendorListVersion, c.publisherCountry(), c.tcfPurposes(),
                    c.vendors(), c.readIncoming(), c.incomingHeader(), c.tcfConsent());
        }
        return c.toBuilder().cmp(id, version, vendorListVersion).build();
    }

    private static String[] pair(String entry, String shape) {
        int colon = entry.indexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("'" + entry + "' is not " + shape);
        }
        return new String[] {entry.substring(0, colon).trim(), entry.substring(colon + 1).trim()};
    }

    static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
        };
    }

    static int integer(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number", e);
        }
    }

    static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                items.add(s.trim());
            }
        }
        return items;
    }
}
