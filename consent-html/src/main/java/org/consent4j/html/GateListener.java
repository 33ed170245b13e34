package org.consent4j.html;

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
}
