package org.consent4j.iab;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Appends big-endian bit fields, then writes them in the IAB's URL-safe base64 alphabet. */
final class BitWriter {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private final BitSet bits = new BitSet();
    private int length;

    /** Writes {@code value} in {@code width} bits; a value that does not fit names the field. */
    BitWriter integer(String field, long value, int width) {
        if (value < 0 || (width < 63 && value >= (1L << width))) {
            throw new IabFormatException(field, "value " + value + " does not fit in " + width + " bits");
        }
        for (int i = width - 1; i >= 0; i--) {
            bits.set(length++, ((value >>> i) & 1) == 1);
        }
        return this;
    }

    BitWriter bool(boolean value) {
        bits.set(length++, value);
        return this;
    }

    /** Writes a positive integer in Fibonacci coding (Zeckendorf bits, lowest first, then a closing 1). */
    BitWriter fibonacci(String field, int value) {
        if (value < 1) {
            throw new IabFormatException(field, "Fibonacci coding needs a positive value, not " + value);
        }
        List<Integer> seq = new ArrayList<>(List.of(1, 2));
        while (seq.get(seq.size() - 1) <= value) {
            seq.add(seq.get(seq.size() - 1) + seq.get(seq.size() - 2));
        }
        int top = seq.size() - 1;
        while (seq.get(top) > value) {
            top--;
        }
        boolean[] code = new boolean[top + 1];
        int rest = value;
        for (int i = top; i >= 0; i--) {
            if (seq.get(i) <= rest) {
                code[i] = true;
                rest -= seq.get(i);
            }
        }
        for (boolean b : code) {
            bool(b);
        }
        return bool(true);
    }

    int length() {
        return length;
    }

    /** The bits padded with zeros to a multiple of {@code multiple}, then to whole base64 characters. */
    String base64(int multiple) {
        int padded = (length + multiple - 1) / multiple * multiple;
        int chars = (padded + 5) / 6;
        StringBuilder out = new StringBuilder(chars);
        for (int c = 0; c < chars; c++) {
            int v = 0;
            for (int i = 0; i < 6; i++) {
                v = (v << 1) | (bits.get(c * 6 + i) ? 1 : 0);
            }
            out.append(ALPHABET[v]);
        }
        return out.toString();
    }

    static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-' || c == '+') {
            return 62;
        }
        if (c == '_' || c == '/') {
            return 63;
        }
        return -1;
    }
}
