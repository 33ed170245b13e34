package org.consent4j.compliance;

import java.util.List;

/** The services the demo site embeds, as a site would declare them. */
final class Demo {

    static final List<String> SERVICES = List.of("consent4j", "java-servlet-session", "stripe", "google-analytics",
            "google-tag-manager", "segment", "hotjar", "meta-pixel", "linkedin-insight", "youtube", "google-maps",
            "segmetrics");

    private Demo() {
    }
}
