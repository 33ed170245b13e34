package org.consent4j.html;

import java.util.Set;

/**
 * The open elements inside inline {@code <svg>} and {@code <math>}, just enough to know when the
 * tokenizer is in foreign content: there {@code <style>}, {@code <title>}, {@code <textarea>} and
 * {@code <iframe>} hold markup rather than text, and {@code <![CDATA[} sections exist. HTML
 * integration points ({@code foreignObject}, {@code desc}, {@code title}; MathML text integration
 * points) hold HTML again, and the HTML "breakout" start tags ({@code <img>}, {@code <div>},
 * {@code <p>} ...) leave foreign content, as the HTML tree builder does. Implied end tags of the HTML
 * inside integration points are not modelled; an end tag pops to the nearest open element of its
 * name. Depth is bounded.
 */
final class ForeignContent {

    private static final byte HTML = 0;
    private static final byte SVG = 1;
    private static final byte MATH = 2;
    private static final int MAX_DEPTH = 1024;

    /** Start tags that end foreign content (WHATWG HTML, "in foreign content" insertion mode). */
    private static final Set<String> BREAKOUT = Set.of("b", "big", "blockquote", "body", "br", "center", "code",
            "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img",
            "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
            "strike", "sub", "sup", "table", "tt", "u", "ul", "var");

    /** HTML elements that never have content (and are therefore never pushed). */
    private static final Set<String> VOID = Set.of("area", "base", "basefont", "bgsound", "br", "col", "embed",
            "frame", "hr", "image", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr");

    private String[] names = new String[16];
    /** Namespace of each open element: HTML, SVG or MATH. */
    private byte[] spaces = new byte[16];
    /** Whether each open foreign element is an integration point (its children are HTML). */
    private boolean[] integration = new boolean[16];
    private int depth;

    boolean active() {
        return depth > 0;
    }

    /** Whether a start tag here is a foreign element (not HTML). */
    boolean inForeign() {
        return depth > 0 && spaces[depth - 1] != HTML && !integration[depth - 1];
    }

    /** Whether the current foreign element is in the SVG namespace. */
    boolean inSvg() {
        return depth > 0 && spaces[depth - 1] == SVG;
    }

    static boolean breaksOut(String name) {
        return BREAKOUT.contains(name);
    }

    /** Leaves foreign content for a breakout start tag: pops every foreign element above the HTML. */
    void breakOut() {
        while (inForeign()) {
            depth--;
        }
    }

    /** An HTML start tag (outside or inside an integration point). */
    void htmlStart(String name, boolean selfClosing) {
        if (name.equals("svg") || name.equals("math")) {
            if (!selfClosing) {
                push(name, name.equals("svg") ? SVG : MATH, false);
            }
        } else if (depth > 0 && !VOID.contains(name)) {
            push(name, HTML, false);
        }
    }

    /** A start tag in foreign content. */
    void foreignStart(String name, boolean selfClosing, boolean htmlAnnotation) {
        if (selfClosing) {
            return;
        }
        byte space = spaces[depth - 1];
        boolean point = space == SVG
                ? name.equals("foreignobject") || name.equals("desc") || name.equals("title")
                : name.equals("mi") || name.equals("mo") || name.equals("mn") || name.equals("ms") || name.equals("mtext")
                || htmlAnnotation; // <annotation-xml encoding="text/html"> (or XHTML) holds HTML
        push(name, space, point);
    }

    /** Whether an element of this name is open in the elements tracked here. */
    boolean isOpen(String name) {
        for (int d = depth - 1; d >= 0; d--) {
            if (names[d].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Closes everything tracked here (an end tag of an element opened before them). */
    void reset() {
        depth = 0;
    }

    /** An end tag: pops to the nearest open element of that name, if any. */
    void end(String name) {
        for (int d = depth - 1; d >= 0; d--) {
            if (names[d].equals(name)) {
                depth = d;
                return;
            }
        }
    }

    private void push(String name, byte space, boolean point) {
        if (depth == MAX_DEPTH) {
            return;
        }
        if (depth == names.length) {
            names = java.util.Arrays.copyOf(names, depth * 2);
            spaces = java.util.Arrays.copyOf(spaces, depth * 2);
            integration = java.util.Arrays.copyOf(integration, depth * 2);
        }
        names[depth] = name;
        spaces[depth] = space;
        integration[depth] = point;
        depth++;
    }
}
