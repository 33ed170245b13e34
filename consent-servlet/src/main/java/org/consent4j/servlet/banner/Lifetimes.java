package org.consent4j.servlet.banner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.CookieLifetime;

/** Formats a cookie lifetime for people: "Session", "2 years", "1 day 12 hours", in the page's language. */
final class Lifetimes {

    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");
    private static final String[] UNITS = {"Year", "Month", "Week", "Day", "Hour", "Minute", "Second"};

    private Lifetimes() {
    }

    static String format(CookieLifetime lifetime, Texts texts) {
        if (lifetime.isSession()) {
            return texts.get("session");
        }
        Matcher m = ISO.matcher(lifetime.text().trim().toUpperCase(Locale.ROOT));
        List<String> parts = new ArrayList<>();
        if (m.matches()) {
            for (int i = 0; i < UNITS.length; i++) {
                String group = m.group(i + 1);
                if (group != null && !group.chars().allMatch(c -> c == '0')) {
                    parts.add(amount(group.replaceFirst("^0+", ""), UNITS[i], texts));
                }
            }
        }
        if (parts.isEmpty()) {
            // A form the pattern does not cover (fractional seconds): fall back to whole days, hours or seconds.
            long seconds = lifetime.duration().toSeconds();
            if (seconds >= 86_400) {
                parts.add(amount(Long.toString(seconds / 86_400), "Day", texts));
            } else if (seconds >= 3_600) {
                parts.add(amount(Long.toString(seconds / 3_600), "Hour", texts));
            } else {
                parts.add(amount(Long.toString(Math.max(1, seconds)), "Second", texts));
            }
        }
        return String.join(" ", parts);
    }

    private static String amount(String number, String unit, Texts texts) {
        boolean singular = number.equals("1");
        String word = texts.get("unit" + unit + (singular ? "" : "s"));
        int bar = word.indexOf('|');
        if (bar >= 0) {
            // "few|many": languages such as Polish say "2 lata" but "5 lat" (CLDR plural rules, "few")
            word = few(number) ? word.substring(0, bar) : word.substring(bar + 1);
        }
        return number + " " + word;
    }

    /** CLDR's "few" category for Polish: ends in 2–4, but not in 12–14. */
    static boolean few(String number) {
        int len = number.length();
        int last = number.charAt(len - 1) - '0';
        int tens = len > 1 ? number.charAt(len - 2) - '0' : 0;
        return last >= 2 && last <= 4 && tens != 1;
    }
}
