package org.consent4j.html;

import java.util.Optional;
import org.consent4j.core.catalog.Service;

/**
 * Told about each element the gate made inert, and about elements it could not check.
 *
 * <p>Called on the writing thread, in document order, while the response is written: keep it fast
 * and do not throw (an exception propagates to the writer). Used by the command line's
 * {@code --report} and by validators.
 */
@FunctionalInterface
public interface GateListener {

    /** A listener that ignores everything. */
    GateListener NONE = element -> { };

    /** An element was gated. */
    void gated(GatedElement element);

    /**
     * An element passed through without being checked: a tag longer than the gate's tag bound, or
     * an inline script or style longer than its inline bound, for a visitor who allows everything
     * (for any other visitor such elements are gated as unreadable).
     *
     * @param element the lower-case element name
     * @param offset  the byte offset of its start tag in the document
     * @param reason  a sentence saying why
     */
    default void unchecked(String element, long offset, String reason) {
    }

    /**
     * The gate attributed, or could not attribute, a URL of an element it checks (script, iframe,
     * img, image, source, embed, object, loading link): called for every URL that names a host,
     * before the decision, so that a site can discover the hosts its pages load from. Relative URLs
     * without a {@code <base href>} are first party and not reported.
     *
     * @param element the lower-case element name
     * @param host    the lower-case host
     * @param path    the URL's path, without query and fragment; empty when it has none
     * @param service the catalog service attributed by host and path, or empty for an unknown host
     */
    default void url(String element, String host, String path, Optional<Service> service) {
    }
}
