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
        String r = region.trim();
        if (r.length() > 3 && r.regionMatches(true, 0, country, 0, 2) && r.charAt(2) == '-') {
            r = r.substring(3);
        }
        if (r.isEmpty() || r.length() > 3) {
            return country;
        }
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return country;
            }
        }
        return country + "-" + r.toUpperCase(Locale.ROOT);
    }

    /** The country in upper case, or empty when not two ASCII letters or a CDN's unknown marker. */
    private static String country(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String c = value.length() == 2 ? value : value.trim();
        if (c.length() != 2 || !letter(c.charAt(0)) || !letter(c.charAt(1))) {
            return "";
        }
        if (Character.isLowerCase(c.charAt(0)) || Character.isLowerCase(c.charAt(1))) {
            c = c.toUpperCase(Locale.ROOT);
        }
        return c.equals("XX") || c.equals("ZZ") ? "" : c;
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
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
