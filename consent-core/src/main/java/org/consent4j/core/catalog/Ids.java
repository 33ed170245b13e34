package org.consent4j.core.catalog;

import java.util.regex.Pattern;

/** Validation of the ids of categories, purposes and services. */
final class Ids {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Ids() {
    }

    static String require(String kind, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(kind + " id '" + id
                    + "' is not valid: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }
}
