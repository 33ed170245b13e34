package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A cursor over the cookies in the request's {@code Cookie} header(s), read straight from the header
 * text, so the filter does not make the container build a {@link jakarta.servlet.http.Cookie} for
 * every cookie of every request. Pairs are separated by {@code ;}; white space around names and values
 * is dropped; a pair without {@code =} or without a name is skipped (RFC 6265 §4.2.1, §5.4). Values
 * are returned as sent, quotes included. Not thread-safe; one per use.
 */
final class RequestCookies {

    private final Enumeration<String> headers;
    private String header = "";
    private int position;
    private int nameStart;
    private int nameEnd;
    private int valueStart;
    private int valueEnd;

    private RequestCookies(Enumeration<String> headers) {
        this.headers = headers;
    }

    static RequestCookies of(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        return new RequestCookies(headers == null ? Collections.emptyEnumeration() : headers);
    }

    /** Moves to the next cookie; false when there is none. */
    boolean next() {
        while (true) {
            int n = header.length();
            while (position < n) {
                int end = header.indexOf(';', position);
                if (end < 0) {
                    end = n;
                }
                int eq = header.indexOf('=', position);
                int start = position;
                position = end + 1;
                if (eq >= 0 && eq < end) {
                    nameStart = skipSpace(start, eq);
                    nameEnd = trimEnd(nameStart, eq);
                    valueStart = skipSpace(eq + 1, end);
                    valueEnd = trimEnd(valueStart, end);
                    if (nameEnd > nameStart) {
                        return true;
                    }
                }
            }
            if (!headers.hasMoreElements()) {
                return false;
            }
            String h = headers.nextElement();
            header = h == null ? "" : h;
            position = 0;
        }
    }

    /** Whether the current cookie is called exactly {@code name}. */
    boolean nameIs(String name) {
        return nameEnd - nameStart == name.length() && header.startsWith(name, nameStart);
    }

    String name() {
        return header.substring(nameStart, nameEnd);
    }

    String value() {
        return header.substring(valueStart, valueEnd);
    }

    private int skipSpace(int from, int to) {
        int i = from;
        while (i < to && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private int trimEnd(int from, int to) {
        int e = to;
        while (e > from && (header.charAt(e - 1) == ' ' || header.charAt(e - 1) == '\t')) {
            e--;
        }
        return e;
    }
}
