package org.consent4j.iab;

import java.util.Arrays;
import java.util.List;

/**
 * A set of positive ids (purposes, vendors, features) in ascending order.
 *
 * @param ids the ids, ascending, each once
 */
public record IdSet(List<Integer> ids) {

    /** No id. */
    public static final IdSet EMPTY = new IdSet(List.of());

    /** Copies the ids and checks that they are positive and increasing. */
    public IdSet {
        ids = List.copyOf(ids);
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) < 1 || (i > 0 && ids.get(i) <= ids.get(i - 1))) {
                throw new IllegalArgumentException("ids must be positive, ascending and distinct: " + ids);
            }
        }
    }

    /** The set of these ids, in any order, duplicates dropped. */
    public static IdSet of(int... ids) {
        return new IdSet(Arrays.stream(ids).sorted().distinct().boxed().toList());
    }

    /** Whether the set holds {@code id}. */
    public boolean contains(int id) {
        return java.util.Collections.binarySearch(ids, id) >= 0;
    }

    /** The largest id, or 0 when empty. */
    public int max() {
        return ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
    }

    void writeBits(BitWriter w, int width) {
        for (int i = 1; i <= width; i++) {
            w.bool(contains(i));
        }
    }

    static IdSet readBits(BitReader r, String field, int width) {
        int[] found = new int[width];
        int n = 0;
        for (int i = 1; i <= width; i++) {
            if (r.bool(field)) {
                found[n++] = i;
            }
        }
        return new IdSet(Arrays.stream(found, 0, n).boxed().toList());
    }

    /** The ids as runs of consecutive ids, each {@code [start, end]}. */
    List<int[]> runs() {
        java.util.ArrayList<int[]> runs = new java.util.ArrayList<>();
        for (int id : ids) {
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] + 1 == id) {
                last[1] = id;
            } else {
                runs.add(new int[] {id, id});
            }
        }
        return runs;
    }
}
