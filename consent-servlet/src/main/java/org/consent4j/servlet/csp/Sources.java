package org.consent4j.servlet.csp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The directives the consent policy writes, and the checks on the sources a site adds to them. A
 * source that would open a directive to every host ({@code *}, {@code https:}, {@code 'strict-dynamic'})
 * is refused: it would let any tracker through whatever the visitor chose.
 */
final class Sources {

    /** The fetch directives the policy writes, in the order it writes them. */
    static final List<String> DIRECTIVES = List.of("script-src", "style-src", "img-src", "font-src", "connect-src",
            "frame-src", "media-src");

    private static final Set<String> KEYWORDS = Set.of("'self'", "'unsafe-inline'", "'unsafe-eval'",
            "'wasm-unsafe-eval'", "'unsafe-hashes'", "'report-sample'");
    private static final Set<String> SCHEMES = Set.of("data:", "blob:", "mediastream:", "filesystem:");
    private static final Pattern HASH = Pattern.compile("'sha(256|384|512)-[A-Za-z0-9+/_-]+={0,2}'");
    private static final Pattern HOST_SOURCE = Pattern.compile(
            "((https?|wss?)://)?(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:([0-9]{1,5}|\\*))?"
                    + "(/[A-Za-z0-9._~!$&'()*+=:@%/-]*)?");

    private Sources() {
    }

    /**
     * Parses sources in CSP syntax, {@code script-src https://cdn.example.com; img-src data:}: one or
     * more directives separated by {@code ;}, each with its sources.
     *
     * @throws IllegalArgumentException naming the directive or source that is not allowed, and why
     */
    static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String[] tokens = part.trim().split("\\s+");
            if (tokens.length == 0 || tokens[0].isEmpty()) {
                continue;
            }
            String directive = directive(tokens[0]);
            List<String> list = new ArrayList<>(result.getOrDefault(directive, List.of()));
            for (int i = 1; i < tokens.length; i++) {
                list.add(source(directive, tokens[i]));
            }
            if (list.isEmpty()) {
                throw new IllegalArgumentException("'" + directive + "' lists no source: write e.g. '" + directive
                        + " https://cdn.example.com'");
            }
            result.put(directive, List.copyOf(new LinkedHashSet<>(list)));
        }
        return result;
    }

    /**
     * A directive name the policy writes, lower case.
     *
     * @throws IllegalArgumentException for any other
     */
    static String directive(String name) {
        String d = name.trim().toLowerCase(Locale.ROOT);
        if (!DIRECTIVES.contains(d)) {
            throw new IllegalArgumentException("'" + name + "' is not a directive the consent policy writes; use one of "
                    + DIRECTIVES + " (other directives belong in the application's own policy)");
        }
        return d;
    }

    /**
     * A source a site may add, as written (scheme and host lower-cased).
     *
     * @throws IllegalArgumentException for a source that opens the directive to every host, a nonce, or
     *                                  one that is not a CSP source expression
     */
    static String source(String directive, String source) {
        String s = source.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty source in " + directive);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ';' || c == ',') {
                throw new IllegalArgumentException("source '" + printable(s) + "' in " + directive
                        + " has a space, control, non-ASCII, ';' or ',' character");
            }
        }
        if (lower.equals("*")) {
            throw new IllegalArgumentException("source '*' in " + directive + " would allow every host, whatever the "
                    + "visitor chose; list the hosts instead");
        }
        if (lower.equals("'strict-dynamic'")) {
            throw new IllegalArgumentException("'strict-dynamic' in " + directive + " would let any script a trusted "
                    + "script loads run from any host, whatever the visitor chose; list the hosts instead");
        }
        if (lower.equals("'none'")) {
            throw new IllegalArgumentException("'none' in " + directive + " cannot be combined with the sources the "
                    + "consent policy lists; put it in the application's own policy, which is enforced as well");
        }
        if (lower.startsWith("'nonce-")) {
            throw new IllegalArgumentException("a nonce in " + directive + " must change with every response; the "
                    + "policy adds the request's nonce itself (CspNonce.of(request)), or the application's own with "
                    + "CspConfig.Builder.nonceAttribute");
        }
        if (KEYWORDS.contains(lower)) {
            return lower;
        }
        if (HASH.matcher(s).matches()) {
            return s;
        }
        if (lower.endsWith(":") && lower.indexOf(':') == lower.length() - 1) {
            if (SCHEMES.contains(lower)) {
                return lower;
            }
            throw new IllegalArgumentException("scheme source '" + s + "' in " + directive + (lower.matches("(https?|wss?):")
                    ? " would allow every host, whatever the visitor chose; list the hosts instead"
                    : " is not one the consent policy accepts; use data:, blob:, mediastream: or filesystem:"));
        }
        if (lower.startsWith("'")) {
            throw new IllegalArgumentException("keyword " + s + " in " + directive + " is not one the consent policy "
                    + "accepts; use 'self', 'unsafe-inline', 'unsafe-eval', 'wasm-unsafe-eval', 'unsafe-hashes', "
                    + "'report-sample' or a 'sha256-…' hash");
        }
        int pathStart = pathStart(s);
        String hostPart = s.substring(0, pathStart).toLowerCase(Locale.ROOT);
        String normal = hostPart + s.substring(pathStart);
        if (!HOST_SOURCE.matcher(normal).matches()) {
            throw new IllegalArgumentException("source '" + printable(s) + "' in " + directive + " is not a host source "
                    + "such as cdn.example.com, *.example.com, https://cdn.example.com:8443 or cdn.example.com/js/");
        }
        return normal;
    }

    private static int pathStart(String s) {
        int scheme = s.indexOf("://");
        int slash = s.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        return slash < 0 ? s.length() : slash;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 100); i++) {
            char c = s.charAt(i);
            sb.append(c < ' ' || c >= 0x7f ? '?' : c);
        }
        return sb.toString();
    }

    /**
     * The source expressions for a catalogued host, which also covers its subdomains:
     * {@code segmetrics.com} gives {@code segmetrics.com *.segmetrics.com}. A host with a path
     * ({@code www.google.com/recaptcha/}) keeps it on both.
     */
    static void appendHost(StringBuilder sb, String host) {
        int slash = host.indexOf('/');
        String name = slash < 0 ? host : host.substring(0, slash);
        String path = slash < 0 ? "" : host.substring(slash);
        sb.append(' ').append(name).append(path).append(" *.").append(name).append(path);
    }
}
