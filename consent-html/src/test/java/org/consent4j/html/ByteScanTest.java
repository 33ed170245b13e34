package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

final class ByteScanTest {

    @Property(tries = 500)
    void findsTheSameByteAsALoop(@ForAll @Size(max = 70) byte[] bytes, @ForAll @IntRange(max = 70) int from,
                                 @ForAll byte target, @ForAll byte other) {
        int start = Math.min(from, bytes.length);
        int naive = start;
        while (naive < bytes.length && bytes[naive] != target) {
            naive++;
        }
        assertEquals(naive, ByteScan.indexOf(bytes, start, bytes.length, target));
        int either = start;
        while (either < bytes.length && bytes[either] != target && bytes[either] != other) {
            either++;
        }
        assertEquals(either, ByteScan.indexOfEither(bytes, start, bytes.length, target, other));
    }
}
