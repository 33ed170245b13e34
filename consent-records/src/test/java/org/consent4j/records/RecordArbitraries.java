package org.consent4j.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.jurisdiction.Regime;

/** Generators of consent records for property tests: any text, including escapes, non-ASCII and broken surrogates. */
final class RecordArbitraries {

    private RecordArbitraries() {
    }

    static Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\/\n\r\t\u0000\u2028é漢😀\uD800\uDC00").ofMaxLength(12),
                Arbitraries.strings().alpha().numeric().ofMaxLength(20));
    }

    static Arbitrary<Map<String, Choice>> choices() {
        return Arbitraries.maps(anyText(), Arbitraries.of(Choice.class)).ofMaxSize(5);
    }

    static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800_000_000_000L)
                .map(n -> Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L))
                .edgeCases(c -> c.add(Instant.EPOCH));
    }

    static Arbitrary<ConsentRecord> records() {
        Arbitrary<UUID> ids = Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()));
        Arbitrary<String> subjects = anyText().filter(s -> !s.isEmpty());
        return Builders.withBuilder(() -> new Object[15])
                .use(ids).in((a, v) -> set(a, 0, v))
                .use(subjects).in((a, v) -> set(a, 1, v))
                .use(instants()).in((a, v) -> set(a, 2, v))
                .use(anyText()).in((a, v) -> set(a, 3, v))
                .use(Arbitraries.of(Regime.class)).in((a, v) -> set(a, 4, v))
                .use(anyText().list().ofMaxSize(3)).in((a, v) -> set(a, 5, v))
                .use(anyText()).in((a, v) -> set(a, 6, v))
                .use(choices()).in((a, v) -> set(a, 7, v))
                .use(choices()).in((a, v) -> set(a, 8, v))
                .use(Arbitraries.of(ConsentMethod.class)).in((a, v) -> set(a, 9, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 10, v))
                .use(anyText()).in((a, v) -> set(a, 11, v))
                .use(anyText()).in((a, v) -> set(a, 12, v))
                .use(anyText()).in((a, v) -> set(a, 13, v))
                .use(Arbitraries.oneOf(anyText(), Arbitraries.strings().ofLength(600))).in((a, v) -> set(a, 14, v))
                .build(RecordArbitraries::toRecord);
    }

    private static Object[] set(Object[] a, int i, Object v) {
        a[i] = v;
        return a;
    }

    @SuppressWarnings("unchecked")
    private static ConsentRecord toRecord(Object[] a) {
        return new ConsentRecord((UUID) a[0], (String) a[1], (Instant) a[2], (String) a[3], (Regime) a[4],
                (List<String>) a[5], (String) a[6], (Map<String, Choice>) a[7], (Map<String, Choice>) a[8],
                (ConsentMethod) a[9], (Boolean) a[10], (String) a[11], (String) a[12], (String) a[13], (String) a[14]);
    }

    /** A small chain of n records for subject ids s0..s(k-1), chained from genesis. */
    static List<ChainedRecord> chain(List<ConsentRecord> records) {
        ChainHead head = ChainHead.EMPTY;
        java.util.ArrayList<ChainedRecord> out = new java.util.ArrayList<>();
        for (ConsentRecord r : records) {
            ChainedRecord c = ChainedRecord.after(head, r);
            out.add(c);
            head = c.head();
        }
        return out;
    }

}
