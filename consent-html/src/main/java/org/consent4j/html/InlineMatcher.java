package org.consent4j.html;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Service;

/**
 * Attributes the text of an inline script to services: by the catalog hosts it names
 * ({@code 'https://connect.facebook.net/en_US/fbevents.js'}) and by the loader calls vendors publish
 * in their snippets ({@code gtag(}, {@code fbq(}, {@code _hjSettings} ...). A loader call counts only
 * when the catalog knows one of the hosts its vendor loads from, so the catalog stays the single
 * source of which services exist. Immutable and thread-safe.
 */
final class InlineMatcher {

    /** One attribution: where in the text, to which service, and the evidence. */
    record Hit(int position, Service service, GatedElement.Attribution attribution, String evidence) {
    }

    /** A loader call from a vendor's published snippet and the hosts that vendor loads from. */
    private record Signature(byte[] text, boolean identifierStart, Service service, String label) {
    }

    /**
     * The loader calls, each with the hosts of the vendor's loader, most specific first. Sources are
     * the vendors' installation guides.
     */
    private static final String[][] SIGNATURES = {
            // Google tag (gtag.js): https://developers.google.com/tag-platform/gtagjs/install
            {"gtag(", "www.googletagmanager.com", "googletagmanager.com"},
            // Google Tag Manager container: https://developers.google.com/tag-platform/tag-manager/web
            {"gtm.start", "www.googletagmanager.com", "googletagmanager.com"},
            // Universal Analytics (analytics.js):
            // https://developers.google.com/analytics/devguides/collection/analyticsjs
            {"GoogleAnalyticsObject", "www.google-analytics.com", "google-analytics.com"},
            {"ga('create'", "www.google-analytics.com", "google-analytics.com"},
            {"ga(\"create\"", "www.google-analytics.com", "google-analytics.com"},
            {"ga('send'", "www.google-analytics.com", "google-analytics.com"},
            {"ga(\"send\"", "www.google-analytics.com", "google-analytics.com"},
            // Legacy ga.js asynchronous snippet
            {"_gaq.push(", "ssl.google-analytics.com", "google-analytics.com"},
            // Meta Pixel base code: https://developers.facebook.com/docs/meta-pixel/get-started
            {"fbq(", "connect.facebook.net", "facebook.net", "facebook.com"},
            // Segment Analytics.js snippet:
            // https://segment.com/docs/connections/sources/catalog/libraries/website/javascript/quickstart/
            {"analytics.load(", "cdn.segment.com", "segment.com", "segment.io"},
            // Hotjar tracking code: https://help.hotjar.com/hc/en-us/articles/115009336727
            {"_hjSettings", "static.hotjar.com", "hotjar.com"},
            // LinkedIn Insight Tag: https://www.linkedin.com/help/lms/answer/a418880
            {"_linkedin_partner_id", "snap.licdn.com", "licdn.com", "px.ads.linkedin.com"},
            {"lintrk(", "snap.licdn.com", "licdn.com", "px.ads.linkedin.com"},
            // TikTok Pixel base code: https://ads.tiktok.com/help/article/get-started-pixel
            {"TiktokAnalyticsObject", "analytics.tiktok.com", "tiktok.com"},
            {"ttq.load(", "analytics.tiktok.com", "tiktok.com"},
            // HubSpot tracking code API: https://developers.hubspot.com/docs/api/events/tracking-code
            {"_hsq", "js.hs-scripts.com", "js.hs-analytics.net", "hs-analytics.net", "track.hubspot.com"},
    };

    private final Catalog catalog;
    private final Signature[] signatures;
    /**
     * Every loader call contains one of these anchor bytes. The text is searched for anchors eight bytes
     * at a time, and only there are the calls compared.
     */
    private static final byte[] ANCHORS = {'(', '.', '_', 'O'};
    /** For each anchor (index in {@link #ANCHORS}): the signatures holding it, and where. */
    private final int[][] anchored = new int[ANCHORS.length][];
    private final int[][] anchorOffsets = new int[ANCHORS.length][];
    /** The last labels of every catalog host (e.g. {@code com}, {@code net}): a cheap pre-filter. */
    private final byte[][] lastLabels;

    InlineMatcher(Catalog catalog) {
        this.catalog = catalog;
        List<Signature> list = new ArrayList<>();
        for (String[] s : SIGNATURES) {
            for (int i = 1; i < s.length; i++) {
                Optional<Service> service = catalog.serviceForHost(s[i]);
                if (service.isPresent()) {
                    char first = s[0].charAt(0);
                    list.add(new Signature(s[0].getBytes(StandardCharsets.US_ASCII), isIdentifier(first),
                            service.get(), s[0]));
                    break;
                }
            }
        }
        this.signatures = list.toArray(Signature[]::new);
        for (int a = 0; a < ANCHORS.length; a++) {
            List<int[]> at = new ArrayList<>();
            for (int k = 0; k < signatures.length; k++) {
                byte[] t = signatures[k].text();
                for (int j = 0; j < t.length; j++) {
                    if (t[j] == ANCHORS[a] && firstAnchor(t) == j) {
                        at.add(new int[] {k, j});
                    }
                }
            }
            anchored[a] = at.stream().mapToInt(x -> x[0]).toArray();
            anchorOffsets[a] = at.stream().mapToInt(x -> x[1]).toArray();
        }
        Set<String> labels = new LinkedHashSet<>();
        for (Service service : catalog.services()) {
            for (String entry : service.hosts()) {
                String host = entry.indexOf('/') < 0 ? entry : entry.substring(0, entry.indexOf('/'));
                labels.add(host.substring(host.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
            }
        }
        this.lastLabels = labels.stream().map(l -> l.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    }

    /** Every attribution in {@code b[from, to)}, in text order. */
    List<Hit> scan(byte[] b, int from, int to) {
        List<Hit> hits = new ArrayList<>(4);
        scanHosts(b, from, to, hits);
        scanSignatures(b, from, to, hits);
        if (hits.size() > 1) {
            hits.sort(Comparator.comparingInt(Hit::position));
        }
        return hits;
    }

    /**
     * Finds host names by their last label: at each dot, reads the label after it; when that label is
     * the last of its token and the last label of some catalog host, takes the token back to its start
     * and looks the whole token up.
     *
     * <p>Linear in the text: the dots are found eight bytes at a time, and only when a label is the
     * last label of a catalog host is the start of its token (after the last byte that cannot be in a
     * host name, or after an empty label {@code ..}, which no host has) searched backwards, at most
     * 257 bytes; a byte that cannot be in a host name (or an empty label) always follows such a label,
     * so the search never goes back past the previous one; a token longer than a host name (253) is
     * not looked up.
     */
    private void scanHosts(byte[] b, int from, int to, List<Hit> hits) {
        int i = from;
        while (i < to) {
            i = ByteScan.indexOf(b, i, to, (byte) '.');
            if (i >= to) {
                return;
            }
            int labelStart = i + 1;
            int j = labelStart;
            while (j < to && isLabelChar(b[j])) {
                j++;
            }
            boolean last = j == to || b[j] != '.' || j + 1 == to || !isLabelChar(b[j + 1]);
            if (!last || j == labelStart) {
                i = j;
                continue;
            }
            int labelEnd = j;
            while (labelEnd > labelStart && b[labelEnd - 1] == '-') {
                labelEnd--;
            }
            if (knownLastLabel(b, labelStart, labelEnd)) {
                int tokenStart = tokenStart(b, from, i, to, labelEnd);
                if (tokenStart >= 0) {
                    int start = tokenStart;
                    while (start < i && (b[start] == '.' || b[start] == '-')) {
                        start++;
                    }
                    if (start < i && labelEnd - start <= 253) {
                        String host = new String(b, start, labelEnd - start, StandardCharsets.ISO_8859_1);
                        Optional<Service> service = catalog.serviceForHost(host);
                        if (service.isPresent()) {
                            hits.add(new Hit(start, service.get(), GatedElement.Attribution.INLINE_HOST,
                                    host.toLowerCase(Locale.ROOT)));
                        }
                    }
                }
            }
            i = j;
        }
    }

    /**
     * Where the token holding the dot at {@code dot} starts: after the last byte before the dot that
     * cannot be in a host name or that begins an empty label ({@code ..}); -1 when the token is longer
     * than 256 bytes up to {@code labelEnd} (no host is that long).
     */
    private static int tokenStart(byte[] b, int from, int dot, int to, int labelEnd) {
        int lo = Math.max(from, labelEnd - 257);
        for (int p = dot - 1; p >= lo; p--) {
            byte c = b[p];
            if (!isHostChar(c) || c == '.' && p + 1 < to && b[p + 1] == '.') {
                return p + 1;
            }
        }
        return lo == from && labelEnd - from <= 256 ? from : -1;
    }

    private void scanSignatures(byte[] b, int from, int to, List<Hit> hits) {
        if (signatures.length == 0) {
            return;
        }
        boolean[] found = new boolean[signatures.length];
        int i = from;
        while ((i = ByteScan.indexOfAny(b, i, to, ANCHORS[0], ANCHORS[1], ANCHORS[2], ANCHORS[3])) < to) {
            int a = anchorIndex(b[i]);
            int[] candidates = anchored[a];
            int[] offsets = anchorOffsets[a];
            for (int c = 0; c < candidates.length; c++) {
                int k = candidates[c];
                int start = i - offsets[c];
                Signature sig = signatures[k];
                byte[] t = sig.text();
                if (found[k] || start < from || start + t.length > to || b[start] != t[0] || !regionMatches(b, start, t)) {
                    continue;
                }
                if (sig.identifierStart() && start > from && isIdentifier((char) (b[start - 1] & 0xFF))) {
                    continue;
                }
                found[k] = true;
                hits.add(new Hit(start, sig.service(), GatedElement.Attribution.INLINE_CALL, sig.label()));
            }
            i++;
        }
    }

    /** The position of a signature's first anchor byte (every signature has one). */
    private static int firstAnchor(byte[] t) {
        for (int j = 0; j < t.length; j++) {
            if (anchorIndex(t[j]) >= 0) {
                return j;
            }
        }
        throw new IllegalStateException("loader call " + new String(t, StandardCharsets.US_ASCII)
                + " has none of the anchor bytes ( . _ O");
    }

    private static int anchorIndex(byte c) {
        for (int a = 0; a < ANCHORS.length; a++) {
            if (ANCHORS[a] == c) {
                return a;
            }
        }
        return -1;
    }

    private boolean knownLastLabel(byte[] b, int from, int to) {
        int len = to - from;
        outer:
        for (byte[] label : lastLabels) {
            if (label.length != len) {
                continue;
            }
            for (int k = 0; k < len; k++) {
                int c = b[from + k];
                if (c >= 'A' && c <= 'Z') {
                    c |= 0x20;
                }
                if (c != label[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean regionMatches(byte[] b, int at, byte[] t) {
        for (int k = 1; k < t.length; k++) {
            if (b[at + k] != t[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabelChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-';
    }

    private static boolean isHostChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-';
    }

    private static boolean isIdentifier(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$';
    }
}
