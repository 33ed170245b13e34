package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The header-reading and fixed built-ins. */
final class HeaderResolver implements JurisdictionResolver {

    static final HeaderResolver NONE = new HeaderResolver("none", null, null, "");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern REGION = Pattern.compile("[A-Z0-9]{1,3}");

    private final String name;
    private final @Nullable String countryHeader;
    private final @Nullable String regionHeader;
    private final String fixed;
    private final List<String> headers;

    HeaderResolver(String name, @Nullable String countryHeader,
                   @Nullable String regionHeader, String fixed) {
        this.name = name;
        this.countryHeader = countryHeader;
        this.regionHeader = regionHeader;
        this.fixed = fixed;
        List<String> h = new ArrayList<>();
        if (countryHeader != null) {
            h.add(countryHeader);
        }
        if (regionHeader != null) {
            h.add(regionHeader);
        }
        this.headers = List.copyOf(h);
    }

    @Override
    public String resolve(HttpServletRequest request) {
        if (countryHeader == null) {
            return fixed;
        }
        String country = country(request.getHeader(countryHeader));
        if (country.isEmpty() || regionHeader == null) {
            return country;
        }
        String region = request.getHeader(regionHeader);
        if (region == null) {
            return country;
        }
        String r = region.trim().toUpperCase(Locale.ROOT);
        if (r.startsWith(country + "-")) {
            r = r.substring(3);
        }
        return REGION.matcher(r).matches() ? country + "-" + r : country;
    }

    private static String country(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String c = value.trim().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(c).matches() || c.equals("XX") || c.equals("ZZ")) {
            return "";
        }
        return c;
    }

    /** {@code FR}, {@code US-CA} in upper case, or empty when malformed; T1 (Tor) etc. are not countries. */
    static String normalizeLocation(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        int dash = c.indexOf('-');
        String country = dash < 0 ? c : c.substring(0, dash);
        if (!COUNTRY.matcher(country).matches()) {
            return "";
        }
        if (dash < 0) {
            return country;
        }
        return REGION.matcher(c.substring(dash + 1)).matches() ? c : "";
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return name;
    }
}
