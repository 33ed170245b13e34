package org.consent4j.servlet.banner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Picks the banner language from an {@code Accept-Language} header (RFC 9110 §12.5.4): the
 * supported language of the highest-weighted range, matched on language and region first
 * ({@code pt-BR}), then on the primary subtag ({@code pt-PT} and {@code pt} give {@code pt}), else
 * the configured default. Malformed ranges are skipped; the header never causes an error.
 */
final class Languages {

    /** Ranges beyond this count are ignored, to bound the work on hostile headers. */
    static final int MAX_RANGES = 32;

    private Languages() {
    }

    /** The name of a language in itself, capitalised: "Français", "Deutsch"; the code when Java has no name. */
    static String displayName(String code) {
        Locale locale = Locale.forLanguageTag(code);
        String name = locale.getDisplayName(locale);
        return name.isEmpty() || name.equals(code) ? code : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    private record Range(String language, String region, double weight, int position) {
    }

    /**
     * The regional variant to show a visitor located in {@code location} when the negotiated
     * language is only its base: Portuguese in Brazil is Brazilian Portuguese, unless the header
     * asked for European Portuguese ({@code pt-PT}) by name.
     */
    static String regional(String language, String location, @Nullable String acceptLanguage, Set<String> supported) {
        if (language.equals("pt") && supported.contains("pt-BR")
                && (location.equals("BR") || location.startsWith("BR-"))
                && (acceptLanguage == null || !acceptLanguage.toLowerCase(Locale.ROOT).contains("pt-pt"))) {
            return "pt-BR";
        }
        return language;
    }

    static String negotiate(@Nullable String acceptLanguage, Set<String> supported, String fallback) {
        if (acceptLanguage == null || acceptLanguage.isEmpty()) {
            return fallback;
        }
        List<Range> ranges = new ArrayList<>();
        int position = 0;
        for (String part : acceptLanguage.split(",", MAX_RANGES + 1)) {
            if (position++ >= MAX_RANGES) {
                break;
            }
            Range range = parse(part, position);
            if (range != null && range.weight > 0) {
                ranges.add(range);
            }
        }
        ranges.sort(Comparator.comparingDouble(Range::weight).reversed().thenComparingInt(Range::position));
        for (Range range : ranges) {
            @Nullable String regionalOnly = null;
            if (range.language.equals("*")) {
                return fallback;
            }
            if (!range.region.isEmpty()) {
                String tag = range.language + "-" + range.region;
                if (supported.contains(tag)) {
                    return tag;
                }
            }
            if (supported.contains(range.language)) {
                return range.language;
            }
            for (String s : supported) {
                if (s.startsWith(range.language + "-")) {
                    regionalOnly = regionalOnly == null ? s : regionalOnly.compareTo(s) <= 0 ? regionalOnly : s;
                }
            }
            if (regionalOnly != null) {
                return regionalOnly;
            }
        }
        return fallback;
    }

    private static @Nullable Range parse(String part, int position) {
        String[] pieces = part.split(";", -1);
        String tag = pieces[0].trim();
        if (tag.isEmpty() || tag.length() > 35) {
            return null;
        }
        int dash = tag.indexOf('-');
        String primary = (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
        if (!primary.equals("*") && !primary.matches("[a-z]{1,8}")) {
            return null;
        }
        double weight = 1.0;
        for (int i = 1; i < pieces.length; i++) {
            String param = pieces[i].trim();
            if (param.length() > 2 && (param.charAt(0) == 'q' || param.charAt(0) == 'Q') && param.charAt(1) == '=') {
                weight = weight(param.substring(2));
                if (Double.isNaN(weight)) {
                    return null;
                }
            }
        }
        String region = "";
        if (dash > 0) {
            int next = tag.indexOf('-', dash + 1);
            String second = next < 0 ? tag.substring(dash + 1) : tag.substring(dash + 1, next);
            if (second.matches("[A-Za-z]{2}")) {
                region = second.toUpperCase(Locale.ROOT);
            }
        }
        return new Range(primary, region, weight, position);
    }

    /** RFC 9110 qvalue: 0, 1, or 0.xxx / 1.000; NaN when malformed. */
    private static double weight(String q) {
        if (!q.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
            return Double.NaN;
        }
        return Double.parseDouble(q.endsWith(".") ? q + "0" : q);
    }
}
