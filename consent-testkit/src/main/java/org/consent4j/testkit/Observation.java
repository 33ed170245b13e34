package org.consent4j.testkit;

import java.util.Objects;

/**
 * Something a page did, or would do, that can track a visitor: a request to another host or a cookie.
 *
 * @param path     the audited path it was seen on, e.g. {@code /pricing}
 * @param kind     a request or a cookie
 * @param source   how it was seen, a stable code (see {@link Sources})
 * @param subject  the host requested, or the cookie name
 * @param evidence what proves it: the request URL (or the host, for an encrypted request the proxy
 *                 saw only as a tunnel), or the cookie with its attributes (never its value)
 */
public record Observation(String path, Kind kind, String source, String subject, String evidence) {

    /** What was observed. */
    public enum Kind {
        /** A request to a host other than the site's own. */
        REQUEST,
        /** A cookie set on the visitor. */
        COOKIE
    }

    /** Checks that every component is present. */
    public Observation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The stable codes of {@link #source()}. */
    public static final class Sources {
        /** An active {@code <script src>} in the markup. */
        public static final String SCRIPT_SRC = "script-src";
        /** An active inline {@code <script>} that names a known tracker host. */
        public static final String INLINE_SCRIPT = "inline-script";
        /** An {@code <iframe src>}. */
        public static final String IFRAME_SRC = "iframe-src";
        /** An {@code <img src>} or {@code srcset}. */
        public static final String IMG_SRC = "img-src";
        /** A {@code <link href>} that loads (stylesheet, preload, preconnect, ...). */
        public static final String LINK_HREF = "link-href";
        /** {@code <embed>}, {@code <object>}, {@code <source>}, {@code <video>}, {@code <audio>}. */
        public static final String EMBED_SRC = "embed-src";
        /** Any of the above inside {@code <noscript>}: loads for visitors without JavaScript. */
        public static final String NOSCRIPT = "noscript";
        /** A redirect of an audited page to another host. */
        public static final String REDIRECT = "redirect";
        /** A request the browser actually sent, recorded by the local proxy. */
        public static final String NETWORK = "network";
        /** A {@code Set-Cookie} response header of the site. */
        public static final String SET_COOKIE = "set-cookie";
        /** A cookie found in the browser's cookie jar after the page ran (HTTP or script). */
        public static final String BROWSER_COOKIE = "browser-cookie";

        private Sources() {
        }
    }
}
