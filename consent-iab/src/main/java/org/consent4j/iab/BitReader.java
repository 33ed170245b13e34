package org.consent4j.iab;

import java.util.BitSet;

/** Reads big-endian bit fields from an IAB base64url segment; running past the end names the field. */
final class BitReader {

    /** No segment the IAB defines comes near this: longer input is refused before decoding. */
    static final int MAX_CHARS = 65_536;

    private final BitSet bits;
    private final int length;
    private final String section;
    private int position;

    private BitReader(BitSet bits, int length, String section) {
        this.bits = bits;
        this.length = length;
        this.section = section;
    }

    /**
     * The bits of a segment; trailing {@code =} padding is ignored.
     *
     * @throws IabFormatException for a character outside the URL-safe base64 alphabet or an oversized segment
     */
    static BitReader of(String segment, String section) {
        String s = segment;
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new IabFormatException(section, "the segment is empty");
        }
        if (s.length() > MAX_CHARS) {
            throw new IabFormatException(section, "the segment has " + s.length() + " characters, more than "
                    + MAX_CHARS + ": not an IAB string");
        }
        BitSet bits = new BitSet(s.length() * 6);
        for (int c = 0; c < s.length(); c++) {
            int v = BitWriter.valueOf(s.charAt(c));
            if (v < 0) {
                throw new IabFormatException(section, "character '" + printable(s.charAt(c)) + "' at " + c
                        + " is not URL-safe base64");
            }
            for (int i = 0; i < 6; i++) {
                if (((v >>> (5 - i)) & 1) == 1) {
                    bits.set(c * 6 + i);
                }
            }
        }
        return new BitReader(bits, s.length() * 6, section);
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    long integer(String field, int width) {
        require(field, width);
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 1) | (bits.get(position++) ? 1 : 0);
        }
        return v;
    }

    int small(String field, int width) {
        return (int) integer(field, width);
    }

    boolean bool(String field) {
        require(field, 1);
        return bits.get(position++);
    }

    /** A Fibonacci-coded positive integer (Zeckendorf bits, lowest first, closed by two consecutive 1s). */
    int fibonacci(String field) {
        long value = 0;
        long a = 1;
        long b = 2;
        boolean previous = false;
        for (int i = 0; ; i++) {
            boolean bit = bool(field);
            if (bit && previous) {
                return (int) value;
            }
            if (bit) {
                value += a;
                if (value > Integer.MAX_VALUE) {
                    throw new IabFormatException(section + "." + field, "Fibonacci value too large");
                }
            }
            previous = bit;
            long next = a + b;
            a = b;
            b = next;
            if (i > 45) {
                throw new IabFormatException(section + "." + field, "Fibonacci code longer than any int");
            }
        }
    }

    int remaining() {
        return length - position;
    }

    int position() {
        return position;
    }

    private void require(String field, int width) {
        if (position + width > length) {
            throw new IabFormatException(section + "." + field, "the string ends at bit " + length
                    + ", before this field (" + width + " bits at " + position + "): truncated");
        }
    }
}
