package org.consent4j.html;

import static org.consent4j.html.Tags.MAX_NAME;
import static org.consent4j.html.Tags.T_OTHER;
import static org.consent4j.html.Tags.T_SCRIPT;
import static org.consent4j.html.Tags.isAlpha;
import static org.consent4j.html.Tags.isWhitespace;
import static org.consent4j.html.Tags.lower;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The tokenizer: a state machine over raw bytes that follows the WHATWG HTML tokenizer for everything
 * that decides where a tag starts and ends: data, tags and their attributes (double-, single- and
 * unquoted), comments (including the abrupt {@code <!-->} forms), {@code <!DOCTYPE>} and bogus
 * comments, RAWTEXT and RCDATA elements, script data with its escaped and double-escaped states,
 * {@code <plaintext>}, and CDATA sections in foreign content. Its state survives between chunks, so
 * what it reports does not depend on how the input is split.
 *
 * <p>It holds the current tag token (end tag or not, its lower-case name and code, self-closing) and
 * reports positions to its {@link Handler}; the handler decides what follows a start tag (tree
 * construction) by setting the state. Not thread-safe.
 */
final class Tokenizer {

    /** What the tokenizer reports, by index into the current chunk. */
    interface Handler {

        /** Whether {@link #text} should be called for the first non-whitespace text of the data state. */
        boolean watchesText();

        /** Text that is not whitespace starts at {@code i}. */
        void text(int i) throws IOException;

        /** A {@code <} in the data state, which may start a tag. */
        void lessThan(int i) throws IOException;

        /** The {@code <} began no tag: {@code asText} when it is text, else a comment or declaration. */
        void notTag(boolean asText) throws IOException;

        /** The tag name is complete; it ends before {@code i}. */
        void nameDone(int i) throws IOException;

        void attrStart(int i) throws IOException;

        void attrNameEnd(int i) throws IOException;

        void valueStart(int i);

        void valueEnd(int i);

        /**
         * The {@code >} at {@code i} ends the current tag. Sets the state that follows it with
         * {@link #state(int)} and returns the index after the tag.
         */
        int tagEnd(int i) throws IOException;

        /** Whether the tree is in foreign content, where CDATA sections exist. */
        boolean inForeignContent();

        /** A {@code <} in script data or raw text that may start the element's end tag. */
        void endTagLessThan(int i);

        /** The end tag of a raw text or script element is complete at {@code i}. */
        void appropriateEndTag(int i, boolean script) throws IOException;
    }

    // States.
    static final int START = 0;
    static final int DATA = 1;
    private static final int TAG_OPEN = 2;
    private static final int END_TAG_OPEN = 3;
    private static final int TAG_NAME = 4;
    static final int BEFORE_ATTR_NAME = 5;
    private static final int ATTR_NAME = 6;
    private static final int AFTER_ATTR_NAME = 7;
    private static final int BEFORE_ATTR_VALUE = 8;
    private static final int ATTR_VALUE_DQ = 9;
    private static final int ATTR_VALUE_SQ = 10;
    private static final int ATTR_VALUE_UQ = 11;
    private static final int AFTER_ATTR_VALUE = 12;
    static final int SELF_CLOSING = 13;
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
    static final int RAW = 25;
    private static final int RAW_LT = 26;
    private static final int RAW_END_OPEN = 27;
    private static final int RAW_END_NAME = 28;
    static final int SCRIPT = 29;
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
    static final int PASSTHROUGH = 47;

    /** Bytes that end a tag name: whitespace, {@code /} and {@code >}. */
    private static final boolean[] TAG_NAME_END = Tags.table(" \t\n\r\f/>");
    /** Bytes that end an attribute name: whitespace, {@code =}, {@code /} and {@code >}. */
    private static final boolean[] ATTR_NAME_END = Tags.table(" \t\n\r\f=/>");
    /** Bytes that end an unquoted attribute value: whitespace and {@code >}. */
    private static final boolean[] UNQUOTED_END = Tags.table(" \t\n\r\f>");
    private static final byte[] SCRIPT_NAME = Tags.TAG_NAMES[T_SCRIPT];
    private static final byte[] CDATA_OPEN = "[CDATA[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOSCRIPT_END = "</noscript".getBytes(StandardCharsets.US_ASCII);

    private final Handler handler;
    private int state = START;

    // The current tag token.
    private boolean endTag;
    private final byte[] name = new byte[MAX_NAME];
    private int nameLen;
    private int tagCode;
    private boolean selfClosing;

    private int rawCode;
    private int endMatch;
    private int declMatched;
    private boolean declCdata;
    /** Whether an HTML {@code <noscript>} is open, and how much of {@code </noscript} was just read. */
    private boolean noscript;
    private int noscriptMatch;

    Tokenizer(Handler handler) {
        this.handler = handler;
    }

    int state() {
        return state;
    }

    /** Sets the state: what follows a tag ({@link #DATA}, {@link #SCRIPT}, {@link #PASSTHROUGH}). */
    void state(int state) {
        this.state = state;
    }

    /** Switches to the RAWTEXT or RCDATA content of the element with this code. */
    void rawText(int code) {
        this.rawCode = code;
        this.state = RAW;
    }

    /**
     * Opens or closes an HTML {@code <noscript>}. While one is open, comments, raw text and script data
     * also end at {@code </noscript}: a browser that runs scripts reads the element as raw text up to
     * there, so what follows is markup to it however the rest of the content would tokenize.
     */
    void noscript(boolean open) {
        this.noscript = open;
        this.noscriptMatch = 0;
    }

    /** Whether the tokenizer is inside a tag name. */
    boolean inTagName() {
        return state == TAG_NAME;
    }

    /** Whether the tokenizer is inside an attribute name. */
    boolean inAttributeName() {
        return state == ATTR_NAME;
    }

    boolean endTag() {
        return endTag;
    }

    int tagCode() {
        return tagCode;
    }

    boolean selfClosing() {
        return selfClosing;
    }

    /** The current tag's lower-case name; a name too long to keep gets a {@code #length} suffix. */
    String nameString() {
        int n = Math.min(nameLen, MAX_NAME);
        String s = new String(name, 0, n, StandardCharsets.ISO_8859_1);
        return nameLen > MAX_NAME ? s + "#" + nameLen : s;
    }

    /** Tokenizes {@code b[off, end)}. */
    void run(byte[] b, int off, int end) throws IOException {
        int i = off;
        while (i < end) {
            switch (state) {
                case DATA -> i = data(b, i, end);
                case TAG_OPEN, END_TAG_OPEN -> i = tagOpen(b, i);
                case TAG_NAME -> i = tagName(b, i, end);
                case BEFORE_ATTR_NAME, ATTR_NAME, AFTER_ATTR_NAME, BEFORE_ATTR_VALUE, ATTR_VALUE_DQ, ATTR_VALUE_SQ,
                     ATTR_VALUE_UQ, AFTER_ATTR_VALUE, SELF_CLOSING -> i = attributes(b, i, end);
                case MARKUP_DECL, BOGUS_COMMENT, COMMENT_START, COMMENT_START_DASH, COMMENT, COMMENT_END_DASH,
                     COMMENT_END, COMMENT_END_BANG, CDATA, CDATA_BRACKET, CDATA_END ->
                        i = noscript ? inNoscript(b, i, end) : comment(b, i, end);
                case RAW, RAW_LT, RAW_END_OPEN, RAW_END_NAME -> i = noscript ? inNoscript(b, i, end) : raw(b, i, end);
                case SCRIPT -> i = noscript ? inNoscript(b, i, end) : script(b, i, end);
                case S_LT, S_END_OPEN, S_END_NAME, S_ESC_START, S_ESC_START_DASH, S_ESC, S_ESC_DASH, S_ESC_DASH_DASH,
                     S_ESC_LT, S_ESC_END_OPEN, S_ESC_END_NAME, S_DESC_START, S_DESC, S_DESC_DASH, S_DESC_DASH_DASH,
                     S_DESC_LT, S_DESC_END -> i = noscript ? inNoscript(b, i, end) : scriptMarkup(b, i, end);
                case PASSTHROUGH -> i = end;
                default -> throw new IllegalStateException("tokenizer state " + state);
            }
        }
    }

    private void beginTagName(boolean isEnd) {
        endTag = isEnd;
        nameLen = 0;
        selfClosing = false;
        tagCode = T_OTHER;
    }

    private void nameDone(int i) throws IOException {
        tagCode = nameLen <= MAX_NAME ? Tags.classify(name, nameLen) : T_OTHER;
        handler.nameDone(i);
    }

    /** Data: text up to the next {@code <}; reports the first text when the handler watches for it. */
    private int data(byte[] b, int i, int end) throws IOException {
        if (handler.watchesText()) {
            while (i < end && isWhitespace(b[i])) {
                i++;
            }
            if (i == end) {
                return i;
            }
            if (b[i] != '<') {
                handler.text(i);
            }
        }
        i = ByteScan.indexOf(b, i, end, (byte) '<');
        if (i < end) {
            handler.lessThan(i);
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
                handler.notTag(false);
                i++;
                declMatched = 0;
                state = MARKUP_DECL;
            } else if (c == '?') {
                handler.notTag(false);
                state = BOGUS_COMMENT;
            } else {
                handler.notTag(true);
                state = DATA;
            }
        } else if (isAlpha(c)) {
            beginTagName(true);
            state = TAG_NAME;
        } else if (c == '>') {
            handler.notTag(false);
            i++;
            state = DATA;
        } else {
            handler.notTag(false);
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
            i++;
        }
        if (i == end) {
            return i;
        }
        nameDone(i);
        byte c = b[i];
        if (c == '>') {
            return handler.tagEnd(i);
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
                        return handler.tagEnd(i);
                    } else {
                        handler.attrStart(i);
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
                    handler.attrNameEnd(i);
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
                        return handler.tagEnd(i);
                    } else {
                        handler.attrStart(i);
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
                        handler.valueStart(i);
                        st = ATTR_VALUE_DQ;
                    } else if (c == '\'') {
                        i++;
                        handler.valueStart(i);
                        st = ATTR_VALUE_SQ;
                    } else if (c == '>') {
                        return handler.tagEnd(i);
                    } else {
                        handler.valueStart(i);
                        st = ATTR_VALUE_UQ;
                    }
                }
                case ATTR_VALUE_DQ, ATTR_VALUE_SQ -> {
                    i = ByteScan.indexOf(b, i, end, st == ATTR_VALUE_DQ ? (byte) '"' : (byte) '\'');
                    if (i < end) {
                        handler.valueEnd(i);
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
                    handler.valueEnd(i);
                    if (b[i] == '>') {
                        return handler.tagEnd(i);
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
                        return handler.tagEnd(i);
                    } else {
                        st = BEFORE_ATTR_NAME;
                    }
                }
                case SELF_CLOSING -> {
                    if (b[i] == '>') {
                        selfClosing = true;
                        return handler.tagEnd(i);
                    }
                    st = BEFORE_ATTR_NAME;
                }
                default -> throw new IllegalStateException("attribute state " + st);
            }
        }
        state = st;
        return i;
    }

    private static boolean hidingState(int st) {
        return st >= MARKUP_DECL && st <= CDATA_END || st >= RAW && st <= S_DESC_END;
    }

    /**
     * Comments, raw text and script data inside an open {@code <noscript>}, a byte at a time: each
     * also ends at {@code </noscript} followed by whitespace, {@code /} or {@code >}, which then reads
     * as that end tag. Markup a browser without scripting would hide in a comment is thereby read too.
     */
    private int inNoscript(byte[] b, int i, int end) throws IOException {
        int fed = i - 1;
        while (i < end && hidingState(state)) {
            byte c = b[i];
            if (i == fed) {
                i = step(b, i);
                continue;
            }
            fed = i;
            if (noscriptMatch == NOSCRIPT_END.length) {
                noscriptMatch = 0;
                if (c == '>' || c == '/' || isWhitespace(c)) {
                    if (state >= RAW) {
                        handler.appropriateEndTag(i, state >= SCRIPT);
                    }
                    beginTagName(true);
                    nameLen = NOSCRIPT_END.length - 2;
                    System.arraycopy(NOSCRIPT_END, 2, name, 0, nameLen);
                    state = TAG_NAME;
                    return i;
                }
            }
            if (c == '<') {
                noscriptMatch = 1;
                if (state >= RAW) {
                    handler.endTagLessThan(i);
                }
            } else {
                noscriptMatch = noscriptMatch > 0 && lower(c) == NOSCRIPT_END[noscriptMatch] ? noscriptMatch + 1 : 0;
            }
            i = step(b, i);
        }
        if (!hidingState(state)) {
            noscriptMatch = 0;
        }
        return i;
    }

    /** Runs the current hiding state on the byte at {@code i}; returns where to go on. */
    private int step(byte[] b, int i) throws IOException {
        int st = state;
        int next;
        if (st <= CDATA_END) {
            next = comment(b, i, i + 1);
        } else if (st <= RAW_END_NAME) {
            next = raw(b, i, i + 1);
        } else if (st == SCRIPT) {
            next = script(b, i, i + 1);
        } else {
            next = scriptMarkup(b, i, i + 1);
        }
        return next == i && state == st ? i + 1 : next;
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
                        } else if (c == '[' && handler.inForeignContent()) {
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
                        handler.endTagLessThan(i);
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
                    int j = endTagName(b, i, end, Tags.TAG_NAMES[rawCode]);
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
        handler.appropriateEndTag(i, state != RAW_END_NAME);
        endTag = true;
        tagCode = state == RAW_END_NAME ? rawCode : T_SCRIPT;
        nameLen = want.length;
        System.arraycopy(want, 0, name, 0, want.length);
        if (c == '>') {
            return handler.tagEnd(i);
        }
        state = c == '/' ? SELF_CLOSING : BEFORE_ATTR_NAME;
        return i + 1;
    }

    /** Script data: text up to the next {@code <}. */
    private int script(byte[] b, int i, int end) {
        i = ByteScan.indexOf(b, i, end, (byte) '<');
        if (i < end) {
            handler.endTagLessThan(i);
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
                            handler.endTagLessThan(i);
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
                        handler.endTagLessThan(i);
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
}
