package org.consent4j.html;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finds a byte eight bytes at a time (SWAR): the rewriter's loops over text, scripts and values. */
final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {
    }

    /** The index of the first {@code target} in {@code b[from, to)}, or {@code to}. */
    static int indexOf(byte[] b, int from, int to, byte target) {
        int i = from;
        long pattern = (target & 0xFFL) * ONES;
        while (i + 8 <= to) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < to && b[i] != target) {
            i++;
        }
        return i;
    }

    /** The index of the first {@code a} or {@code c} in {@code b[from, to)}, or {@code to}. */
    static int indexOfEither(byte[] b, int from, int to, byte a, byte c) {
        int i = from;
        long pa = (a & 0xFFL) * ONES;
        long pc = (c & 0xFFL) * ONES;
        while (i + 8 <= to) {
            long v = (long) LONGS.get(b, i);
            long x = v ^ pa;
            long y = v ^ pc;
            long found = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < to && b[i] != a && b[i] != c) {
            i++;
        }
        return i;
    }

    /** The index of the first of four bytes in {@code b[from, to)}, or {@code to}. */
    static int indexOfAny(byte[] b, int from, int to, byte a, byte c, byte d, byte e) {
        int i = from;
        long pa = (a & 0xFFL) * ONES;
        long pc = (c & 0xFFL) * ONES;
        long pd = (d & 0xFFL) * ONES;
        long pe = (e & 0xFFL) * ONES;
        while (i + 8 <= to) {
            long v = (long) LONGS.get(b, i);
            long w = v ^ pa;
            long x = v ^ pc;
            long y = v ^ pd;
            long z = v ^ pe;
            long found = ((w - ONES) & ~w | (x - ONES) & ~x | (y - ONES) & ~y | (z - ONES) & ~z) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < to && b[i] != a && b[i] != c && b[i] != d && b[i] != e) {
            i++;
        }
        return i;
    }
}
