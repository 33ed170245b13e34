package org.consent4j.html;

import java.util.Locale;
import java.util.Objects;

/**
 * One element the gate made inert, and why.
 *
 * @param element     the lower-case element name: {@code script}, {@code iframe}, {@code img} ...
 * @param serviceId   the catalog id of the service it belongs to, or the author's
 *                    {@code data-consent-service}; empty when only a category is known
 * @param categoryId  the category it was gated under
 * @param attribution how the element was attributed
 * @param evidence    the host, annotation value or loader call that attributed it
 * @param offset      the byte offset of its start tag in the document
 */
public record GatedElement(String element, String serviceId, String categoryId, Attribution attribution,
                           String evidence, long offset) {

    /** Checks that every component is present. */
    public GatedElement {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(categoryId, "categoryId");
        Objects.requireNonNull(attribution, "attribution");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A short phrase, e.g. {@code URL host www.googletagmanager.com}. */
    public String reason() {
        return switch (attribution) {
            case HOST -> "URL host " + evidence;
            case ANNOTATION -> "author annotation " + evidence;
            case INLINE_HOST -> "inline script mentions " + evidence;
            case INLINE_CALL -> "inline script calls " + evidence;
            case UNREADABLE -> "could not be read: " + evidence;
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "<%s> at %d: %s/%s (%s)", element, offset, categoryId,
                serviceId.isEmpty() ? "-" : serviceId, reason());
    }

    /** How an element was attributed to a service or category. */
    public enum Attribution {
        /** The host of one of its URLs is a catalog host. */
        HOST,
        /** The author's {@code data-consent-category} or {@code data-consent-service}. */
        ANNOTATION,
        /** Its inline text names a catalog host. */
        INLINE_HOST,
        /** Its inline text contains a vendor's well-known loader call. */
        INLINE_CALL,
        /**
         * It could not be read within the gate's bounds (a start tag or inline script too long, a nested
         * document too deep, text that cannot be decoded), so it was gated because the visitor has not
         * allowed everything.
         */
        UNREADABLE
    }
}
