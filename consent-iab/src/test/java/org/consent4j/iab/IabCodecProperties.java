package org.consent4j.iab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

final class IabCodecProperties {

    private static Arbitrary<IdSet> ids(int max, int size) {
        return Arbitraries.integers().between(1, max).set().ofMaxSize(size)
                .map(s -> IdSet.of(s.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static Arbitrary<String> twoLetters() {
        return Arbitraries.strings().withCharRange('A', 'Z').ofLength(2);
    }

    private static Arbitrary<Instant> deciseconds() {
        return Arbitraries.longs().between(0, (1L << 36) - 1).map(d -> Instant.ofEpochMilli(d * 100));
    }

    @Provide
    Arbitrary<TcString> tcStrings() {
        Arbitrary<VendorSet> vendors = Combinators.combine(ids(3000, 40), Arbitraries.of(true, false))
                .as(VendorSet::new);
        Arbitrary<List<PublisherRestriction>> restrictions = Combinators.combine(
                Arbitraries.integers().between(1, 63), Arbitraries.integers().between(0, 3), ids(500, 10))
                .as(PublisherRestriction::new).list().ofMaxSize(3);
        Arbitrary<Optional<PublisherTc>> publisher = Arbitraries.integers().between(0, 63).flatMap(n ->
                Combinators.combine(ids(24, 5), ids(24, 5), ids(Math.max(n, 1), 5), ids(Math.max(n, 1), 5))
                        .as((c, l, cc, cl) -> n == 0 ? new PublisherTc(c, l, 0, IdSet.EMPTY, IdSet.EMPTY)
                                : new PublisherTc(c, l, n, cc, cl)))
                .optional();
        return Builders.withBuilder(() -> new Object[20])
                .use(deciseconds()).in((a, v) -> { a[0] = v; return a; })
                .use(deciseconds()).in((a, v) -> { a[1] = v; return a; })
                .use(Arbitraries.integers().between(0, 4095)).in((a, v) -> { a[2] = v; return a; })
                .use(Arbitraries.integers().between(0, 63)).in((a, v) -> { a[3] = v; return a; })
                .use(twoLetters()).in((a, v) -> { a[4] = v; return a; })
                .use(Arbitraries.integers().between(0, 63)).in((a, v) -> { a[5] = v; return a; })
                .use(ids(12, 4)).in((a, v) -> { a[6] = v; return a; })
                .use(ids(24, 10)).in((a, v) -> { a[7] = v; return a; })
                .use(ids(24, 10)).in((a, v) -> { a[8] = v; return a; })
                .use(twoLetters()).in((a, v) -> { a[9] = v; return a; })
                .use(vendors).in((a, v) -> { a[10] = v; return a; })
                .use(vendors).in((a, v) -> { a[11] = v; return a; })
                .use(restrictions).in((a, v) -> { a[12] = v; return a; })
                .use(vendors.optional()).in((a, v) -> { a[13] = v; return a; })
                .use(publisher).in((a, v) -> { a[14] = v; return a; })
                .use(Arbitraries.of(true, false).list().ofSize(4)).in((a, v) -> { a[15] = v; return a; })
                .build(IabCodecProperties::tc);
    }

    @SuppressWarnings("unchecked")
    private static TcString tc(Object[] a) {
        List<Boolean> flags = (List<Boolean>) a[15];
        return new TcString((Instant) a[0], (Instant) a[1], (Integer) a[2], 7, (Integer) a[3], (String) a[4], 123,
                (Integer) a[5], flags.get(0), flags.get(1), (IdSet) a[6], (IdSet) a[7], (IdSet) a[8], flags.get(2),
                (String) a[9], (VendorSet) a[10], (VendorSet) a[11], (List<PublisherRestriction>) a[12],
                (Optional<VendorSet>) a[13], (Optional<PublisherTc>) a[14]);
    }

    @Provide
    Arbitrary<UsNat> usNats() {
        Arbitrary<Integer> code = Arbitraries.integers().between(0, 2);
        return Arbitraries.of(true, false).flatMap(current -> Builders.withBuilder(() -> new int[13])
                .use(code.list().ofSize(13)).in((a, v) -> {
                    for (int i = 0; i < 13; i++) {
                        a[i] = v.get(i);
                    }
                    return a;
                })
                .build(a -> a)
                .flatMap(a -> Combinators.combine(code.list().ofSize(current ? 16 : 12), code.list().ofSize(current ? 3 : 2),
                        Arbitraries.integers().between(1, 2), Arbitraries.of(true, false).optional())
                        .as((sensitive, child, covered, gpc) -> new UsNat(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
                                a[8], sensitive, child, a[9], covered, a[10], a[11], gpc))));
    }

    @Provide
    Arbitrary<GppString> gppStrings() {
        Arbitrary<GppSection> section = Arbitraries.oneOf(
                tcStrings().map(TcfEuV2Section::new),
                Arbitraries.of("1YNN", "1NYN", "1-Y-", "1---", "1NNY").map(s -> new UspV1Section(UsPrivacy.parse(s))),
                usNats().map(GppSection.class::cast),
                UsStateSectionTest.sections().map(GppSection.class::cast),
                Combinators.combine(Arbitraries.of(1, 4, 5, 24, 25, 26, 27, 28, 40),
                        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                                .ofMinLength(1).ofMaxLength(20)).as(OtherSection::new));
        return section.list().ofMaxSize(5).map(list -> {
            java.util.Map<Integer, GppSection> byId = new java.util.TreeMap<>();
            list.forEach(s -> byId.putIfAbsent(s.id(), s));
            return new GppString(List.copyOf(byId.values()));
        });
    }

    @Property(tries = 150)
    void tcStringsRoundTrip(@ForAll("tcStrings") TcString tc) {
        assertEquals(tc, TcString.parse(tc.encode()));
    }

    @Property(tries = 150)
    void usNatRoundTrips(@ForAll("usNats") UsNat usNat) {
        assertEquals(usNat, UsNat.decode(usNat.encode()));
    }

    @Property(tries = 200)
    void gppStringsRoundTrip(@ForAll("gppStrings") GppString gpp) {
        String text = gpp.encode();
        assertEquals(gpp, GppString.parse(text));
        assertEquals(text, GppString.parse(text).encode());
    }

    @Property(tries = 1000)
    void anyTextDecodesOrFailsWithAFieldNamingError(@ForAll @StringLength(max = 80) String text) {
        for (Runnable decode : List.<Runnable>of(() -> GppString.parse(text), () -> TcString.parse(text),
                () -> UsPrivacy.parse(text))) {
            try {
                decode.run();
            } catch (IabFormatException e) {
                assertTrue(!e.field().isEmpty() && e.getMessage().startsWith(e.field()), e.getMessage());
            }
        }
    }

    @Property(tries = 500)
    void corruptedStringsNeverThrowAnythingElse(@ForAll("gppStrings") GppString gpp,
                                                @ForAll int position, @ForAll char replacement) {
        String text = gpp.encode();
        int at = Math.floorMod(position, text.length());
        String corrupted = text.substring(0, at) + replacement + text.substring(at + 1);
        String truncated = text.substring(0, at);
        for (String s : Set.of(corrupted, truncated)) {
            try {
                GppString.parse(s);
            } catch (IabFormatException expected) {
                // a clear error is fine
            }
        }
    }
}
