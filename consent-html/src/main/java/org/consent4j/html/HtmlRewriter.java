package org.consent4j.html;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.consent4j.core.catalog.Service;
import org.jspecify.annotations.Nullable;

/**
 * The streaming rewriter: an {@link OutputStream} that tokenizes HTML bytes as they are written and
 * passes them on to the sink, rewriting only the start tags of elements to gate.
 *
 * <p>The tokenizer is a state machine that follows the WHATWG HTML tokenizer for everything that
 * decides where a tag starts and ends: data, tags and their attributes (double-, single- and
 * unquoted), comments (including the abrupt {@code <!-->} forms), {@code <!DOCTYPE>} and bogus
 * comments, RAWTEXT and RCDATA elements, script data with its escaped and double-escaped states,
 * {@code <plaintext>}, and CDATA sections in foreign content. Its state survives between writes, so
 * the output does not depend on how the input is split.
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
final class HtmlRewriter extends OutputStream {

    // Element codes.
    static final int T_OTHER = 0;
    static final int T_SCRIPT = 1;
    static final int T_STYLE = 2;
    static final int T_TEXTAREA = 3;
    static final int T_TITLE = 4;
    static final int T_XMP = 5;
    static final int T_IFRAME = 6;
    static final int T_NOEMBED = 7;
    static final int T_NOFRAMES = 8;
    static final int T_PLAINTEXT = 9;
    static final int T_IMG = 10;
    static final int T_IMAGE = 11;
    static final int T_LINK = 12;
    static final int T_EMBED = 13;
    static final int T_OBJECT = 14;
    static final int T_SOURCE = 15;
    static final int T_HEAD = 16;
    static final int T_HTML = 17;
    static final int T_BASE = 18;
    static final int T_META = 19;
    static final int T_SVG = 20;
    static final int T_MATH = 21;

    private static final byte[][] TAG_NAMES = names("", "script", "style", "textarea", "title", "xmp", "iframe",
            "noembed", "noframes", "plaintext", "img", "image", "link", "embed", "object", "source", "head", "html",
            "base", "meta", "svg", "math");

    // Tokenizer states.
    private static final int START = 0;
    private static final int DATA = 1;
    private static final int TAG_OPEN = 2;
    private static final int END_TAG_OPEN = 3;
    private static final int TAG_NAME = 4;
    private static final int BEFORE_ATTR_NAME = 5;
    private static final int ATTR_NAME = 6;
    private static final int AFTER_ATTR_NAME = 7;
    private static final int BEFORE_ATTR_VALUE = 8;
    private static final int ATTR_VALUE_DQ = 9;
    private static final int ATTR_VALUE_SQ = 10;
    private static final int ATTR_VALUE_UQ = 11;
    private static final int AFTER_ATTR_VALUE = 12;
    private static final int SELF_CLOSING = 13;
    private static final int MARKUP_DECL = 14;
    private static final int BOGUS_COMMENT = 15;
    private static final int COMMENT_START = 16;
    private static final int COMMENT_START_DASH = 17;
    private static final int COMMENT = 18;
    private static final int COMMENT_END_DASH = 19;
    private static final int COMMENT_END = 20;
    private static final int COMMENT_END_BANG = 21;
    private static final int CDATA = 22;
    private static final int CDATA_BRACKET = 23;
    private static final int CDATA_END = 24;
    private static final int RAW = 25;
    private static final int RAW_LT = 26;
    private static final int RAW_END_OPEN = 27;
    private static final int RAW_END_NAME = 28;
    private static final int SCRIPT = 29;
    private static final int S_LT = 30;
    private static final int S_END_OPEN = 31;
    private static final int S_END_NAME = 32;
    private static final int S_ESC_START = 33;
    private static final int S_ESC_START_DASH = 34;
    private static final int S_ESC = 35;
    private static final int S_ESC_DASH = 36;
    private static final int S_ESC_DASH_DASH = 37;
    private static final int S_ESC_LT = 38;
    private static final int S_ESC_END_OPEN = 39;
    private static final int S_ESC_END_NAME = 40;
    private static final int S_DESC_START = 41;
    private static final int S_DESC = 42;
    private static final int S_DESC_DASH = 43;
    private static final int S_DESC_DASH_DASH = 44;
    private static final int S_DESC_LT = 45;
    private static final int S_DESC_END = 46;
    private static final int PASSTHROUGH = 47;

    private static final int MAX_NAME = 32;
    /** Bytes that end a tag name: whitespace, {@code /} and {@code >}. */
    private static final boolean[] TAG_NAME_END = table(" \t\n\r\f/>");
    /** Bytes that end an attribute name: whitespace, {@code =}, {@code /} and {@code >}. */
    private static final boolean[] ATTR_NAME_END = table(" \t\n\r\f=/>");
    /** Bytes that end an unquoted attribute value: whitespace and {@code >}. */
    private static final boolean[] UNQUOTED_END = table(" \t\n\r\f>");
    /** For each lower-case first letter, the codes of the element names that start with it. */
    private static final int[][] BY_FIRST_LETTER = byFirstLetter();
    private static final byte[] SCRIPT_NAME = TAG_NAMES[T_SCRIPT];
    private static final byte[] CDATA_OPEN = "[CDATA[".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] A_GATED = ascii("data-consent-gated");
    private static final byte[] A_CATEGORY = ascii("data-consent-category");
    private static final byte[] A_SERVICE = ascii("data-consent-service");
    private static final byte[] A_TYPE = ascii("type");
    private static final byte[] A_LANGUAGE = ascii("language");
    private static final byte[] A_SRC = ascii("src");
    private static final byte[] A_SRCSET = ascii("srcset");
    private static final byte[] A_HREF = ascii("href");
    private static final byte[] A_XLINK_HREF = ascii("xlink:href");
    private static final byte[] A_DATA = ascii("data");
    private static final byte[] A_REL = ascii("rel");
    private static final byte[] A_IMAGESRCSET = ascii("imagesrcset");
    private static final byte[] A_SRCDOC = ascii("srcdoc");
    private static final byte[] A_CHARSET = ascii("charset");
    private static final byte[] A_HTTP_EQUIV = ascii("http-equiv");
    private static final byte[] A_CONTENT = ascii("content");
    private static final byte[] PREFIX = ascii("data-consent-");
    private static final byte[] TEXT_PLAIN = ascii(" type=\"text/plain\"");

    private static final byte[][] SCRIPT_URLS = {A_SRC};
    private static final byte[][] SVG_SCRIPT_URLS = {A_HREF, A_XLINK_HREF, A_SRC};
    private static final byte[][] IMG_URLS = {A_SRC, A_SRCSET};
    private static final byte[][] SVG_IMAGE_URLS = {A_HREF, A_XLINK_HREF, A_SRC, A_SRCSET};
    private static final byte[][] SRC_URLS = {A_SRC};
    private static final byte[][] OBJECT_URLS = {A_DATA};
    private static final byte[][] LINK_URLS = {A_HREF, A_IMAGESRCSET};

    private final HtmlGate gate;
    private final GatePolicy policy;
    private final GateListener listener;
    private final OutputStream out;
    private byte @Nullable [] injection;
    private final @Nullable String injectionText;
    private Charset charset;
    private boolean sniffCharset;
    private final boolean declaredAsciiCompatible;

    private final byte[] obuf = new byte[8192];
    private int olen;
    private final byte[] one = new byte[1];
    private boolean closed;
    private boolean finished;

    private int state = START;
    private long chunkAbs;
    private byte[] chunk = new byte[0];
    private int chunkOff;
    private int runStart;

    private final byte[] startBytes = new byte[3];
    private int startLen;

    private boolean endTag;
    private final byte[] name = new byte[MAX_NAME];
    private int nameLen;
    private int tagCode;
    private boolean selfClosing;
    private boolean tagCaptured;
    private boolean tagOverflow;
    private int tagNameEndRel;

    private boolean capturing;
    private int capBegin;
    private long capStartAbs;
    private byte[] hold = new byte[1024];
    private int holdLen;

    private int[] attrs = new int[32];
    private int attrCount;

    private int rawCode;
    private int endMatch;
    private long ltAbs;
    private int declMatched;
    private boolean declCdata;

    private boolean inlineCapture;
    private boolean inlineOverflow;
    private int inlineTagEndRel;
    private boolean inlineSvg;

    private @Nullable ForeignContent foreign;
    private @Nullable String baseHost;
    private boolean baseSeen;

    private int[] insAt = new int[8];
    private byte[][] insBytes = new byte[8][];
    private int insCount;

    HtmlRewriter(HtmlGate gate, GatePolicy policy, GateListener listener, OutputStream out,
                 @Nullable Charset declared, @Nullable String headInjection) {
        this.gate = gate;
        this.policy = policy;
        this.listener = listener;
        this.out = out;
        this.sniffCharset = declared == null;
        this.charset = declared == null ? Charset.forName("windows-1252") : declared;
        this.declaredAsciiCompatible = declared == null || Charsets.asciiCompatible(declared);
        this.injectionText = headInjection == null || headInjection.isEmpty() ? null : headInjection;
        this.injection = injectionText == null || !declaredAsciiCompatible ? null : encode(injectionText, this.charset);
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
        if (state == START) {
            int used = start(b, off, len);
            off += used;
            len -= used;
            if (len == 0) {
                return;
            }
        }
        if (state == PASSTHROUGH) {
            writeOut(b, off, len);
            chunkAbs += len;
            return;
        }
        scan(b, off, off + len);
    }

    /** Emits everything that no longer needs holding back and flushes the sink. */
    @Override
    public void flush() throws IOException {
        flushOut();
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
        flushOut();
        out.close();
    }

    /** Like {@link #close()} but leaves the sink open (for wrappers that own it). */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (state == START && startLen > 0) {
            byte[] s = Arrays.copyOf(startBytes, startLen);
            startLen = 0;
            state = DATA;
            scan(s, 0, s.length);
        }
        chunk = new byte[0];
        chunkOff = 0;
        runStart = 0;
        capBegin = 0;
        if (capturing) {
            if (inlineCapture) {
                long contentEnd = capStartAbs + holdLen;
                finishInline(0, (int) (contentEnd - capStartAbs));
            } else {
                dropCapture();
            }
        } else if (inlineCapture && inlineOverflow) {
            finishInline(0, 0);
        }
        flushOut();
    }

    /** Bytes of buffer this rewriter holds now (for tests of the memory bound). */
    int bufferedCapacity() {
        return hold.length + obuf.length + attrs.length * Integer.BYTES + insAt.length * (Integer.BYTES + 8);
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
            gate.warnPassthrough("the charset " + charset.name() + ", which is not ASCII-compatible");
            return beginPassthrough(used);
        }
        state = DATA;
        int pending = startLen;
        startLen = 0;
        if (utf8Bom) {
            charset = StandardCharsets.UTF_8;
            sniffCharset = false;
            if (injectionText != null) {
                injection = encode(injectionText, charset);
            }
            writeOut(startBytes, 0, 3);
            chunkAbs = 3;
        } else {
            byte[] s = Arrays.copyOf(startBytes, pending);
            scan(s, 0, pending);
        }
        return used;
    }

    private int beginPassthrough(int used) throws IOException {
        state = PASSTHROUGH;
        injection = null;
        writeOut(startBytes, 0, startLen);
        chunkAbs = startLen;
        startLen = 0;
        return used;
    }

    // ---------------------------------------------------------------- the scanner

    private long abs(int i) {
        return chunkAbs + (i - chunkOff);
    }

    private int rel(int i) {
        return (int) (abs(i) - capStartAbs);
    }

    private void scan(byte[] b, int off, int end) throws IOException {
        chunk = b;
        chunkOff = off;
        runStart = off;
        if (capturing) {
            capBegin = off;
        }
        int i = off;
        while (i < end) {
            switch (state) {
                case DATA -> i = data(b, i, end);
                case TAG_OPEN, END_TAG_OPEN -> i = tagOpen(b, i);
                case TAG_NAME -> i = tagName(b, i, end);
                case BEFORE_ATTR_NAME, ATTR_NAME, AFTER_ATTR_NAME, BEFORE_ATTR_VALUE, ATTR_VALUE_DQ, ATTR_VALUE_SQ,
                     ATTR_VALUE_UQ, AFTER_ATTR_VALUE, SELF_CLOSING -> i = attributes(b, i, end);
                case MARKUP_DECL, BOGUS_COMMENT, COMMENT_START, COMMENT_START_DASH, COMMENT, COMMENT_END_DASH,
                     COMMENT_END, COMMENT_END_BANG, CDATA, CDATA_BRACKET, CDATA_END -> i = comment(b, i, end);
                case RAW, RAW_LT, RAW_END_OPEN, RAW_END_NAME -> i = raw(b, i, end);
                case SCRIPT -> i = script(b, i, end);
                case S_LT, S_END_OPEN, S_END_NAME, S_ESC_START, S_ESC_START_DASH, S_ESC, S_ESC_DASH, S_ESC_DASH_DASH,
                     S_ESC_LT, S_ESC_END_OPEN, S_ESC_END_NAME, S_DESC_START, S_DESC, S_DESC_DASH, S_DESC_DASH_DASH,
                     S_DESC_LT, S_DESC_END -> i = scriptMarkup(b, i, end);
                case PASSTHROUGH -> i = end;
                default -> throw new IllegalStateException("tokenizer state " + state);
            }
        }
        chunkEnd(end);
        chunkAbs += end - off;
    }

    /** Data: text up to the next {@code <}; writes the head injection before the first text. */
    private int data(byte[] b, int i, int end) throws IOException {
        if (injection != null) {
            while (i < end && isWhitespace(b[i])) {
                i++;
            }
            if (i == end) {
                return i;
            }
            if (b[i] != '<') {
                emitRun(i);
                writeInjection();
            }
        }
        i = ByteScan.indexOf(b, i, end, (byte) '<');
        if (i < end) {
            startCapture(i);
            i++;
            state = TAG_OPEN;
        }
        return i;
    }

    /** After {@code <} or {@code </}. */
    private int tagOpen(byte[] b, int i) throws IOException {
        byte c = b[i];
        if (state == TAG_OPEN) {
            if (isAlpha(c)) {
                beginTagName(false);
                state = TAG_NAME;
            } else if (c == '/') {
                i++;
                state = END_TAG_OPEN;
            } else if (c == '!') {
                dropCapture();
                i++;
                declMatched = 0;
                state = MARKUP_DECL;
            } else if (c == '?') {
                dropCapture();
                state = BOGUS_COMMENT;
            } else {
                if (injection != null) {
                    injectBeforeCapture();
                }
                dropCapture();
                state = DATA;
            }
        } else if (isAlpha(c)) {
            beginTagName(true);
            state = TAG_NAME;
        } else if (c == '>') {
            dropCapture();
            i++;
            state = DATA;
        } else {
            dropCapture();
            state = BOGUS_COMMENT;
        }
        return i;
    }

    private int tagName(byte[] b, int i, int end) throws IOException {
        while (i < end) {
            byte c = b[i];
            if (TAG_NAME_END[c & 0xFF]) {
                break;
            }
            if (nameLen < MAX_NAME) {
                name[nameLen] = lower(c);
            }
            nameLen++;
            if (nameLen == MAX_NAME + 1) {
                nameDone(i);
            }
            i++;
        }
        if (i == end) {
            return i;
        }
        if (nameLen <= MAX_NAME) {
            nameDone(i);
        }
        byte c = b[i];
        if (c == '>') {
            return tagEnd(i);
        }
        state = c == '/' ? SELF_CLOSING : BEFORE_ATTR_NAME;
        return i + 1;
    }

    /** The attribute states of a tag, until the tag ends or the input does. */
    private int attributes(byte[] b, int i, int end) throws IOException {
        int st = state;
        while (i < end) {
            switch (st) {
                case BEFORE_ATTR_NAME -> {
                    while (i < end && isWhitespace(b[i])) {
                        i++;
                    }
                    if (i == end) {
                        break;
                    }
                    byte c = b[i];
                    if (c == '/') {
                        i++;
                        st = SELF_CLOSING;
                    } else if (c == '>') {
                        return tagEnd(i);
                    } else {
                        attrStart(i);
                        if (c == '=') {
                            i++;
                        }
                        st = ATTR_NAME;
                    }
                }
                case ATTR_NAME -> {
                    while (i < end && !ATTR_NAME_END[b[i] & 0xFF]) {
                        i++;
                    }
                    if (i == end) {
                        break;
                    }
                    attrNameEnd(i);
                    if (b[i] == '=') {
                        i++;
                        st = BEFORE_ATTR_VALUE;
                    } else {
                        st = AFTER_ATTR_NAME;
                    }
                }
                case AFTER_ATTR_NAME -> {
                    while (i < end && isWhitespace(b[i])) {
                        i++;
                    }
                    if (i == end) {
                        break;
                    }
                    byte c = b[i];
                    if (c == '/') {
                        i++;
                        st = SELF_CLOSING;
                    } else if (c == '=') {
                        i++;
                        st = BEFORE_ATTR_VALUE;
                    } else if (c == '>') {
                        return tagEnd(i);
                    } else {
                        attrStart(i);
                        st = ATTR_NAME;
                    }
                }
                case BEFORE_ATTR_VALUE -> {
                    while (i < end && isWhitespace(b[i])) {
                        i++;
                    }
                    if (i == end) {
                        break;
                    }
                    byte c = b[i];
                    if (c == '"') {
                        i++;
                        valueStart(i);
                        st = ATTR_VALUE_DQ;
                    } else if (c == '\'') {
                        i++;
                        valueStart(i);
                        st = ATTR_VALUE_SQ;
                    } else if (c == '>') {
                        return tagEnd(i);
                    } else {
                        valueStart(i);
                        st = ATTR_VALUE_UQ;
                    }
                }
                case ATTR_VALUE_DQ, ATTR_VALUE_SQ -> {
                    i = ByteScan.indexOf(b, i, end, st == ATTR_VALUE_DQ ? (byte) '"' : (byte) '\'');
                    if (i < end) {
                        valueEnd(i);
                        i++;
                        st = AFTER_ATTR_VALUE;
                    }
                }
                case ATTR_VALUE_UQ -> {
                    while (i < end && !UNQUOTED_END[b[i] & 0xFF]) {
                        i++;
                    }
                    if (i == end) {
                        break;
                    }
                    valueEnd(i);
                    if (b[i] == '>') {
                        return tagEnd(i);
                    }
                    i++;
                    st = BEFORE_ATTR_NAME;
                }
                case AFTER_ATTR_VALUE -> {
                    byte c = b[i];
                    if (isWhitespace(c)) {
                        i++;
                        st = BEFORE_ATTR_NAME;
                    } else if (c == '/') {
                        i++;
                        st = SELF_CLOSING;
                    } else if (c == '>') {
                        return tagEnd(i);
                    } else {
                        st = BEFORE_ATTR_NAME;
                    }
                }
                case SELF_CLOSING -> {
                    if (b[i] == '>') {
                        selfClosing = true;
                        return tagEnd(i);
                    }
                    st = BEFORE_ATTR_NAME;
                }
                default -> throw new IllegalStateException("attribute state " + st);
            }
        }
        state = st;
        return i;
    }

    /** Markup declarations, comments, bogus comments and CDATA sections. */
    private int comment(byte[] b, int i, int end) {
        int st = state;
        while (i < end && st != DATA) {
            switch (st) {
                case MARKUP_DECL -> {
                    byte c = b[i];
                    if (declMatched == 0) {
                        if (c == '-') {
                            declCdata = false;
                            declMatched = 1;
                            i++;
                        } else if (c == '[' && foreign != null && foreign.inForeign()) {
                            declCdata = true;
                            declMatched = 1;
                            i++;
                        } else {
                            st = BOGUS_COMMENT;
                        }
                    } else if (!declCdata) {
                        if (c == '-') {
                            i++;
                            st = COMMENT_START;
                        } else {
                            st = BOGUS_COMMENT;
                        }
                    } else if (c == CDATA_OPEN[declMatched]) {
                        i++;
                        if (++declMatched == CDATA_OPEN.length) {
                            st = CDATA;
                        }
                    } else {
                        st = BOGUS_COMMENT;
                    }
                }
                case BOGUS_COMMENT -> {
                    i = ByteScan.indexOf(b, i, end, (byte) '>');
                    if (i < end) {
                        i++;
                        st = DATA;
                    }
                }
                case COMMENT_START, COMMENT_START_DASH -> {
                    byte c = b[i];
                    if (c == '-') {
                        i++;
                        st = st == COMMENT_START ? COMMENT_START_DASH : COMMENT_END;
                    } else if (c == '>') {
                        i++;
                        st = DATA;
                    } else {
                        st = COMMENT;
                    }
                }
                case COMMENT -> {
                    i = ByteScan.indexOf(b, i, end, (byte) '-');
                    if (i < end) {
                        i++;
                        st = COMMENT_END_DASH;
                    }
                }
                case COMMENT_END_DASH -> {
                    if (b[i] == '-') {
                        i++;
                        st = COMMENT_END;
                    } else {
                        st = COMMENT;
                    }
                }
                case COMMENT_END -> {
                    byte c = b[i];
                    if (c == '>') {
                        i++;
                        st = DATA;
                    } else if (c == '!') {
                        i++;
                        st = COMMENT_END_BANG;
                    } else if (c == '-') {
                        i++;
                    } else {
                        st = COMMENT;
                    }
                }
                case COMMENT_END_BANG -> {
                    byte c = b[i];
                    if (c == '-') {
                        i++;
                        st = COMMENT_END_DASH;
                    } else if (c == '>') {
                        i++;
                        st = DATA;
                    } else {
                        st = COMMENT;
                    }
                }
                case CDATA -> {
                    i = ByteScan.indexOf(b, i, end, (byte) ']');
                    if (i < end) {
                        i++;
                        st = CDATA_BRACKET;
                    }
                }
                case CDATA_BRACKET -> {
                    if (b[i] == ']') {
                        i++;
                        st = CDATA_END;
                    } else {
                        st = CDATA;
                    }
                }
                case CDATA_END -> {
                    byte c = b[i];
                    if (c == ']') {
                        i++;
                    } else if (c == '>') {
                        i++;
                        st = DATA;
                    } else {
                        st = CDATA;
                    }
                }
                default -> throw new IllegalStateException("comment state " + st);
            }
        }
        state = st;
        return i;
    }

    /** RAWTEXT and RCDATA elements, until their end tag. */
    private int raw(byte[] b, int i, int end) throws IOException {
        int st = state;
        while (i < end) {
            switch (st) {
                case RAW -> {
                    i = ByteScan.indexOf(b, i, end, (byte) '<');
                    if (i < end) {
                        i++;
                        st = RAW_LT;
                    }
                }
                case RAW_LT -> {
                    if (b[i] == '/') {
                        i++;
                        st = RAW_END_OPEN;
                    } else {
                        st = RAW;
                    }
                }
                case RAW_END_OPEN -> {
                    if (isAlpha(b[i])) {
                        endMatch = 0;
                        st = RAW_END_NAME;
                    } else {
                        st = RAW;
                    }
                }
                case RAW_END_NAME -> {
                    state = st;
                    int j = endTagName(b, i, end, TAG_NAMES[rawCode]);
                    if (j < 0) {
                        return end;
                    }
                    if (state != RAW_END_NAME) {
                        return j;
                    }
                    i = j;
                    st = RAW;
                }
                default -> throw new IllegalStateException("raw text state " + st);
            }
        }
        state = st;
        return i;
    }

    /**
     * Reads an end tag name that may close a raw text or script element. Returns -1 when the input
     * ended inside the name; otherwise the index to continue at, with {@link #state} changed when the
     * name was the appropriate end tag (and left alone when it was not).
     */
    private int endTagName(byte[] b, int i, int end, byte[] want) throws IOException {
        while (i < end && isAlpha(b[i])) {
            if (endMatch >= 0) {
                endMatch = endMatch < want.length && lower(b[i]) == want[endMatch] ? endMatch + 1 : -1;
            }
            i++;
        }
        if (i == end) {
            return -1;
        }
        byte c = b[i];
        if (endMatch != want.length || !(c == '>' || c == '/' || isWhitespace(c))) {
            return i;
        }
        if (state != RAW_END_NAME && inlineCapture) {
            finishInline(i, (int) (ltAbs - capStartAbs));
        }
        endTag = true;
        tagCode = state == RAW_END_NAME ? rawCode : T_SCRIPT;
        nameLen = want.length;
        System.arraycopy(want, 0, name, 0, want.length);
        tagCaptured = false;
        if (c == '>') {
            return tagEnd(i);
        }
        state = c == '/' ? SELF_CLOSING : BEFORE_ATTR_NAME;
        return i + 1;
    }

    /** Script data: text up to the next {@code <}. */
    private int script(byte[] b, int i, int end) {
        i = ByteScan.indexOf(b, i, end, (byte) '<');
        if (i < end) {
            ltAbs = abs(i);
            i++;
            state = S_LT;
        }
        return i;
    }

    /** The script data states after a {@code <}: end tags, and the escaped and double-escaped states. */
    private int scriptMarkup(byte[] b, int i, int end) throws IOException {
        int st = state;
        while (i < end && st != SCRIPT) {
            switch (st) {
                case S_LT -> {
                    byte c = b[i];
                    if (c == '/') {
                        i++;
                        st = S_END_OPEN;
                    } else if (c == '!') {
                        i++;
                        st = S_ESC_START;
                    } else {
                        st = SCRIPT;
                    }
                }
                case S_END_OPEN, S_ESC_END_OPEN -> {
                    if (isAlpha(b[i])) {
                        endMatch = 0;
                        st = st == S_END_OPEN ? S_END_NAME : S_ESC_END_NAME;
                    } else {
                        st = st == S_END_OPEN ? SCRIPT : S_ESC;
                    }
                }
                case S_END_NAME, S_ESC_END_NAME -> {
                    state = st;
                    int j = endTagName(b, i, end, SCRIPT_NAME);
                    if (j < 0) {
                        return end;
                    }
                    if (state != st) {
                        return j;
                    }
                    i = j;
                    st = st == S_END_NAME ? SCRIPT : S_ESC;
                }
                case S_ESC_START -> {
                    if (b[i] == '-') {
                        i++;
                        st = S_ESC_START_DASH;
                    } else {
                        st = SCRIPT;
                    }
                }
                case S_ESC_START_DASH -> {
                    if (b[i] == '-') {
                        i++;
                        st = S_ESC_DASH_DASH;
                    } else {
                        st = SCRIPT;
                    }
                }
                case S_ESC -> {
                    i = ByteScan.indexOfEither(b, i, end, (byte) '-', (byte) '<');
                    if (i < end) {
                        if (b[i] == '-') {
                            st = S_ESC_DASH;
                        } else {
                            ltAbs = abs(i);
                            st = S_ESC_LT;
                        }
                        i++;
                    }
                }
                case S_ESC_DASH, S_ESC_DASH_DASH -> {
                    byte c = b[i];
                    if (c == '-') {
                        st = S_ESC_DASH_DASH;
                    } else if (c == '<') {
                        ltAbs = abs(i);
                        st = S_ESC_LT;
                    } else if (c == '>' && st == S_ESC_DASH_DASH) {
                        st = SCRIPT;
                    } else {
                        st = S_ESC;
                    }
                    i++;
                }
                case S_ESC_LT -> {
                    byte c = b[i];
                    if (c == '/') {
                        i++;
                        st = S_ESC_END_OPEN;
                    } else if (isAlpha(c)) {
                        endMatch = 0;
                        st = S_DESC_START;
                    } else {
                        st = S_ESC;
                    }
                }
                case S_DESC_START, S_DESC_END -> {
                    while (i < end && isAlpha(b[i])) {
                        if (endMatch >= 0) {
                            endMatch = endMatch < SCRIPT_NAME.length && lower(b[i]) == SCRIPT_NAME[endMatch]
                                    ? endMatch + 1 : -1;
                        }
                        i++;
                    }
                    if (i == end) {
                        break;
                    }
                    byte c = b[i];
                    boolean isScript = endMatch == SCRIPT_NAME.length;
                    if (c == '>' || c == '/' || isWhitespace(c)) {
                        i++;
                        if (st == S_DESC_START) {
                            st = isScript ? S_DESC : S_ESC;
                        } else {
                            st = isScript ? S_ESC : S_DESC;
                        }
                    } else {
                        st = st == S_DESC_START ? S_ESC : S_DESC;
                    }
                }
                case S_DESC -> {
                    i = ByteScan.indexOfEither(b, i, end, (byte) '-', (byte) '<');
                    if (i < end) {
                        st = b[i] == '-' ? S_DESC_DASH : S_DESC_LT;
                        i++;
                    }
                }
                case S_DESC_DASH, S_DESC_DASH_DASH -> {
                    byte c = b[i];
                    if (c == '-') {
                        st = S_DESC_DASH_DASH;
                    } else if (c == '<') {
                        st = S_DESC_LT;
                    } else if (c == '>' && st == S_DESC_DASH_DASH) {
                        st = SCRIPT;
                    } else {
                        st = S_DESC;
                    }
                    i++;
                }
                case S_DESC_LT -> {
                    if (b[i] == '/') {
                        i++;
                        endMatch = 0;
                        st = S_DESC_END;
                    } else {
                        st = S_DESC;
                    }
                }
                default -> throw new IllegalStateException("script state " + st);
            }
        }
        state = st;
        return i;
    }

    // ---------------------------------------------------------------- output

    private void writeOut(byte[] b, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        if (len >= 2048) {
            flushOut();
            out.write(b, off, len);
            return;
        }
        if (olen + len > obuf.length) {
            flushOut();
        }
        System.arraycopy(b, off, obuf, olen, len);
        olen += len;
    }

    private void flushOut() throws IOException {
        if (olen > 0) {
            out.write(obuf, 0, olen);
            olen = 0;
        }
    }

    private void emitRun(int to) throws IOException {
        if (to > runStart) {
            writeOut(chunk, runStart, to - runStart);
            runStart = to;
        }
    }

    private void writeInjection() throws IOException {
        byte[] inj = injection;
        if (inj != null) {
            injection = null;
            writeOut(inj, 0, inj.length);
        }
    }

    private void chunkEnd(int end) throws IOException {
        if (!capturing) {
            emitRun(end);
            return;
        }
        emitRun(capBegin);
        int add = end - capBegin;
        long limit = inlineCapture ? (long) inlineTagEndRel + gate.inlineScriptLimit() + 16 : gate.maxTagLength() + 1L;
        if (holdLen + (long) add > limit) {
            writeOut(hold, 0, holdLen);
            writeOut(chunk, capBegin, add);
            holdLen = 0;
            capturing = false;
            if (inlineCapture) {
                inlineOverflow = true;
            } else {
                tagOverflow = true;
            }
        } else {
            appendHold(chunk, capBegin, add);
        }
        runStart = end;
        capBegin = end;
    }

    // ---------------------------------------------------------------- capture

    private void startCapture(int i) {
        capturing = true;
        capBegin = i;
        capStartAbs = abs(i);
        holdLen = 0;
        tagCaptured = false;
        tagOverflow = false;
        attrCount = 0;
    }

    /** Stops holding: the held bytes go out unchanged and the rest of the capture joins the run. */
    private void dropCapture() throws IOException {
        if (!capturing) {
            return;
        }
        if (holdLen > 0) {
            writeOut(hold, 0, holdLen);
            holdLen = 0;
        }
        capturing = false;
    }

    private void injectBeforeCapture() throws IOException {
        emitRun(capBegin);
        writeInjection();
    }

    private void appendHold(byte[] b, int off, int len) {
        if (holdLen + len > hold.length) {
            hold = Arrays.copyOf(hold, Math.max(hold.length * 4, holdLen + len));
        }
        System.arraycopy(b, off, hold, holdLen, len);
        holdLen += len;
    }

    /** Makes the capture up to {@code idx} contiguous: in {@link #hold} if it spans chunks. */
    private void consolidate(int idx) {
        if (holdLen > 0 && idx > capBegin) {
            appendHold(chunk, capBegin, idx - capBegin);
            runStart = idx;
            capBegin = idx;
        }
    }

    private byte[] capArray() {
        return holdLen > 0 ? hold : chunk;
    }

    private int capBase() {
        return holdLen > 0 ? 0 : capBegin;
    }

    /** Writes the capture (up to {@code idx}, already consolidated) with the pending insertions. */
    private void finishCapture(int idx) throws IOException {
        if (insCount == 0) {
            dropCapture();
            return;
        }
        emitRun(capBegin);
        byte[] a;
        int base;
        int len;
        if (holdLen > 0) {
            a = hold;
            base = 0;
            len = holdLen;
        } else {
            a = chunk;
            base = capBegin;
            len = idx - capBegin;
        }
        int from = 0;
        for (int k = 0; k < insCount; k++) {
            int at = insAt[k];
            writeOut(a, base + from, at - from);
            writeOut(insBytes[k], 0, insBytes[k].length);
            from = at;
        }
        writeOut(a, base + from, len - from);
        insCount = 0;
        holdLen = 0;
        capturing = false;
        runStart = idx;
    }

    private void insert(int at, byte[] bytes) {
        if (insCount == insAt.length) {
            insAt = Arrays.copyOf(insAt, insCount * 2);
            insBytes = Arrays.copyOf(insBytes, insCount * 2);
        }
        insAt[insCount] = at;
        insBytes[insCount] = bytes;
        insCount++;
    }

    // ---------------------------------------------------------------- tags

    private void beginTagName(boolean isEnd) {
        endTag = isEnd;
        nameLen = 0;
        selfClosing = false;
        tagCode = T_OTHER;
    }

    /** The tag name is complete (or too long to matter): classify, inject, keep or stop holding. */
    private void nameDone(int i) throws IOException {
        tagCode = nameLen <= MAX_NAME ? classify(name, nameLen) : T_OTHER;
        if (injection != null && (endTag || tagCode != T_HTML && tagCode != T_HEAD)) {
            injectBeforeCapture();
        }
        if (endTag || !captures(tagCode)) {
            dropCapture();
            tagCaptured = false;
        } else {
            tagCaptured = true;
            tagNameEndRel = rel(i);
            attrCount = 0;
        }
    }

    private boolean captures(int code) {
        return switch (code) {
            case T_SCRIPT, T_IFRAME, T_IMG, T_IMAGE, T_LINK, T_EMBED, T_OBJECT, T_SOURCE -> true;
            case T_BASE -> !baseSeen;
            case T_META -> sniffCharset && capStartAbs < 1024;
            default -> false;
        };
    }

    private boolean recording() {
        return tagCaptured && capturing;
    }

    private void attrStart(int i) {
        if (!recording()) {
            return;
        }
        if ((attrCount + 1) * 4 > attrs.length) {
            attrs = Arrays.copyOf(attrs, attrs.length * 2);
        }
        int k = attrCount * 4;
        attrs[k] = rel(i);
        attrs[k + 1] = -1;
        attrs[k + 2] = -1;
        attrs[k + 3] = -1;
        attrCount++;
    }

    private void attrNameEnd(int i) {
        if (recording() && attrCount > 0) {
            attrs[(attrCount - 1) * 4 + 1] = rel(i);
        }
    }

    private void valueStart(int i) {
        if (recording() && attrCount > 0) {
            attrs[(attrCount - 1) * 4 + 2] = rel(i);
        }
    }

    private void valueEnd(int i) {
        if (recording() && attrCount > 0) {
            attrs[(attrCount - 1) * 4 + 3] = rel(i);
        }
    }

    /**
     * The {@code >} at {@code i} ends a tag. Updates foreign content, decides the element, writes
     * the head injection, and sets {@link #state} to what follows. Returns the index after the tag.
     */
    private int tagEnd(int i) throws IOException {
        int after = i + 1;
        if (endTag) {
            if (foreign != null && foreign.active()) {
                foreign.end(nameString());
            }
            state = DATA;
            return after;
        }
        boolean html = true;
        boolean svgScript = false;
        if (foreign != null && foreign.inForeign()) {
            String n = nameString();
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
            foreign.htmlStart(nameString(), selfClosing);
        }
        int next = DATA;
        if (html) {
            switch (tagCode) {
                case T_SCRIPT -> next = SCRIPT;
                case T_STYLE, T_TEXTAREA, T_TITLE, T_XMP, T_IFRAME, T_NOEMBED, T_NOFRAMES -> {
                    next = RAW;
                    rawCode = tagCode;
                }
                case T_PLAINTEXT -> next = PASSTHROUGH;
                default -> next = DATA;
            }
        } else if (svgScript && !selfClosing) {
            next = SCRIPT;
        }
        boolean inline = false;
        if (tagCaptured) {
            int len = rel(after);
            if (tagOverflow || !capturing || len > gate.maxTagLength()) {
                dropCapture();
                if (tagCode != T_BASE && tagCode != T_META) {
                    gate.warnTagTooLong();
                    listener.unchecked(tagName(tagCode, html), capStartAbs,
                            "start tag longer than " + gate.maxTagLength() + " bytes");
                }
            } else {
                consolidate(after);
                inline = decide(html, svgScript);
                if (inline && next == SCRIPT) {
                    inlineCapture = true;
                    inlineOverflow = false;
                    inlineTagEndRel = len;
                    inlineSvg = svgScript;
                } else {
                    finishCapture(after);
                }
            }
            tagCaptured = false;
        }
        if (tagCode == T_HEAD && html && injection != null) {
            emitRun(after);
            writeInjection();
        }
        if (next == PASSTHROUGH) {
            if (capturing) {
                dropCapture();
            }
            emitRun(after);
        }
        state = next;
        return after;
    }

    private String nameString() {
        int n = Math.min(nameLen, MAX_NAME);
        String s = new String(name, 0, n, StandardCharsets.ISO_8859_1);
        return nameLen > MAX_NAME ? s + "#" + nameLen : s;
    }

    private static String tagName(int code, boolean html) {
        if (code == T_IMAGE && html) {
            return "img";
        }
        return new String(TAG_NAMES[code], StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- decisions

    /**
     * Decides a captured start tag (contiguous at {@link #capArray()}); queues the insertions that
     * gate it. Returns true when it is an inline script whose text must be read first.
     */
    private boolean decide(boolean html, boolean svgScript) throws IOException {
        insCount = 0;
        switch (tagCode) {
            case T_BASE -> {
                if (html) {
                    readBase();
                }
                return false;
            }
            case T_META -> {
                readMetaCharset();
                return false;
            }
            default -> {
            }
        }
        if (attr(A_GATED) >= 0) {
            return false;
        }
        byte[][] urls;
        switch (tagCode) {
            case T_SCRIPT -> {
                if (!executable()) {
                    return false;
                }
                urls = svgScript ? SVG_SCRIPT_URLS : SCRIPT_URLS;
            }
            case T_IMG -> urls = IMG_URLS;
            case T_IMAGE -> urls = html ? IMG_URLS : SVG_IMAGE_URLS;
            case T_IFRAME, T_EMBED -> urls = SRC_URLS;
            case T_OBJECT -> urls = OBJECT_URLS;
            case T_SOURCE -> urls = IMG_URLS;
            case T_LINK -> {
                if (!loadingLink()) {
                    return false;
                }
                urls = LINK_URLS;
            }
            default -> {
                return false;
            }
        }
        String element = tagName(tagCode, html);
        if (annotated(element, urls)) {
            return false;
        }
        boolean hasUrl = false;
        for (byte[] urlAttr : urls) {
            for (int k = 0; k < attrCount; k++) {
                if (!nameIs(k, urlAttr)) {
                    continue;
                }
                hasUrl = true;
                String value = value(k);
                if (urlAttr == A_SRCSET || urlAttr == A_IMAGESRCSET) {
                    String[] found = new String[1];
                    Urls.srcsetUrls(value, u -> {
                        if (found[0] == null && deniedHost(u) != null) {
                            found[0] = u;
                        }
                    });
                    if (found[0] != null && gateByHost(element, urls, found[0])) {
                        return false;
                    }
                } else if (gateByHost(element, urls, value)) {
                    return false;
                }
            }
        }
        return tagCode == T_SCRIPT && !hasUrl;
    }

    private boolean gateByHost(String element, byte[][] urls, String url) {
        String host = Urls.host(url, baseHost);
        if (host == null) {
            return false;
        }
        Service service = deniedService(host);
        if (service == null) {
            return false;
        }
        gate(element, urls, service.id(), service.category(), GatedElement.Attribution.HOST, host, service);
        return true;
    }

    private @Nullable String deniedHost(String url) {
        String host = Urls.host(url, baseHost);
        return host != null && deniedService(host) != null ? host : null;
    }

    private @Nullable Service deniedService(String host) {
        Optional<Service> service = gate.catalog().serviceForHost(host);
        if (service.isEmpty() || gate.required(service.get().category())) {
            return null;
        }
        return policy.allowsService(service.get().id()) ? null : service.get();
    }

    /** Applies the author's annotation, if any. Returns true when the annotation decided the element. */
    private boolean annotated(String element, byte[][] urls) {
        int ci = attr(A_CATEGORY);
        int si = attr(A_SERVICE);
        String category = ci >= 0 ? value(ci).trim().toLowerCase(Locale.ROOT) : "";
        String serviceId = si >= 0 ? value(si).trim().toLowerCase(Locale.ROOT) : "";
        if (category.isEmpty() && serviceId.isEmpty()) {
            return false;
        }
        if (!category.isEmpty() && gate.required(category)) {
            return true;
        }
        Service service = serviceId.isEmpty() ? null : gate.catalog().service(serviceId).orElse(null);
        boolean allowed;
        String gatedCategory;
        if (service != null) {
            if (category.isEmpty() && gate.required(service.category())) {
                return true;
            }
            gatedCategory = category.isEmpty() ? service.category() : category;
            allowed = policy.allowsService(service.id()) && (category.isEmpty() || policy.allowsCategory(category));
        } else if (!serviceId.isEmpty()) {
            gatedCategory = category.isEmpty() ? HtmlGate.UNCLASSIFIED : category;
            allowed = category.isEmpty() ? policy.allowsService(serviceId) : policy.allowsCategory(category);
        } else {
            gatedCategory = category;
            allowed = policy.allowsCategory(category);
        }
        if (!allowed) {
            String evidence = (category.isEmpty() ? "" : "data-consent-category=" + category)
                    + (category.isEmpty() || serviceId.isEmpty() ? "" : " ")
                    + (serviceId.isEmpty() ? "" : "data-consent-service=" + serviceId);
            gate(element, urls, serviceId, gatedCategory, GatedElement.Attribution.ANNOTATION, evidence, service);
        }
        return true;
    }

    /** Queues the insertions that gate the captured element and tells the listener. */
    private void gate(String element, byte[][] urls, String serviceId, String categoryId,
                      GatedElement.Attribution attribution, String evidence, @Nullable Service service) {
        insCount = 0;
        StringBuilder marker = new StringBuilder(120);
        if (tagCode == T_SCRIPT) {
            marker.append(" type=\"text/plain\"");
        }
        marker.append(" data-consent-gated data-consent-category=\"").append(Entities.escapeAttribute(categoryId))
                .append("\" data-consent-service=\"").append(Entities.escapeAttribute(serviceId)).append('"');
        if (tagCode == T_IFRAME && gate.iframePlaceholders() && attr(A_SRCDOC) < 0) {
            marker.append(" data-consent-placeholder srcdoc=\"")
                    .append(Entities.escapeAttribute(gate.placeholder(service, categoryId))).append('"');
        }
        insert(tagNameEndRel, marker.toString().getBytes(StandardCharsets.US_ASCII));
        for (int k = 0; k < attrCount; k++) {
            boolean rename = tagCode == T_SCRIPT && nameIs(k, A_TYPE);
            for (byte[] u : urls) {
                rename |= nameIs(k, u);
            }
            if (rename) {
                insert(attrs[k * 4], PREFIX);
            }
        }
        listener.gated(new GatedElement(element, serviceId, categoryId, attribution, evidence, capStartAbs));
    }

    /** Ends an inline script whose text is held: attributes it and writes it out. */
    private void finishInline(int idx, int contentEndRel) throws IOException {
        inlineCapture = false;
        String element = "script";
        if (inlineOverflow || !capturing || contentEndRel - inlineTagEndRel > gate.inlineScriptLimit()) {
            dropCapture();
            inlineOverflow = false;
            gate.warnInlineTooLong();
            listener.unchecked(element, capStartAbs, "inline script longer than " + gate.inlineScriptLimit()
                    + " bytes");
            return;
        }
        consolidate(idx);
        byte[] a = capArray();
        int base = capBase();
        List<InlineMatcher.Hit> hits = gate.inline().scan(a, base + inlineTagEndRel, base + contentEndRel);
        insCount = 0;
        tagCode = T_SCRIPT;
        for (InlineMatcher.Hit hit : hits) {
            Service s = hit.service();
            if (!gate.required(s.category()) && !policy.allowsService(s.id())) {
                gate(element, inlineSvg ? SVG_SCRIPT_URLS : SCRIPT_URLS, s.id(), s.category(), hit.attribution(),
                        hit.evidence(), s);
                break;
            }
        }
        finishCapture(idx);
    }

    private boolean executable() {
        int t = attr(A_TYPE);
        String type;
        if (t >= 0) {
            type = value(t);
        } else {
            int l = attr(A_LANGUAGE);
            if (l < 0) {
                return true;
            }
            String language = value(l);
            if (language.isEmpty()) {
                return true;
            }
            type = "text/" + language;
        }
        return javaScriptType(type);
    }

    private boolean loadingLink() {
        int r = attr(A_REL);
        if (r < 0) {
            return false;
        }
        String rel = value(r).toLowerCase(Locale.ROOT);
        int i = 0;
        int n = rel.length();
        while (i < n) {
            while (i < n && rel.charAt(i) <= ' ') {
                i++;
            }
            int start = i;
            while (i < n && rel.charAt(i) > ' ') {
                i++;
            }
            switch (rel.substring(start, i)) {
                case "stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
                     "prerender", "icon" -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    private void readBase() {
        int h = attr(A_HREF);
        if (h < 0) {
            return;
        }
        baseSeen = true;
        String host = Urls.host(value(h), null);
        if (host != null) {
            baseHost = host;
        }
    }

    private void readMetaCharset() {
        String label = null;
        int c = attr(A_CHARSET);
        if (c >= 0) {
            label = value(c);
        } else {
            int he = attr(A_HTTP_EQUIV);
            int co = attr(A_CONTENT);
            if (he >= 0 && co >= 0 && value(he).trim().equalsIgnoreCase("content-type")) {
                label = Charsets.charsetParameter(value(co));
            }
        }
        if (label != null) {
            Charset cs = Charsets.forLabel(label);
            if (cs != null) {
                charset = cs;
                sniffCharset = false;
            }
        }
    }

    // ---------------------------------------------------------------- attributes of the captured tag

    /** Index of the first attribute with this (lower-case) name, or -1. */
    private int attr(byte[] lowerName) {
        for (int k = 0; k < attrCount; k++) {
            if (nameIs(k, lowerName)) {
                return k;
            }
        }
        return -1;
    }

    private boolean nameIs(int k, byte[] lowerName) {
        int s = attrs[k * 4];
        int e = attrs[k * 4 + 1];
        if (e - s != lowerName.length) {
            return false;
        }
        byte[] a = capArray();
        int base = capBase();
        for (int j = 0; j < lowerName.length; j++) {
            if (lower(a[base + s + j]) != lowerName[j]) {
                return false;
            }
        }
        return true;
    }

    /** The attribute's value, decoded from the charset and its character references; "" when absent. */
    private String value(int k) {
        int s = attrs[k * 4 + 2];
        int e = attrs[k * 4 + 3];
        if (s < 0 || e < s) {
            return "";
        }
        byte[] a = capArray();
        int base = capBase();
        boolean ascii = true;
        for (int j = base + s; j < base + e; j++) {
            if (a[j] < 0) {
                ascii = false;
                break;
            }
        }
        String raw = new String(a, base + s, e - s, ascii ? StandardCharsets.ISO_8859_1 : charset);
        return Entities.decodeAttribute(raw);
    }

    // ---------------------------------------------------------------- bytes

    private static int classify(byte[] n, int len) {
        int letter = n[0] - 'a';
        if (len < 3 || len > 9 || letter < 0 || letter >= 26) {
            return T_OTHER;
        }
        for (int code : BY_FIRST_LETTER[letter]) {
            byte[] t = TAG_NAMES[code];
            if (t.length == len && Arrays.equals(t, 0, len, n, 0, len)) {
                return code;
            }
        }
        return T_OTHER;
    }

    private static int[][] byFirstLetter() {
        int[][] table = new int[26][];
        for (int letter = 0; letter < 26; letter++) {
            int count = 0;
            int[] codes = new int[TAG_NAMES.length];
            for (int code = 1; code < TAG_NAMES.length; code++) {
                if (TAG_NAMES[code][0] == 'a' + letter) {
                    codes[count++] = code;
                }
            }
            table[letter] = Arrays.copyOf(codes, count);
        }
        return table;
    }

    private static boolean[] table(String bytes) {
        boolean[] t = new boolean[256];
        for (char c : bytes.toCharArray()) {
            t[c] = true;
        }
        return t;
    }

    /**
     * Whether a script of this type runs: empty, {@code module}, or a JavaScript MIME type (WHATWG
     * HTML "JavaScript MIME type essence match"). Parameters are ignored, so a script that a browser
     * might refuse for them is still treated as running.
     */
    static boolean javaScriptType(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        if (semi >= 0) {
            t = t.substring(0, semi).strip();
        }
        return switch (t) {
            case "", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
                 "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
                 "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
                 "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
                 "text/x-javascript" -> true;
            default -> false;
        };
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    }

    private static boolean isAlpha(byte c) {
        int l = c | 0x20;
        return l >= 'a' && l <= 'z';
    }

    private static byte lower(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c | 0x20) : c;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = ascii(names[i]);
        }
        return out;
    }
}
