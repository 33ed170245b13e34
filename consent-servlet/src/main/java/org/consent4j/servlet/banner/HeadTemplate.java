package org.consent4j.servlet.banner;

/**
 * The head markup of one visitor state, rendered once: whole for pages without a CSP nonce, and in
 * pieces around the nonce attribute for pages with one, so a request only joins strings.
 */
final class HeadTemplate {

    /** A nonce that matches the accepted syntax and never occurs in rendered markup by chance. */
    static final String SENTINEL = "c4jNonceSentinel0b5e7a";
    private static final String SENTINEL_ATTR = " nonce=\"" + SENTINEL + "\"";

    private final String plain;
    private final String[] parts;
    private final int partsLength;

    /**
     * @param plain        the markup without a nonce
     * @param withSentinel the same markup rendered with {@link #SENTINEL} as the nonce
     */
    HeadTemplate(String plain, String withSentinel) {
        this.plain = plain;
        this.parts = withSentinel.split(SENTINEL_ATTR, -1);
        int n = 0;
        for (String p : parts) {
            n += p.length();
        }
        this.partsLength = n;
    }

    /** The markup, with {@code nonce} on every script element when it is a valid nonce. */
    String with(String nonce) {
        if (nonce.isEmpty() || !validNonce(nonce) || parts.length == 1) {
            return plain;
        }
        StringBuilder sb = new StringBuilder(partsLength + (parts.length - 1) * (nonce.length() + 9));
        sb.append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(" nonce=\"").append(nonce).append('"').append(parts[i]);
        }
        return sb.toString();
    }

    /** Base64 or base64url characters, 1 to 256 of them: nothing to escape in an attribute. */
    static boolean validNonce(String nonce) {
        int n = nonce.length();
        if (n == 0 || n > 256) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = nonce.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
