package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Tells where a request comes from, as an ISO 3166-1 country ({@code FR}) or ISO 3166-2 subdivision
 * ({@code US-CA}) code; the empty string when it cannot tell, which makes the jurisdiction table's
 * fallback (opt-in by default) apply.
 *
 * <p>The built-ins read the location headers a CDN adds at its edge. Such headers are only as
 * trustworthy as the path to the application: use the resolver of the CDN that fronts the site, and
 * make sure requests cannot reach the application around it, or a visitor could pick their own rules.
 * A value that is not a well-formed code (or is a CDN's "unknown" marker such as {@code XX},
 * {@code ZZ} or {@code T1}) counts as unknown.
 *
 * <p>Implementations must be thread-safe and fast; one that throws is treated as "unknown" for that
 * request.
 */
@FunctionalInterface
public interface JurisdictionResolver {

    /** The visitor's location code, or the empty string when unknown. */
    String resolve(HttpServletRequest request);

    /**
     * The request headers the result depends on, so responses that depend on it can say they
     * {@code Vary} on them. Empty by default.
     */
    default List<String> headers() {
        return List.of();
    }

    /** Always unknown: every visitor gets the fallback jurisdiction. The default. */
    static JurisdictionResolver none() {
        return HeaderResolver.NONE;
    }

    /** Always {@code code} (e.g. {@code FR}, {@code US-CA}), for a site that serves one place, or tests. */
    static JurisdictionResolver fixed(String code) {
        String normalized = HeaderResolver.normalizeLocation(Objects.requireNonNull(code, "code"));
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("fixed jurisdiction '" + code
                    + "' is not an ISO 3166-1 alpha-2 country (FR) or ISO 3166-2 subdivision (US-CA)");
        }
        return new HeaderResolver("fixed:" + normalized, null, null, normalized);
    }

    /**
     * Amazon CloudFront: {@code CloudFront-Viewer-Country} and {@code CloudFront-Viewer-Country-Region}
     * (enable them in the distribution's origin request policy).
     */
    static JurisdictionResolver cloudFront() {
        return new HeaderResolver("cloudfront", "CloudFront-Viewer-Country", "CloudFront-Viewer-Country-Region", "");
    }

    /**
     * Cloudflare: {@code CF-IPCountry} and {@code cf-region-code} (the region needs the "Add visitor
     * location headers" managed transform).
     */
    static JurisdictionResolver cloudflare() {
        return new HeaderResolver("cloudflare", "CF-IPCountry", "cf-region-code", "");
    }

    /** Vercel: {@code X-Vercel-IP-Country} and {@code X-Vercel-IP-Country-Region}. */
    static JurisdictionResolver vercel() {
        return new HeaderResolver("vercel", "X-Vercel-IP-Country", "X-Vercel-IP-Country-Region", "");
    }

    /** Google App Engine: {@code X-AppEngine-Country} and {@code X-AppEngine-Region}. */
    static JurisdictionResolver appEngine() {
        return new HeaderResolver("appengine", "X-AppEngine-Country", "X-AppEngine-Region", "");
    }

    /**
     * A country header and a region header; the region may be the subdivision part ({@code CA}) or the
     * full code ({@code US-CA}), in any case.
     *
     * @param countryHeader the header holding the ISO 3166-1 alpha-2 country
     * @param regionHeader  the header holding the subdivision
     */
    static JurisdictionResolver headers(String countryHeader, String regionHeader) {
        Objects.requireNonNull(countryHeader, "countryHeader");
        Objects.requireNonNull(regionHeader, "regionHeader");
        return new HeaderResolver("headers:" + countryHeader + "," + regionHeader, countryHeader, regionHeader, "");
    }

    /**
     * A country header alone.
     *
     * @param countryHeader the header holding the ISO 3166-1 alpha-2 country
     */
    static JurisdictionResolver headers(String countryHeader) {
        Objects.requireNonNull(countryHeader, "countryHeader");
        return new HeaderResolver("headers:" + countryHeader, countryHeader, null, "");
    }

    /** The first resolver that knows the location wins. */
    static JurisdictionResolver firstOf(JurisdictionResolver first, JurisdictionResolver... others) {
        List<JurisdictionResolver> all = new ArrayList<>();
        all.add(Objects.requireNonNull(first, "first"));
        all.addAll(List.of(others));
        List<JurisdictionResolver> resolvers = List.copyOf(all);
        List<String> headers = resolvers.stream().flatMap(r -> r.headers().stream()).distinct().toList();
        return new JurisdictionResolver() {
            @Override
            public String resolve(HttpServletRequest request) {
                for (JurisdictionResolver r : resolvers) {
                    String location = r.resolve(request);
                    if (!location.isEmpty()) {
                        return location;
                    }
                }
                return "";
            }

            @Override
            public List<String> headers() {
                return headers;
            }

            @Override
            public String toString() {
                return "firstOf" + resolvers;
            }
        };
    }

    /**
     * The resolver a setting names: {@code none}, {@code cloudfront}, {@code cloudflare},
     * {@code vercel}, {@code appengine}, {@code fixed:FR}, or {@code headers:Country-Header[,Region-Header]};
     * several separated by {@code |} are tried in order.
     *
     * @throws IllegalArgumentException naming the unknown spelling and the accepted ones
     */
    static JurisdictionResolver parse(String setting) {
        Objects.requireNonNull(setting, "setting");
        List<JurisdictionResolver> parts = new ArrayList<>();
        for (String raw : setting.split("\\|")) {
            String s = raw.trim();
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.startsWith("fixed:")) {
                parts.add(fixed(s.substring(6).trim()));
            } else if (lower.startsWith("headers:")) {
                String[] names = s.substring(8).split(",");
                if (names.length > 2 || names[0].isBlank()) {
                    throw new IllegalArgumentException("jurisdiction setting '" + s
                            + "' must name a country header and optionally a region header: headers:Country[,Region]");
                }
                parts.add(names.length == 2 ? headers(names[0].trim(), names[1].trim()) : headers(names[0].trim()));
            } else {
                parts.add(switch (lower) {
                    case "none", "" -> none();
                    case "cloudfront" -> cloudFront();
                    case "cloudflare" -> cloudflare();
                    case "vercel" -> vercel();
                    case "appengine" -> appEngine();
                    default -> throw new IllegalArgumentException("unknown jurisdiction resolver '" + s
                            + "'; use none, cloudfront, cloudflare, vercel, appengine, fixed:CODE or headers:Country[,Region]");
                });
            }
        }
        return parts.size() == 1 ? parts.get(0) : firstOf(parts.get(0), parts.subList(1, parts.size()).toArray(JurisdictionResolver[]::new));
    }
}
