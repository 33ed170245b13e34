package org.consent4j.html;

import static org.consent4j.html.Tags.T_HEAD;
import static org.consent4j.html.Tags.T_HTML;
import static org.consent4j.html.Tags.T_IFRAME;
import static org.consent4j.html.Tags.T_MATH;
import static org.consent4j.html.Tags.T_NOEMBED;
import static org.consent4j.html.Tags.T_NOFRAMES;
import static org.consent4j.html.Tags.T_PLAINTEXT;
import static org.consent4j.html.Tags.T_SCRIPT;
import static org.consent4j.html.Tags.T_STYLE;
import static org.consent4j.html.Tags.T_SVG;
import static org.consent4j.html.Tags.T_TEXTAREA;
import static org.consent4j.html.Tags.T_TITLE;
import static org.consent4j.html.Tags.T_XMP;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The streaming rewriter: an {@link OutputStream} that tokenizes HTML bytes as they are written and
 * passes them on to the sink, rewriting only the start tags of elements to gate.
 *
 * <p>It joins three parts: the {@link Tokenizer} (where tags start and end), the
 * {@link ElementRules} (which elements to gate and how) and the {@link RewriteBuffer} (what goes out
 * and what is held back). Itself it handles the start of the document (byte order marks), the
 * little tree construction the gate needs (foreign content, what content follows a start tag), the
 * head injection, and the bounds on what is held back.
 *
 * <p>Bytes are held back only while they may still be rewritten: from a {@code <} until the tag's
 * name is known, then for the whole start tag of a gateable element (bounded by the gate's tag limit),
 * and for an inline script's text (bounded by the inline limit). Everything else goes to the sink as
 * soon as a write ends. Gating only ever inserts bytes: attribute names get a {@code data-consent-}
 * prefix and a marker block follows the tag name, so the original is the output minus the
 * insertions.
 *
 * <p>Not thread-safe: one instance per response.
 */
final class HtmlRewriter extends OutputStream implements Tokenizer.Handler {

    private final HtmlGate gate;
    private final OutputStream out;
    private final RewriteBuffer buffer;
    private final TagAttributes attrs;
    private final ElementRules rules;
    private final Tokenizer tokenizer;
    private byte @Nullable [] injection;
    private final @Nullable String injectionText;
    private final boolean declaredAsciiCompatible;
    private final Encodings.@Nullable Encoding declared;
    private final GatePolicy policy;
    private final GateListener listener;
    private final int depth;
    /** Set when the page is in an encoding read by decoding it (UTF-16, ISO-2022-JP): it does the work. */
    private @Nullable Transcoder transcoder;

    private final byte[] one = new byte[1];
    private boolean closed;
    private boolean finished;

    private final byte[] startBytes = new byte[3];
    private int startLen;

    private boolean tagCaptured;
    private boolean tagOverflow;
    private int tagNameEndRel;

    private boolean inlineCapture;
    private boolean inlineOverflow;
    private int inlineTagEndRel;
    private boolean inlineSvg;
    private int inlineCode;
    private long ltAbs;

    /** The start tag being read is too long to hold: it was gated and its attribute names are checked as they pass. */
    private boolean streaming;
    private int streamCode;
    private boolean streamHtml;
    /** Whether the capture holds the name of an attribute of a streaming tag. */
    private boolean streamName;

    private @Nullable ForeignContent foreign;
    /** Whether an HTML {@code <noscript>} is open (as the tokenizer also knows). */
    private boolean noscriptOpen;

    HtmlRewriter(HtmlGate gate, GatePolicy policy, GateListener listener, OutputStream out,
                 @Nullable Charset declared, @Nullable String headInjection, int depth) {
        this(gate, policy, listener, out, declared == null ? null : Encodings.forCharset(declared), headInjection,
                depth);
    }

    /**
     * @param declared the page's encoding as its Content-Type names it, or null to read it from the page
     *                 (a byte order mark, a {@code <meta charset>}), as a browser does
     */
    HtmlRewriter(HtmlGate gate, GatePolicy policy, GateListener listener, OutputStream out,
                 Encodings.@Nullable Encoding declared, @Nullable String headInjection, int depth) {
        this.gate = gate;
        this.policy = policy;
        this.listener = listener;
        this.depth = depth;
        this.out = out;
        this.declared = declared;
        this.buffer = new RewriteBuffer(out);
        this.attrs = new TagAttributes(buffer);
        this.rules = new ElementRules(gate, policy, listener, buffer, attrs, declared, depth);
        this.tokenizer = new Tokenizer(this);
        this.declaredAsciiCompatible = declared == null || declared.reading() == Encodings.Reading.BYTES;
        this.injectionText = headInjection == null || headInjection.isEmpty() ? null : headInjection;
        this.injection = injectionText == null || !declaredAsciiCompatible ? null
                : encode(injectionText, rules.charset());
    }

    private static byte[] encode(String s, Charset cs) {
        // UTF-8 encodes every string, and an ASCII-compatible charset every ASCII one: no encoder needed.
        if (cs.equals(StandardCharsets.UTF_8) || Charsets.asciiCompatible(cs) && isAscii(s)) {
            return s.getBytes(cs);
        }
        if (!cs.newEncoder().canEncode(s)) {
            throw new IllegalArgumentException("the head injection has characters that " + cs.name()
                    + " cannot encode: write them as character references (&#x...;)");
        }
        return s.getBytes(cs);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Makes the markers well-formed XML: for XHTML pages. */
    HtmlRewriter xml(boolean xml) {
        rules.xml(xml);
        return this;
    }

    // ---------------------------------------------------------------- OutputStream

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IOException("the gated stream is closed");
        }
        if (len == 0) {
            return;
        }
        if (transcoder != null) {
            transcoder.write(b, off, len);
            return;
        }
        if (tokenizer.state() == Tokenizer.START) {
            int used = start(b, off, len);
            off += used;
            len -= used;
            if (len == 0) {
                return;
            }
            if (transcoder != null) {
                transcoder.write(b, off, len);
                return;
            }
        }
        if (tokenizer.state() == Tokenizer.PASSTHROUGH) {
            buffer.writeOut(b, off, len);
            buffer.skip(len);
            return;
        }
        scan(b, off, off + len);
    }

    /** Emits everything that no longer needs holding back and flushes the sink. */
    @Override
    public void flush() throws IOException {
        if (transcoder != null) {
            transcoder.flush();
            return;
        }
        buffer.flushOut();
        out.flush();
    }

    /**
     * Ends the document: an inline script still open is decided as the browser would run it (to the
     * end of the document), an unterminated tag passes as it is; then the sink is closed.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        finish();
        closed = true;
        if (transcoder != null) {
            transcoder.close();
            return;
        }
        buffer.flushOut();
        out.close();
    }

    /** Like {@link #close()} but leaves the sink open (for wrappers that own it). */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (tokenizer.state() == Tokenizer.START && startLen > 0 && !declaredAsciiCompatible) {
            beginDecoded(declared, 0);
        }
        if (transcoder != null) {
            transcoder.finish();
            return;
        }
        if (tokenizer.state() == Tokenizer.START && startLen > 0) {
            byte[] s = Arrays.copyOf(startBytes, startLen);
            startLen = 0;
            tokenizer.state(Tokenizer.DATA);
            scan(s, 0, s.length);
        }
        buffer.detachChunk();
        if (buffer.capturing()) {
            if (inlineCapture) {
                finishInline(0, buffer.held());
            } else {
                buffer.dropCapture();
            }
        } else if (inlineCapture && inlineOverflow) {
            finishInline(0, 0);
        }
        buffer.flushOut();
    }

    /** Bytes of buffer this rewriter holds now (for tests of the memory bound). */
    int bufferedCapacity() {
        return buffer.capacity() + attrs.capacity();
    }

    // ---------------------------------------------------------------- start of document

    /**
     * Looks at the first bytes for a byte order mark. A UTF-16 mark, or a declared charset that is not
     * ASCII-compatible, makes the whole body pass through. Returns how many bytes of {@code b} it used.
     */
    private int start(byte[] b, int off, int len) throws IOException {
        int used = 0;
        while (used < len && startLen < 3) {
            startBytes[startLen++] = b[off + used++];
            int b0 = startBytes[0] & 0xFF;
            if (startLen >= 2) {
                int b1 = startBytes[1] & 0xFF;
                if (b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE) {
                    // the byte order mark decides, whatever the Content-Type says (WHATWG Encoding, "decode")
                    return beginDecoded(b0 == 0xFE ? Encodings.UTF_16BE : Encodings.UTF_16LE, used);
                }
            }
            if (b0 != 0xEF && b0 != 0xFE && b0 != 0xFF) {
                break;
            }
        }
        boolean decided = startLen == 3 || (startBytes[0] & 0xFF) != 0xEF && (startBytes[0] & 0xFF) != 0xFE
                && (startBytes[0] & 0xFF) != 0xFF || startLen >= 2 && (startBytes[0] & 0xFF) == 0xEF
                && (startBytes[1] & 0xFF) != 0xBB;
        if (!decided) {
            return used;
        }
        boolean utf8Bom = startLen == 3 && (startBytes[0] & 0xFF) == 0xEF && (startBytes[1] & 0xFF) == 0xBB
                && (startBytes[2] & 0xFF) == 0xBF;
        if (!utf8Bom && declared != null && declared.reading() == Encodings.Reading.NOTHING) {
            // a browser decodes the whole body to one U+FFFD and loads nothing from it
            gate.warnPassthrough("the encoding " + declared.name() + ", which a browser shows as nothing");
            return beginPassthrough(used);
        }
        if (!utf8Bom && !declaredAsciiCompatible) {
            return beginDecoded(declared, used);
        }
        tokenizer.state(Tokenizer.DATA);
        int pending = startLen;
        startLen = 0;
        if (utf8Bom) {
            rules.charsetFromBom(StandardCharsets.UTF_8);
            if (injectionText != null) {
                injection = encode(injectionText, StandardCharsets.UTF_8);
            }
            buffer.writeOut(startBytes, 0, 3);
            buffer.skip(3);
        } else {
            byte[] s = Arrays.copyOf(startBytes, pending);
            scan(s, 0, pending);
        }
        return used;
    }

    /** Reads the rest of the page by decoding it: the bytes seen so far and all that follow go to a {@link Transcoder}. */
    private int beginDecoded(Encodings.@Nullable Encoding encoding, int used) throws IOException {
        Encodings.Encoding e = java.util.Objects.requireNonNull(encoding);
        tokenizer.state(Tokenizer.PASSTHROUGH);
        injection = null;
        String inject = injectionText;
        transcoder = new Transcoder(e.charset(), sink -> new HtmlRewriter(gate, policy, listener, sink,
                Encodings.UTF_8, inject, depth), out);
        transcoder.write(startBytes, 0, startLen);
        startLen = 0;
        return used;
    }

    private int beginPassthrough(int used) throws IOException {
        tokenizer.state(Tokenizer.PASSTHROUGH);
        injection = null;
        buffer.writeOut(startBytes, 0, startLen);
        buffer.skip(startLen);
        startLen = 0;
        return used;
    }

    // ---------------------------------------------------------------- scanning

    private void scan(byte[] b, int off, int end) throws IOException {
        buffer.beginChunk(b, off);
        tokenizer.run(b, off, end);
        long limit = inlineCapture ? (long) inlineTagEndRel + gate.inlineScriptLimit() + 16 : gate.maxTagLength() + 1L;
        if (buffer.wouldOverflow(end, limit)) {
            overflow(end);
        }
        if (buffer.endChunk(end, limit)) {
            if (inlineCapture) {
                inlineOverflow = true;
            } else {
                tagOverflow = true;
            }
        }
    }

    /**
     * The capture is about to outgrow its bound at the end of the chunk. An attribute name of a
     * streaming tag that long is no name the gate reads: it passes. A start tag or an inline script is
     * gated as unreadable unless the visitor allows everything, and then streams on; when the visitor
     * does allow everything, it passes unchecked.
     */
    private void overflow(int end) throws IOException {
        if (streaming) {
            streamName = false;
            return; // endChunk passes the long name through
        }
        if (inlineCapture) {
            gateLongInline(end); // otherwise endChunk passes it through, unchecked
            return;
        }
        if (!tagCaptured) {
            if (tokenizer.inTagName() && !tokenizer.endTag() && !rules.allowsEverything()) {
                // The name is still being read: stream the tag and put the marker after the name.
                buffer.flushCapturePrefix(buffer.captureLength(end), end);
                streaming = true;
                streamCode = Tags.T_OTHER;
                streamHtml = !(foreign != null && foreign.inForeign());
                streamName = false;
                gate.warnTagGated();
            }
            return;
        }
        int code = tokenizer.tagCode();
        boolean html = !(foreign != null && foreign.inForeign() && !ForeignContent.breaksOut(tokenizer.nameString()));
        if (!rules.decideUnreadable(code, html, tagNameEndRel, "a start tag longer than " + gate.maxTagLength()
                + " bytes", true)) {
            return;
        }
        gate.warnTagGated();
        int total = buffer.captureLength(end);
        int split = total;
        int last = attrs.count() - 1;
        if (tokenizer.inAttributeName() && last >= 0) {
            split = attrs.nameStart(last);
        }
        buffer.flushCapturePrefix(split, end);
        streaming = true;
        streamCode = code;
        streamHtml = html;
        streamName = buffer.capturing();
        tagCaptured = false;
    }

    /**
     * An inline script or style longer than the inline bound, its capture ending at {@code to}: attributed
     * by its first bound's worth of text, or else gated as unreadable, unless the visitor allows
     * everything. Returns true when it was gated (and written out).
     */
    private boolean gateLongInline(int to) throws IOException {
        int limit = gate.inlineScriptLimit();
        byte[] text = new byte[limit];
        buffer.copyCapture(inlineTagEndRel, text, limit);
        rules.decideInline(inlineCode, text, 0, limit, inlineSvg, tagNameEndRel);
        if (!buffer.hasInsertions()) {
            rules.decideUnreadable(inlineCode, !inlineSvg, tagNameEndRel, "an inline "
                    + Tags.tagName(inlineCode, true) + " longer than " + limit + " bytes", false);
        }
        if (!buffer.hasInsertions()) {
            return false;
        }
        gate.warnInlineGated();
        buffer.flushCapturePrefix(buffer.captureLength(to), to);
        inlineCapture = false;
        return true;
    }

    private void writeInjection() throws IOException {
        byte[] inj = injection;
        if (inj != null) {
            injection = null;
            buffer.writeOut(inj, 0, inj.length);
        }
    }

    private void injectBeforeCapture() throws IOException {
        if (buffer.capturing()) {
            buffer.emitBeforeCapture();
            writeInjection();
        }
    }

    // ---------------------------------------------------------------- tokenizer events

    @Override
    public boolean watchesText() {
        return injection != null;
    }

    @Override
    public void text(int i) throws IOException {
        buffer.emitRun(i);
        writeInjection();
    }

    @Override
    public void lessThan(int i) {
        buffer.startCapture(i);
        tagCaptured = false;
        tagOverflow = false;
        attrs.clear();
    }

    @Override
    public void notTag(boolean asText) throws IOException {
        if (asText && injection != null) {
            injectBeforeCapture();
        }
        buffer.dropCapture();
    }

    /** The tag name is complete (or too long to matter): inject, keep or stop holding. */
    @Override
    public void nameDone(int i) throws IOException {
        int tagCode = tokenizer.tagCode();
        boolean endTag = tokenizer.endTag();
        if (injection != null && (endTag || tagCode != T_HTML && tagCode != T_HEAD)) {
            injectBeforeCapture();
        }
        if (streaming) {
            // A start tag whose name alone outgrew the bound: gated as it streams, the marker after its name.
            buffer.emitRun(i);
            byte[] marker = rules.unreadableMarker(tagCode, streamHtml, buffer.abs(i), "a start tag longer than "
                    + gate.maxTagLength() + " bytes");
            buffer.writeOut(marker, 0, marker.length);
            tagCaptured = false;
        } else if (endTag || !buffer.capturing() || !rules.captures(tagCode, buffer.captureStart())) {
            buffer.dropCapture();
            tagCaptured = false;
        } else {
            tagCaptured = true;
            tagNameEndRel = buffer.rel(i);
            attrs.clear();
        }
    }

    private boolean recording() {
        return tagCaptured && buffer.capturing();
    }

    @Override
    public void attrStart(int i) throws IOException {
        if (streaming) {
            buffer.emitRun(i);
            buffer.startCapture(i);
            streamName = true;
        } else if (recording()) {
            attrs.start(buffer.rel(i));
        }
    }

    @Override
    public void attrNameEnd(int i) throws IOException {
        if (streaming) {
            if (streamName && buffer.capturing()) {
                buffer.consolidate(i);
                int id = AttrNames.id(buffer.capArray(), buffer.capBase(), buffer.rel(i));
                buffer.clearInsertions();
                if (rules.renamedUnread(streamCode, streamHtml, id)) {
                    buffer.insert(0, ElementRules.prefix());
                }
                buffer.finishCapture(i);
            }
            streamName = false;
        } else if (recording()) {
            attrs.nameEnd(buffer.rel(i));
        }
    }

    @Override
    public void valueStart(int i) {
        if (recording()) {
            attrs.valueStart(buffer.rel(i));
        }
    }

    @Override
    public void valueEnd(int i) {
        if (recording()) {
            attrs.valueEnd(buffer.rel(i));
        }
    }

    @Override
    public boolean inForeignContent() {
        return foreign != null && foreign.inForeign();
    }

    @Override
    public void endTagLessThan(int i) {
        ltAbs = buffer.abs(i);
    }

    @Override
    public void appropriateEndTag(int i, boolean script) throws IOException {
        if (inlineCapture) {
            finishInline(i, (int) (ltAbs - buffer.captureStart()));
        }
        tagCaptured = false;
    }

    /**
     * The {@code >} at {@code i} ends a tag. Updates foreign content, decides the element, writes
     * the head injection, and sets the tokenizer's state to what follows. Returns the index after the tag.
     */
    @Override
    public int tagEnd(int i) throws IOException {
        int after = i + 1;
        int tagCode = tokenizer.tagCode();
        boolean selfClosing = tokenizer.selfClosing();
        if (tokenizer.endTag()) {
            if (foreign != null && foreign.inForeign() && (tokenizer.nameString().equals("p")
                    || tokenizer.nameString().equals("br"))) {
                foreign.breakOut(); // </p> and </br> leave foreign content (WHATWG HTML, "in foreign content")
            } else if (foreign != null && foreign.active() && tagCode == Tags.T_TEMPLATE && rules.inTemplate()
                    && !foreign.isOpen("template")) {
                foreign.reset(); // a </template> closes the foreign elements inside it
            } else if (foreign != null && foreign.active()) {
                foreign.end(tokenizer.nameString());
            }
            if (tagCode == Tags.T_NOSCRIPT) {
                tokenizer.noscript(false);
                noscriptOpen = false;
            } else if (tagCode == Tags.T_TEMPLATE) {
                rules.template(false);
            }
            tokenizer.state(Tokenizer.DATA);
            return after;
        }
        boolean html = true;
        boolean svgScript = false;
        if (foreign != null && foreign.inForeign()) {
            String n = tokenizer.nameString();
            // <font> with color, face or size breaks out too (WHATWG HTML, "in foreign content")
            if (ForeignContent.breaksOut(n) || n.equals("font") && (attribute(after, FONT_COLOR) != null
                    || attribute(after, FONT_FACE) != null || attribute(after, FONT_SIZE) != null)) {
                foreign.breakOut();
            } else {
                html = false;
                svgScript = tagCode == T_SCRIPT && foreign.inSvg();
                foreign.foreignStart(n, selfClosing, n.equals("annotation-xml") && htmlAnnotation(after));
            }
        }
        if (html && (tagCode == T_SVG || tagCode == T_MATH || foreign != null && foreign.active())) {
            if (foreign == null) {
                foreign = new ForeignContent();
            }
            foreign.htmlStart(tokenizer.nameString(), selfClosing);
        }
        int next = Tokenizer.DATA;
        if (html) {
            switch (tagCode) {
                case T_SCRIPT -> next = Tokenizer.SCRIPT;
                // <noscript> stays markup: a browser without scripting loads what it holds, so its trackers
                // are gated too; the tokenizer also ends its comments and raw text at </noscript, where a
                // browser that runs scripts ends the element
                case Tags.T_TEMPLATE -> rules.template(!selfClosing);
                case Tags.T_NOSCRIPT -> {
                    tokenizer.noscript(true);
                    noscriptOpen = true;
                }
                case T_STYLE, T_TEXTAREA, T_TITLE, T_XMP, T_IFRAME, T_NOEMBED, T_NOFRAMES ->
                        next = Tokenizer.RAW;
                // inside <noscript>, plaintext is read as raw text that also ends at </noscript (see above)
                case T_PLAINTEXT -> next = noscriptOpen ? Tokenizer.RAW : Tokenizer.PASSTHROUGH;
                default -> next = Tokenizer.DATA;
            }
        }
        if (streaming) {
            streaming = false;
            streamName = false;
            if (buffer.capturing()) {
                buffer.dropCapture();
            }
        } else if (tagCaptured) {
            int len = buffer.rel(after);
            if (!tagOverflow && buffer.capturing() && len > gate.maxTagLength()
                    && rules.decideUnreadable(tagCode, html, tagNameEndRel, "a start tag longer than "
                    + gate.maxTagLength() + " bytes", true)) {
                gate.warnTagGated();
                buffer.flushCapturePrefix(buffer.captureLength(after), after);
            } else if (tagOverflow || !buffer.capturing() || len > gate.maxTagLength()) {
                buffer.dropCapture();
                if (ElementRules.reportsUnchecked(tagCode)) {
                    gate.warnTagTooLong();
                    rules.listener().unchecked(Tags.tagName(tagCode, html), buffer.captureStart(),
                            "start tag longer than " + gate.maxTagLength() + " bytes");
                }
            } else {
                buffer.consolidate(after);
                boolean inline = rules.decide(tagCode, html, svgScript, tagNameEndRel);
                if (inline && (next == Tokenizer.SCRIPT || next == Tokenizer.RAW && tagCode == T_STYLE)) {
                    inlineCapture = true;
                    inlineOverflow = false;
                    inlineTagEndRel = len;
                    inlineSvg = svgScript;
                    inlineCode = tagCode;
                } else {
                    buffer.finishCapture(after);
                }
            }
            tagCaptured = false;
        }
        if (tagCode == T_HEAD && html && injection != null) {
            buffer.emitRun(after);
            writeInjection();
        }
        if (next == Tokenizer.PASSTHROUGH) {
            if (buffer.capturing()) {
                buffer.dropCapture();
            }
            buffer.emitRun(after);
        }
        if (next == Tokenizer.RAW) {
            tokenizer.rawText(tagCode);
        } else {
            tokenizer.state(next);
        }
        return after;
    }

    private static final byte[] FONT_COLOR = Tags.ascii("color");
    private static final byte[] FONT_FACE = Tags.ascii("face");
    private static final byte[] FONT_SIZE = Tags.ascii("size");
    private static final byte[] ENCODING = Tags.ascii("encoding");

    /**
     * The value of the named attribute of the start tag ending before {@code after}, "" when the tag was
     * too long to hold (as if present: the protective reading), or null when it has none.
     */
    private @Nullable String attribute(int after, byte[] name) {
        if (!tagCaptured || !buffer.capturing()) {
            return "";
        }
        buffer.consolidate(after);
        int k = attrs.find(name);
        return k < 0 ? null : attrs.value(k, rules.charset());
    }

    /** Whether a MathML {@code annotation-xml} is an HTML integration point: its encoding is HTML or XHTML. */
    private boolean htmlAnnotation(int after) {
        String encoding = attribute(after, ENCODING);
        return encoding != null && (encoding.isEmpty() && !(tagCaptured && buffer.capturing())
                || encoding.equalsIgnoreCase("text/html") || encoding.equalsIgnoreCase("application/xhtml+xml"));
    }

    /** Ends an inline script whose text is held: attributes it and writes it out. */
    private void finishInline(int idx, int contentEndRel) throws IOException {
        if (!inlineOverflow && buffer.capturing() && contentEndRel - inlineTagEndRel > gate.inlineScriptLimit()
                && gateLongInline(idx)) {
            return;
        }
        inlineCapture = false;
        if (inlineOverflow || !buffer.capturing() || contentEndRel - inlineTagEndRel > gate.inlineScriptLimit()) {
            buffer.dropCapture();
            inlineOverflow = false;
            gate.warnInlineTooLong();
            rules.listener().unchecked(Tags.tagName(inlineCode, true), buffer.captureStart(), "inline "
                    + Tags.tagName(inlineCode, true) + " longer than " + gate.inlineScriptLimit() + " bytes");
            return;
        }
        buffer.consolidate(idx);
        int base = buffer.capBase();
        rules.decideInline(inlineCode, buffer.capArray(), base + inlineTagEndRel, base + contentEndRel, inlineSvg,
                tagNameEndRel);
        buffer.finishCapture(idx);
    }
}
