package org.consent4j.html;

import java.util.Arrays;

/**
 * The attribute names the gate reads, as small integer ids, recognised on lower-cased bytes without
 * allocating. Event-handler attributes ({@code on...}) share one id.
 */
final class AttrNames {

    static final int OTHER = 0;
    static final int SRC = 1;
    static final int SRCSET = 2;
    static final int HREF = 3;
    static final int XLINK_HREF = 4;
    static final int DATA = 5;
    static final int POSTER = 6;
    static final int BACKGROUND = 7;
    static final int ACTION = 8;
    static final int FORMACTION = 9;
    static final int PING = 10;
    static final int STYLE = 11;
    static final int SRCDOC = 12;
    static final int IMAGESRCSET = 13;
    static final int TYPE = 14;
    static final int LANGUAGE = 15;
    static final int REL = 16;
    static final int CONTENT = 17;
    static final int HTTP_EQUIV = 18;
    static final int CHARSET = 19;
    static final int TO = 20;
    static final int FROM = 21;
    static final int VALUES = 22;
    static final int BY = 23;
    static final int ATTRIBUTENAME = 24;
    static final int GATED = 25;
    static final int CATEGORY = 26;
    static final int SERVICE = 27;
    /** Any event-handler attribute: {@code on} followed by letters. */
    static final int EVENT_HANDLER = 28;
    static final int COUNT = 29;

    static final String[] NAMES = {"", "src", "srcset", "href", "xlink:href", "data", "poster", "background",
            "action", "formaction", "ping", "style", "srcdoc", "imagesrcset", "type", "language", "rel", "content",
            "http-equiv", "charset", "to", "from", "values", "by", "attributename", "data-consent-gated",
            "data-consent-category", "data-consent-service", "on*"};

    private static final byte[][] BYTES = new byte[NAMES.length][];
    /** For each name length, the ids of the names of that length. */
    private static final int[][] BY_LENGTH = new int[32][];

    static {
        for (int id = 1; id < NAMES.length; id++) {
            BYTES[id] = Tags.ascii(NAMES[id]);
        }
        for (int len = 0; len < BY_LENGTH.length; len++) {
            int[] ids = new int[NAMES.length];
            int n = 0;
            for (int id = 1; id < EVENT_HANDLER; id++) {
                if (BYTES[id].length == len) {
                    ids[n++] = id;
                }
            }
            BY_LENGTH[len] = Arrays.copyOf(ids, n);
        }
    }

    private AttrNames() {
    }

    /** The id of the attribute name {@code a[from, from + len)}, compared case-insensitively. */
    static int id(byte[] a, int from, int len) {
        if (len <= 0 || len >= BY_LENGTH.length) {
            return OTHER;
        }
        for (int id : BY_LENGTH[len]) {
            byte[] t = BYTES[id];
            int j = 0;
            while (j < len && Tags.lower(a[from + j]) == t[j]) {
                j++;
            }
            if (j == len) {
                return id;
            }
        }
        if (len > 2 && (a[from] | 0x20) == 'o' && (a[from + 1] | 0x20) == 'n') {
            for (int j = 2; j < len; j++) {
                if (!Tags.isAlpha(a[from + j])) {
                    return OTHER;
                }
            }
            return EVENT_HANDLER;
        }
        return OTHER;
    }
}
