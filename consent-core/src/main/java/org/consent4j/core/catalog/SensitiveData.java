package org.consent4j.core.catalog;

import java.util.Locale;

/**
 * Kinds of data that some laws let a site process only with the visitor's prior, explicit consent,
 * whatever the regime elsewhere: a service flagged with one of them needs an opt-in grant in a
 * jurisdiction whose rules say so (for example consumer health data under Washington's My Health My
 * Data Act, RCW 19.373.030). Written in catalog and jurisdiction files in lower case
 * ({@code health}, {@code precise_location}, {@code minors}).
 */
public enum SensitiveData {
    /** Data about a person's physical or mental health, including data inferred from browsing a health site. */
    HEALTH,
    /** Precise geolocation (typically within a radius of about 1,750 feet, as several US state laws define it). */
    PRECISE_LOCATION,
    /** Personal data of a known child or teenager. */
    MINORS;

    /** The name used in JSON files, e.g. {@code precise_location}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code text} in a JSON file.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SensitiveData fromJson(String text) {
        for (SensitiveData s : values()) {
            if (s.jsonName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a kind of sensitive data; use health, precise_location or minors");
    }
}
