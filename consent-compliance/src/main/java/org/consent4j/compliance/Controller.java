package org.consent4j.compliance;

import java.util.Objects;

/**
 * The controller's identity for GDPR Art. 30(1)(a): who decides on the processing and how to reach them.
 * Fields the site leaves empty are shown as "to be completed".
 *
 * @param name           the controller's legal name
 * @param contact        postal address, email or form where data subjects reach the controller
 * @param dpo            the data protection officer's contact, where one is designated
 * @param representative the EU representative's contact (GDPR Art. 27), where one is needed
 */
public record Controller(String name, String contact, String dpo, String representative) {

    /** Checks that every component is present. */
    public Controller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(dpo, "dpo");
        Objects.requireNonNull(representative, "representative");
    }

    /** A controller known by name and contact only. */
    public static Controller of(String name, String contact) {
        return new Controller(name, contact, "", "");
    }

    /** A controller with every field still to be completed. */
    public static Controller unknown() {
        return new Controller("", "", "", "");
    }
}
