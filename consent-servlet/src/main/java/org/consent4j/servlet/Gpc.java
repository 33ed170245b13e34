package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Reads Global Privacy Control from a request as the W3C GPC specification says (§ "The Sec-GPC
 * Header Field for HTTP Requests"): a {@code Sec-GPC} header counts only when its value is exactly
 * {@code 1}; of several such headers, one that is exactly {@code 1} is enough. Any other value is
 * ignored, as if the header were absent. Header names are case-insensitive; the value is compared
 * after the container strips optional white space around it.
 */
final class Gpc {

    static final String HEADER = "Sec-GPC";

    private Gpc() {
    }

    static boolean read(HttpServletRequest request) {
        String first = request.getHeader(HEADER);
        if (first == null) {
            return false;
        }
        if (first.equals("1")) {
            return true;
        }
        Enumeration<String> values = request.getHeaders(HEADER);
        if (values == null) {
            return false;
        }
        while (values.hasMoreElements()) {
            if ("1".equals(values.nextElement())) {
                return true;
            }
        }
        return false;
    }
}
