package org.consent4j.core.catalog;

/** Whether a cookie is set on the site's own domain or on a third party's. */
public enum Party {
    /** Set on the visited site's domain. */
    FIRST,
    /** Set on another domain (e.g. an ad network's). */
    THIRD
}
