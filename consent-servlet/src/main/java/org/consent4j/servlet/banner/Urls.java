package org.consent4j.servlet.banner;

/**
 * The URLs of the banner's resources as the browser sees them, for one context path and prefix.
 *
 * @param base           context path + prefix, e.g. {@code /consent}
 * @param script         the loader script, versioned
 * @param css            the stylesheet, versioned
 * @param declaration    the cookie declaration page
 * @param privacyPolicy  the site's privacy policy, or empty
 */
record Urls(String base, String script, String css, String declaration, String privacyPolicy) {

    /** The versioned URL of the texts and catalog of one language. */
    String texts(String language, String version) {
        return base + "/assets/texts/" + language + ".json?v=" + version;
    }
}
