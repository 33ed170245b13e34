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
    private long ltAbs;

    private @Nullable ForeignContent foreign;

    HtmlRewriter(HtmlGate gate, GatePolicy policy, GateListener listener, OutputStream out,
                 @Nullable Charset declared, @Nullable String headInjection) {
        this.gate = gate;
        this.out = out;
        this.buffer = new RewriteBuffer(out);
        this.attrs = new TagAttributes(buffer);
        this.rules = new ElementRules(gate, policy, listener, buffer, attrs, declared);
        this.tokenizer = new Tokenizer(this);
        this.declaredAsciiCompatible = declared == null || Charsets.asciiCompatible(declared);
        this.injectionText = headInjection == null || headInjection.isEmpty() ? null : headInjection;
        this.injection = injectionText == null || !declaredAsciiCompatible ? null
                : encode(injectionText, rules.charset());
    }

    private static byte[] encode(String s, Charset cs) {
        if (!cs.newEncoder().canEncode(s)) {
            throw new IllegalArgumentException("the head injection has characters that " + cs.name()
                    + " cannot encode: write them as character references (&#x...;)");
        }
        return s.getBytes(cs);
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
        if (tokenizer.state() == Tokenizer.START) {
            int used = start(b, off, len);
            off += used;
            len -= used;
            if (len == 0) {
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
        buffer.flushOut();
        out.close();
    }

    /** Like {@link #close()} but leaves the sink open (for wrappers that own it). */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
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
                    gate.warnPassthrough("a UTF-16 byte order mark");
                    return beginPassthrough(used);
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
        if (!utf8Bom && !declaredAsciiCompatible) {
            gate.warnPassthrough("the charset " + rules.charset().name() + ", which is not ASCII-compatible");
            return beginPassthrough(used);
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
        if (buffer.endChunk(end, limit)) {
            if (inlineCapture) {
                inlineOverflow = true;
            } else {
                tagOverflow = true;
            }
        }
    }

    private void writeInjection() throws IOException {
        byte[] inj = injection;
        if (inj != null) {
            injection = null;
            buffer.writeOut(inj, 0, inj.length);
        }
    }

    private void injectBeforeCapture() throws IOException {
        buffer.emitBeforeCapture();
        writeInjection();
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
        if (endTag || !rules.captures(tagCode, buffer.captureStart())) {
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
    public void attrStart(int i) {
        if (recording()) {
            attrs.start(buffer.rel(i));
        }
    }

    @Override
    public void attrNameEnd(int i) {
        if (recording()) {
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
    public void scriptLessThan(int i) {
        ltAbs = buffer.abs(i);
    }

    @Override
    public void appropriateEndTag(int i, boolean script) throws IOException {
        if (script && inlineCapture) {
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
            if (foreign != null && foreign.active()) {
                foreign.end(tokenizer.nameString());
            }
            tokenizer.state(Tokenizer.DATA);
            return after;
        }
        boolean html = true;
        boolean svgScript = false;
        if (foreign != null && foreign.inForeign()) {
            String n = tokenizer.nameString();
            if (ForeignContent.breaksOut(n)) {
                foreign.breakOut();
            } else {
                html = false;
                svgScript = tagCode == T_SCRIPT && foreign.inSvg();
                if (!svgScript) {
                    foreign.foreignStart(n, selfClosing);
                }
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
                case T_STYLE, T_TEXTAREA, T_TITLE, T_XMP, T_IFRAME, T_NOEMBED, T_NOFRAMES -> next = Tokenizer.RAW;
                case T_PLAINTEXT -> next = Tokenizer.PASSTHROUGH;
                default -> next = Tokenizer.DATA;
            }
        } else if (svgScript && !selfClosing) {
            next = Tokenizer.SCRIPT;
        }
        if (tagCaptured) {
            int len = buffer.rel(after);
            if (tagOverflow || !buffer.capturing() || len > gate.maxTagLength()) {
                buffer.dropCapture();
                if (ElementRules.reportsUnchecked(tagCode)) {
                    gate.warnTagTooLong();
                    rules.listener().unchecked(Tags.tagName(tagCode, html), buffer.captureStart(),
                            "start tag longer than " + gate.maxTagLength() + " bytes");
                }
            } else {
                buffer.consolidate(after);
                boolean inline = rules.decide(tagCode, html, svgScript, tagNameEndRel);
                if (inline && next == Tokenizer.SCRIPT) {
                    inlineCapture = true;
                    inlineOverflow = false;
                    inlineTagEndRel = len;
                    inlineSvg = svgScript;
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

    /** Ends an inline script whose text is held: attributes it and writes it out. */
    private void finishInline(int idx, int contentEndRel) throws IOException {
        inlineCapture = false;
        if (inlineOverflow || !buffer.capturing() || contentEndRel - inlineTagEndRel > gate.inlineScriptLimit()) {
            buffer.dropCapture();
            inlineOverflow = false;
            gate.warnInlineTooLong();
            rules.listener().unchecked("script", buffer.captureStart(), "inline script longer than "
                    + gate.inlineScriptLimit() + " bytes");
            return;
        }
        buffer.consolidate(idx);
        int base = buffer.capBase();
        rules.decideInline(buffer.capArray(), base + inlineTagEndRel, base + contentEndRel, inlineSvg, tagNameEndRel);
        buffer.finishCapture(idx);
    }
}
