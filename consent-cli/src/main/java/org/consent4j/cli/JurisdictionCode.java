package org.consent4j.cli;

import java.util.Locale;
import java.util.regex.Pattern;
import org.consent4j.core.jurisdiction.Jurisdiction;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the visitor is, as every command reads it: an ISO 3166-1 alpha-2 country ({@code FR}), an
 * ISO 3166-2 subdivision ({@code US-CA}) or {@code default} (unknown location), in any letter case.
 * Anything else is an error, never silently the default rules.
 */
final class JurisdictionCode implements ITypeConverter<String> {

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    /** The code in its canonical form ({@code FR}, {@code US-CA}, {@code default}). */
    static String parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase(Jurisdiction.DEFAULT_CODE)) {
            return Jurisdiction.DEFAULT_CODE;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (!CODE.matcher(upper).matches()) {
            throw new TypeConversionException("'" + value + "' is not a jurisdiction code: give an ISO 3166-1 alpha-2"
                    + " country (FR), an ISO 3166-2 subdivision (US-CA) or 'default' (unknown location)");
        }
        return upper;
    }

    @Override
    public String convert(String value) {
        return parse(value);
    }
}
