package org.consent4j.html;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.internal.html.HtmlEscaper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTML gate: rewrites a page, as it streams, so that the elements of services a visitor has not
 * agreed to cannot load, in markup the consent banner can activate later.
 *
 * <p>Build one per application from the {@link Catalog}; it is immutable and thread-safe. For each
 * response, {@link #page(GatePolicy)} makes a stream for that visitor's decisions:
 *
 * <pre>{@code
 * HtmlGate gate = HtmlGate.builder(catalog).build();
 * try (OutputStream body = gate.page(GatePolicy.of(visitor))
 *         .charset(StandardCharsets.UTF_8)
 *         .headInjection("<script src=\"/consent/assets/banner.js\"></script>")
 *         .outputStream(responseBytes)) {
 *     body.write(html);
 * }
 * }</pre>
 *
 * <p>What is gated: every element and attribute that makes a browser fetch (scripts, frames,
 * images, media, embeds, objects, loading links, forms, pings, backgrounds, meta refresh, SVG images,
 * filters and animations, {@code style} attributes and {@code <style>}, event handlers, {@code srcdoc}
 * and {@code data:}/{@code javascript:} URLs read as nested documents or script), in HTML and inline
 * SVG and MathML; {@code docs/html-gate.md} has the table. An element is attributed by the author's
 * {@code data-consent-category} / {@code data-consent-service} (which win; the {@code necessary}
 * category is never gated), else by the catalog service of the hosts and paths its attributes load
 * from (the longest path prefix on the most specific host), else, for an inline script or style, by
 * what its text loads. First-party and relative URLs pass unchanged; a host the catalog does not know
 * passes too unless the {@link GatePolicy#allowsUnknownHost policy} blocks it, and the page's
 * {@link GateListener#url listener} hears of every URL checked. Gated elements no
 * longer load, so gating twice changes nothing; a {@code data-consent-gated} attribute that arrives
 * with the page does not exempt an element that still loads.
 *
 * <p>Gated markup: the element gets {@code data-consent-gated},
 * {@code data-consent-category="..."} and {@code data-consent-service="..."} right after its name;
 * its URL attributes are renamed with a {@code data-consent-} prefix ({@code src} becomes
 * {@code data-consent-src}, likewise {@code srcset}, {@code href}, {@code data},
 * {@code imagesrcset}); a script also gets {@code type="text/plain"}, its own {@code type} becoming
 * {@code data-consent-type}. Nothing else changes: every other byte of the page passes through.
 *
 * <p>Memory per page is bounded: at most one start tag ({@link Builder#maxTagLength(int)}) and one
 * inline script's or style's text ({@link Builder#inlineScriptLimit(int)}) are held back. No size
 * fails open: a longer tag or text is gated as unreadable for a visitor who has not allowed
 * everything (and passes, reported as unchecked, for one who has); a warning is logged once per gate.
 */
public final class HtmlGate {

    /** Default bound on an inline script's or style's text the gate reads to attribute it: 1 MiB. */
    public static final int DEFAULT_INLINE_SCRIPT_LIMIT = 1024 * 1024;
    /** Default bound on one start tag: 64 KiB. */
    public static final int DEFAULT_MAX_TAG_LENGTH = 64 * 1024;
    /** The category written on an element the author attributed to a service the catalog lacks. */
    public static final String UNCLASSIFIED = "unclassified";
    /**
     * The service id written on an element gated because it loads from a host the catalog does not
     * know, when the {@link GatePolicy#allowsUnknownHost policy} blocks unknown hosts. Such elements
     * are gated under the {@code marketing} category.
     */
    public static final String UNKNOWN_HOST = "unknown-host";

    private static final Service UNKNOWN_HOST_SERVICE = Service.builder(UNKNOWN_HOST, "marketing")
            .name("Unknown third party").build();

    private static final Logger LOG = LoggerFactory.getLogger(HtmlGate.class);
    private static final int MIN_LIMIT = 1024;
    private static final int MAX_LIMIT = 16 * 1024 * 1024;

    private final Catalog catalog;
    private final int inlineScriptLimit;
    private final int maxTagLength;
    private final boolean iframePlaceholders;
    private final InlineMatcher inline;
    private final AtomicBoolean warnedInline = new AtomicBoolean();
    private final AtomicBoolean warnedTag = new AtomicBoolean();
    private final AtomicBoolean warnedUndecodable = new AtomicBoolean();
    private final AtomicBoolean warnedPassthrough = new AtomicBoolean();
    private final AtomicBoolean warnedInlineGated = new AtomicBoolean();
    private final AtomicBoolean warnedTagGated = new AtomicBoolean();

    private HtmlGate(Builder b) {
        this.catalog = b.catalog;
        this.inlineScriptLimit = b.inlineScriptLimit;
        this.maxTagLength = b.maxTagLength;
        this.iframePlaceholders = b.iframePlaceholders;
        this.inline = new InlineMatcher(catalog);
    }

    /** A gate with the default bounds and no iframe placeholders. */
    public static HtmlGate of(Catalog catalog) {
        return builder(catalog).build();
    }

    /** A builder for a gate over this catalog. */
    public static Builder builder(Catalog catalog) {
        return new Builder(catalog);
    }

    /** Starts a gated page for one response, under the given visitor's decisions. */
    public PageBuilder page(GatePolicy policy) {
        return new PageBuilder(this, Objects.requireNonNull(policy, "policy"));
    }

    /** The catalog elements are attributed with. */
    public Catalog catalog() {
        return catalog;
    }

    /** The bound on an inline script's text, in bytes. */
    public int inlineScriptLimit() {
        return inlineScriptLimit;
    }

    /** The bound on one start tag, in bytes. */
    public int maxTagLength() {
        return maxTagLength;
    }

    /** Whether gated iframes show a placeholder that names the consent that would load them. */
    public boolean iframePlaceholders() {
        return iframePlaceholders;
    }

    InlineMatcher inline() {
        return inline;
    }

    /** The stand-in service of elements from unknown hosts that the policy blocks. */
    Service unknownHost() {
        return UNKNOWN_HOST_SERVICE;
    }

    /** Whether the catalog marks this category as required (never gated). */
    boolean required(String categoryId) {
        if (categoryId.equals(Category.NECESSARY)) {
            return true;
        }
        return catalog.category(categoryId).map(Category::required).orElse(false);
    }

    /** The placeholder page of a gated iframe. */
    String placeholder(@Nullable Service service, String categoryId) {
        String label = catalog.category(categoryId).map(c -> c.label().english()).filter(l -> !l.isEmpty())
                .orElse(categoryId);
        String who = service == null ? "This content" : "This content from " + service.name();
        return "<p style=\"font:14px/1.4 system-ui,sans-serif;color:#333;margin:1em;text-align:center\">"
                + HtmlEscaper.escape(who) + " loads once you allow " + HtmlEscaper.escape(label) + ".</p>";
    }

    void warnInlineTooLong() {
        if (warnedInline.compareAndSet(false, true)) {
            LOG.warn("An inline script longer than {} bytes passed through the HTML gate unchecked; raise"
                    + " HtmlGate.Builder.inlineScriptLimit or annotate it with data-consent-category"
                    + " (logged once)", inlineScriptLimit);
        }
    }

    void warnTagTooLong() {
        if (warnedTag.compareAndSet(false, true)) {
            LOG.warn("A start tag longer than {} bytes passed through the HTML gate unchecked; raise"
                    + " HtmlGate.Builder.maxTagLength (logged once)", maxTagLength);
        }
    }

    void warnInlineGated() {
        if (warnedInlineGated.compareAndSet(false, true)) {
            LOG.warn("An inline script or style longer than {} bytes was gated because it could not be read in"
                    + " full and the visitor has not allowed everything; raise HtmlGate.Builder.inlineScriptLimit or"
                    + " annotate it with data-consent-category (logged once)", inlineScriptLimit);
        }
    }

    void warnTagGated() {
        if (warnedTagGated.compareAndSet(false, true)) {
            LOG.warn("A start tag longer than {} bytes was gated because it could not be read in full and the"
                    + " visitor has not allowed everything; raise HtmlGate.Builder.maxTagLength (logged once)",
                    maxTagLength);
        }
    }

    void warnPassthrough(String why) {
        if (warnedPassthrough.compareAndSet(false, true)) {
            LOG.warn("A page passed through the HTML gate unchanged because of {} (logged once)", why);
        }
    }

    void warnUndecodable(String encoding) {
        if (warnedUndecodable.compareAndSet(false, true)) {
            LOG.warn("A page named the encoding {} in a <meta> after the gate began reading it on bytes: every element"
                    + " after it that fetches is gated for visitors who have not allowed everything; declare the"
                    + " encoding in the Content-Type header instead (logged once)", encoding);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HtmlGate[catalog=%s, inlineScriptLimit=%d, maxTagLength=%d,"
                + " iframePlaceholders=%s]", catalog.revision(), inlineScriptLimit, maxTagLength, iframePlaceholders);
    }

    /** Configures an {@link HtmlGate}. Each property may be set once. Not thread-safe. */
    public static final class Builder {
        private final Catalog catalog;
        private int inlineScriptLimit = DEFAULT_INLINE_SCRIPT_LIMIT;
        private int maxTagLength = DEFAULT_MAX_TAG_LENGTH;
        private boolean iframePlaceholders;
        private boolean inlineSet;
        private boolean tagSet;
        private boolean placeholdersSet;

        private Builder(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /**
         * How many bytes of an inline script's or style's text the gate holds back to attribute it
         * (default 1 MiB). A longer one is attributed by its first bytes, or else gated as unreadable
         * unless the visitor allows everything.
         *
         * @throws IllegalArgumentException outside 1 KiB to 16 MiB
         * @throws IllegalStateException    when already set
         */
        public Builder inlineScriptLimit(int bytes) {
            if (inlineSet) {
                throw new IllegalStateException("inlineScriptLimit was already set to " + inlineScriptLimit);
            }
            this.inlineScriptLimit = checkLimit("inlineScriptLimit", bytes);
            inlineSet = true;
            return this;
        }

        /**
         * How long one start tag may be for the gate to read it (default 64 KiB). A longer tag is gated
         * as unreadable unless the visitor allows everything.
         *
         * @throws IllegalArgumentException outside 1 KiB to 16 MiB
         * @throws IllegalStateException    when already set
         */
        public Builder maxTagLength(int bytes) {
            if (tagSet) {
                throw new IllegalStateException("maxTagLength was already set to " + maxTagLength);
            }
            this.maxTagLength = checkLimit("maxTagLength", bytes);
            tagSet = true;
            return this;
        }

        /**
         * Whether a gated iframe shows a small placeholder (a {@code srcdoc} page, marked with
         * {@code data-consent-placeholder}) that says which consent would load it. Off by default;
         * the banner must remove {@code srcdoc} when it activates such an iframe.
         *
         * @throws IllegalStateException when already set
         */
        public Builder iframePlaceholders(boolean enabled) {
            if (placeholdersSet) {
                throw new IllegalStateException("iframePlaceholders was already set to " + iframePlaceholders);
            }
            this.iframePlaceholders = enabled;
            placeholdersSet = true;
            return this;
        }

        private static int checkLimit(String what, int bytes) {
            if (bytes < MIN_LIMIT || bytes > MAX_LIMIT) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s must be between %d and %d bytes, was %d", what, MIN_LIMIT, MAX_LIMIT, bytes));
            }
            return bytes;
        }

        /** The gate. */
        public HtmlGate build() {
            return new HtmlGate(this);
        }
    }

    /**
     * The options of one gated page: its charset, the markup to inject into its head, and who to tell
     * about gated elements. Then {@link #outputStream} or {@link #writer} makes the stream.
     */
    public static final class PageBuilder {
        private final HtmlGate gate;
        private final GatePolicy policy;
        private Encodings.@Nullable Encoding encoding;
        private @Nullable String headInjection;
        private GateListener listener = GateListener.NONE;
        private boolean xml;

        private PageBuilder(HtmlGate gate, GatePolicy policy) {
            this.gate = gate;
            this.policy = policy;
        }

        /**
         * The charset the body's bytes are in (the charset of the response's Content-Type, or the one
         * characters were encoded with). The gate reads the bytes as a browser decodes them under that
         * name (the WHATWG Encoding Standard: ISO-8859-1 is read as windows-1252, ISO-8859-9 as
         * windows-1254); a charset browsers do not know is ignored, as they ignore it. Without it the gate
         * reads a byte order mark or a {@code <meta charset>}, as browsers do. A byte order mark always
         * wins. Pages in UTF-16 or ISO-2022-JP are decoded, gated and encoded back. Only the
         * {@link #outputStream} uses it.
         */
        public PageBuilder charset(Charset charset) {
            this.encoding = Encodings.forCharset(Objects.requireNonNull(charset, "charset"));
            return this;
        }

        /**
         * The charset the body is declared in, as its label reads in a Content-Type header
         * ({@code utf-8}, {@code latin1}, {@code shift_jis}), looked up in the WHATWG Encoding Standard's
         * table of labels as browsers do; see {@link #charset(Charset)}.
         *
         * @throws IllegalArgumentException when browsers know no encoding by that label (they would ignore it)
         */
        public PageBuilder charset(String label) {
            Encodings.Encoding e = Encodings.forLabel(Objects.requireNonNull(label, "label"));
            if (e == null) {
                throw new IllegalArgumentException("'" + label + "' is no encoding label of the WHATWG Encoding"
                        + " Standard (https://encoding.spec.whatwg.org/#names-and-labels), so browsers ignore it;"
                        + " name the page's encoding with one, such as utf-8 or windows-1252");
            }
            this.encoding = e;
            return this;
        }

        /**
         * Markup to insert right after the {@code <head>} start tag, or, when the page has none,
         * before its first content other than a doctype, comments, whitespace and {@code <html>}.
         * Written once; not written into an empty page or one that passes through unchanged.
         */
        public PageBuilder headInjection(String markup) {
            this.headInjection = Objects.requireNonNull(markup, "markup");
            return this;
        }

        /**
         * Whether the page is XHTML ({@code application/xhtml+xml}): the marker attributes the gate
         * adds then carry an empty value ({@code data-consent-gated=""}), so the document stays
         * well-formed XML. Off by default (HTML writes them without a value).
         */
        public PageBuilder xml(boolean xml) {
            this.xml = xml;
            return this;
        }

        /** Who to tell about each gated element, in document order. */
        public PageBuilder listener(GateListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * A stream that gates the bytes written to it and writes the result to {@code sink}.
         * {@code flush()} passes on everything that need not be held back; {@code close()} ends the
         * page and closes the sink.
         *
         * @throws IllegalArgumentException when the head injection cannot be encoded in the charset
         */
        public OutputStream outputStream(OutputStream sink) {
            Objects.requireNonNull(sink, "sink");
            return new HtmlRewriter(gate, policy, listener, sink, encoding, headInjection, 0).xml(xml);
        }

        /**
         * A writer that gates the characters written to it and writes the result to {@code sink},
         * for responses written as characters ({@code getWriter()}). {@code flush()} passes on
         * everything that need not be held back; {@code close()} ends the page and closes the sink.
         */
        public Writer writer(Writer sink) {
            Objects.requireNonNull(sink, "sink");
            return new GatingWriter(out -> new HtmlRewriter(gate, policy, listener, out, Encodings.UTF_8,
                    headInjection, 0).xml(xml), sink);
        }
    }
}
