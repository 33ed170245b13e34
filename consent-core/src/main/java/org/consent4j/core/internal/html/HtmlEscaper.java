package org.consent4j.core.internal.html;

/**
 * The one HTML escaper of consent4j, for every page, attribute and placeholder the project writes.
 *
 * <p>Not API: see the package documentation.
 */
public final class HtmlEscaper {

    private HtmlEscaper() {
    }

    /**
     * Escapes text for an HTML element body or a single- or double-quoted attribute value: {@code &},
     * {@code <}, {@code >}, {@code "} and {@code '} become references, NUL the replacement character.
     */
    public static String escape(String text) {
        return escape(new StringBuilder(text.length() + 16), text).toString();
    }

    /** Appends {@code text} escaped as {@link #escape(String)} does; returns {@code sb}. */
    public static StringBuilder escape(StringBuilder sb, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\0' -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
        return sb;
    }

    /**
     * Escapes a value for a double-quoted attribute written into a page whose charset is not known:
     * besides what {@link #escape(String)} escapes, control characters (other than tab and line feed)
     * and every character beyond ASCII become numeric references, so the result reads the same in any
     * ASCII-compatible charset.
     */
    public static String escapeAsciiAttribute(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (cp < 0x20 && cp != '\t' && cp != '\n' || cp >= 0x7F) {
                        sb.append("&#").append(cp).append(';');
                    } else {
                        sb.append((char) cp);
                    }
                }
            }
        }
        return sb.toString();
    }
}
