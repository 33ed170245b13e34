package org.consent4j.core.catalog;

import java.util.Objects;

/**
 * The unit a visitor chooses: {@code necessary}, {@code functional}, {@code analytics},
 * {@code marketing}, or a site's own.
 *
 * <p>A {@linkplain #required() required} category cannot be refused: it holds only what is strictly
 * necessary for a service the visitor explicitly asked for (ePrivacy Directive 2002/58/EC Art. 5(3)).
 *
 * @param id          stable id, e.g. {@code analytics}
 * @param order       position in the banner, ascending
 * @param required    whether it is always on and cannot be refused
 * @param label       short localised name
 * @param description localised explanation shown in the banner and the cookie declaration
 */
public record Category(String id, int order, boolean required, LocalizedText label, LocalizedText description) {

    /** Strictly necessary: always allowed. */
    public static final String NECESSARY = "necessary";
    /** Preferences and features the visitor uses. */
    public static final String FUNCTIONAL = "functional";
    /** Measurement and statistics. */
    public static final String ANALYTICS = "analytics";
    /** Advertising, retargeting, cross-site tracking. */
    public static final String MARKETING = "marketing";

    /** Checks the id and that every component is present. */
    public Category {
        Ids.require("category", id);
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
    }
}
