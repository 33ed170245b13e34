package org.consent4j.html;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The attributes of the captured start tag, as offsets from the capture's start: where each name
 * starts and ends and where its value starts and ends (-1 when it has none). The bytes stay in the
 * {@link RewriteBuffer}; names and values are read from there. Not thread-safe.
 */
final class TagAttributes {

    private final RewriteBuffer buffer;
    private int[] attrs = new int[32];
    private int count;

    TagAttributes(RewriteBuffer buffer) {
        this.buffer = buffer;
    }

    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    void start(int rel) {
        if ((count + 1) * 4 > attrs.length) {
            attrs = Arrays.copyOf(attrs, attrs.length * 2);
        }
        int k = count * 4;
        attrs[k] = rel;
        attrs[k + 1] = -1;
        attrs[k + 2] = -1;
        attrs[k + 3] = -1;
        count++;
    }

    void nameEnd(int rel) {
        if (count > 0) {
            attrs[(count - 1) * 4 + 1] = rel;
        }
    }

    void valueStart(int rel) {
        if (count > 0) {
            attrs[(count - 1) * 4 + 2] = rel;
        }
    }

    void valueEnd(int rel) {
        if (count > 0) {
            attrs[(count - 1) * 4 + 3] = rel;
        }
    }

    /** Where attribute {@code k}'s name starts, from the capture's start. */
    int nameStart(int k) {
        return attrs[k * 4];
    }

    /** The {@link AttrNames} id of attribute {@code k}'s name; {@link AttrNames#OTHER} while it is incomplete. */
    int id(int k) {
        int s = attrs[k * 4];
        int e = attrs[k * 4 + 1];
        if (e < s) {
            return AttrNames.OTHER;
        }
        return AttrNames.id(buffer.capArray(), buffer.capBase() + s, e - s);
    }

    /**
     * Like {@link #id(int)}, for a capture that is not contiguous yet (part held, part in the chunk),
     * without copying more than the name.
     */
    int idAnywhere(int k) {
        int s = attrs[k * 4];
        int e = attrs[k * 4 + 1];
        if (e < s || e - s > name.length) {
            return AttrNames.OTHER;
        }
        buffer.copyCapture(s, name, e - s);
        return AttrNames.id(name, 0, e - s);
    }

    private final byte[] name = new byte[32];

    /**
     * Whether attribute {@code k}'s raw value may hold {@code url(}: it contains it in any case, or a
     * character reference that may spell it.
     */
    boolean rawContainsUrlFunction(int k) {
        int s = attrs[k * 4 + 2];
        int e = attrs[k * 4 + 3];
        if (s < 0 || e < s + 4) {
            return false;
        }
        byte[] a = buffer.capArray();
        int base = buffer.capBase();
        if (ByteScan.indexOf(a, base + s, base + e, (byte) '&') < base + e) {
            return true;
        }
        for (int j = base + s; j + 4 <= base + e; j++) {
            j = ByteScan.indexOf(a, j, base + e, (byte) '(');
            if (j >= base + e) {
                return false;
            }
            if (j - 3 >= base + s && (a[j - 3] | 0x20) == 'u' && (a[j - 2] | 0x20) == 'r' && (a[j - 1] | 0x20) == 'l') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether attribute {@code k}'s raw value may load something as CSS: it has {@code url(},
     * {@code -set(} ({@code image-set()}), {@code @} ({@code @import}) or a character reference.
     */
    boolean rawMayHoldCssUrl(int k) {
        int s = attrs[k * 4 + 2];
        int e = attrs[k * 4 + 3];
        if (s < 0 || e < s + 4) {
            return false;
        }
        byte[] a = buffer.capArray();
        int base = buffer.capBase();
        for (int j = base + s; j < base + e; j++) {
            byte c = a[j];
            if (c == '&' || c == '@') {
                return true;
            }
            if (c == '(' && j - 3 >= base + s && ((a[j - 3] | 0x20) == 'u' && (a[j - 2] | 0x20) == 'r'
                    && (a[j - 1] | 0x20) == 'l' || a[j - 3] == '-' && (a[j - 2] | 0x20) == 's' && (a[j - 1] | 0x20) == 'e'
                    || (a[j - 3] | 0x20) == 's' && (a[j - 2] | 0x20) == 'e' && (a[j - 1] | 0x20) == 't')) {
                return true;
            }
        }
        return false;
    }

    /** Whether attribute {@code k}'s raw value has no character reference, so its bytes are its text. */
    boolean rawIsText(int k) {
        int s = attrs[k * 4 + 2];
        int e = attrs[k * 4 + 3];
        if (s < 0 || e < s) {
            return true;
        }
        int base = buffer.capBase();
        return ByteScan.indexOf(buffer.capArray(), base + s, base + e, (byte) '&') >= base + e;
    }

    int valueFrom(int k) {
        return attrs[k * 4 + 2];
    }

    int valueTo(int k) {
        return attrs[k * 4 + 3];
    }

    /** Index of the first attribute with this (lower-case) name, or -1. */
    int find(byte[] lowerName) {
        for (int k = 0; k < count; k++) {
            if (nameIs(k, lowerName)) {
                return k;
            }
        }
        return -1;
    }

    boolean nameIs(int k, byte[] lowerName) {
        int s = attrs[k * 4];
        int e = attrs[k * 4 + 1];
        if (e - s != lowerName.length) {
            return false;
        }
        byte[] a = buffer.capArray();
        int base = buffer.capBase();
        for (int j = 0; j < lowerName.length; j++) {
            if (Tags.lower(a[base + s + j]) != lowerName[j]) {
                return false;
            }
        }
        return true;
    }

    /** The attribute's value, decoded from the charset and its character references; "" when absent. */
    String value(int k, Charset charset) {
        int s = attrs[k * 4 + 2];
        int e = attrs[k * 4 + 3];
        if (s < 0 || e < s) {
            return "";
        }
        byte[] a = buffer.capArray();
        int base = buffer.capBase();
        boolean ascii = true;
        for (int j = base + s; j < base + e; j++) {
            if (a[j] < 0) {
                ascii = false;
                break;
            }
        }
        String raw = new String(a, base + s, e - s, ascii ? StandardCharsets.ISO_8859_1 : charset);
        return Entities.decodeAttribute(raw);
    }

    int capacity() {
        return attrs.length * Integer.BYTES;
    }
}
