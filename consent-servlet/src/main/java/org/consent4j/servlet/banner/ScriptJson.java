package org.consent4j.servlet.banner;

/**
 * Makes JSON safe to embed in an HTML {@code <script>} element: {@code <}, {@code >}, {@code &} and
 * every character beyond ASCII (among them the JavaScript line separators) become {@code \}{@code uXXXX}
 * escapes. In valid JSON these characters can only stand inside strings, where the escapes mean the
 * same, so the JSON value is unchanged; in any input, {@code </script>} and {@code <!--} can no longer
 * appear, and the result is ASCII, so it reads the same in any ASCII-compatible page charset.
 */
final class ScriptJson {

    private ScriptJson() {
    }

    static String escape(String json) {
        StringBuilder sb = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            String replacement = switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                default -> c > 0x7e ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : null;
            };
            if (replacement != null) {
                if (sb == null) {
                    sb = new StringBuilder(json.length() + 32).append(json, 0, i);
                }
                sb.append(replacement);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? json : sb.toString();
    }
}
