package org.consent4j.testkit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.consent4j.core.jurisdiction.Jurisdiction;

/**
 * The request headers a CDN adds to say where a visitor is, so a site that reads them (consent4j's
 * filter among others) resolves the audited jurisdiction: CloudFront's {@code CloudFront-Viewer-Country}
 * and {@code CloudFront-Viewer-Country-Region}, Cloudflare's {@code CF-IPCountry} and
 * {@code CF-Region-Code} (the "visitor location headers" managed transform).
 */
final class LocationHeaders {

    private LocationHeaders() {
    }

    /** The headers for {@code FR} or {@code US-CA}; none for {@code default} or an empty location. */
    static Map<String, String> of(String location) {
        Map<String, String> headers = new LinkedHashMap<>();
        String code = location.trim().toUpperCase(Locale.ROOT);
        if (code.isEmpty() || code.equalsIgnoreCase(Jurisdiction.DEFAULT_CODE)) {
            return headers;
        }
        int dash = code.indexOf('-');
        String country = dash < 0 ? code : code.substring(0, dash);
        headers.put("CloudFront-Viewer-Country", country);
        headers.put("CF-IPCountry", country);
        if (dash > 0) {
            String region = code.substring(dash + 1);
            headers.put("CloudFront-Viewer-Country-Region", region);
            headers.put("CF-Region-Code", region);
        }
        return headers;
    }
}
