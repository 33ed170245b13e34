package org.consent4j.iab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class UsStateSectionTest {

    @Test
    void californiaExampleOfTheReferenceEncoder() {
        // IAB Tech Lab iabgpp-java UsCaTest: every field set, GPC true.
        UsStateSection ca = UsStateSection.decode(UsState.CA, "BVWSSSVY.YA");
        assertEquals(1, ca.value("SaleOptOutNotice"));
        assertEquals(1, ca.value("SharingOptOutNotice"));
        assertEquals(1, ca.value("SensitiveDataLimitUseNotice"));
        assertEquals(1, ca.value("SaleOptOut"));
        assertEquals(1, ca.value("SharingOptOut"));
        assertEquals(List.of(2, 1, 0, 2, 1, 0, 2, 1, 0), ca.sensitiveDataProcessing());
        assertEquals(List.of(2, 1), ca.knownChildSensitiveDataConsents());
        assertEquals(1, ca.value("PersonalDataConsents"));
        assertEquals(1, ca.value("MspaCoveredTransaction"));
        assertEquals(1, ca.value("MspaOptOutOptionMode"));
        assertEquals(2, ca.value("MspaServiceProviderMode"));
        assertEquals(Optional.of(true), ca.gpc());
        assertEquals("BVWSSSVY.YA", ca.encode());
        assertEquals("BVWSSSVY", UsStateSection.decode(UsState.CA, "BVWSSSVY").encode());
        assertEquals("BAAAAABA.QA", UsStateSection.decode(UsState.CA, "BAAAAABA.QA").encode());
    }

    @Test
    void newJerseyExampleOfTheReferenceEncoder() {
        // IAB Tech Lab iabgpp-java UsNjTest: 10 sensitive-data and 5 child entries.
        UsStateSection nj = UsStateSection.decode(UsState.NJ, "BVWSSRklWA.YA");
        assertEquals(1, nj.value("ProcessingNotice"));
        assertEquals(1, nj.value("TargetedAdvertisingOptOut"));
        assertEquals(List.of(2, 1, 0, 2, 1, 0, 2, 1, 0, 1), nj.sensitiveDataProcessing());
        assertEquals(List.of(2, 1, 0, 2, 1), nj.knownChildSensitiveDataConsents());
        assertEquals(1, nj.value("AdditionalDataProcessingConsent"));
        assertEquals("BVWSSRklWA.YA", nj.encode());
        assertEquals("BAAAAAAAQA", UsStateSection.decode(UsState.NJ, "BAAAAAAAQA").encode());
        assertFalse(nj.has("SharingOptOut"));
    }

    @Test
    void stringsAsCmpsWriteThem() {
        // California without and with the GPC sub-section, and Virginia, as CMPs store them on sites
        // (e.g. OneTrust's OTGPPConsent cookie): notices given, not opted out. The first carries
        // MspaCoveredTransaction 0 (not applicable), which the California specification lists.
        for (String text : List.of("DBABBg~BVoYYZoI", "DBABBg~BUoAAAKA.QA", "DBABBg~BVoIgACY.QA")) {
            GppString gpp = GppString.parse(text);
            UsStateSection ca = gpp.usState(UsState.CA).orElseThrow();
            assertEquals(1, ca.value("SaleOptOutNotice"), text);
            assertEquals(2, ca.value("SaleOptOut"), text);
            assertEquals(2, ca.value("SharingOptOut"), text);
            assertEquals(text, gpp.encode());
        }
        assertEquals(Optional.of(false), GppString.parse("DBABBg~BUoAAAKA.QA").usState(UsState.CA).orElseThrow().gpc());
        UsStateSection va = GppString.parse("DBABRg~BVoYYYI").usState(UsState.VA).orElseThrow();
        assertEquals(1, va.value("SharingNotice"));
        assertEquals(1, va.value("TargetedAdvertisingOptOutNotice"));
        assertEquals(2, va.value("TargetedAdvertisingOptOut"));
        assertEquals("BVoYYYI", va.encode());
        // a one-character GPC sub-section (unpadded) decodes; it is written back padded to whole bytes
        assertEquals("BUoAAABg.QA", GppString.parse("DBABBg~BUoAAABg.Q").usState(UsState.CA).orElseThrow().encode());
    }

    @Test
    void gppStringsCarryTypedStateSections() {
        GppString gpp = GppString.of(UsNat.of(true, true, true, true), UsStateSection.of(UsState.CA, true, true, true, true));
        GppString back = GppString.parse(gpp.encode());
        assertEquals(gpp, back);
        assertEquals(1, back.usState(UsState.CA).orElseThrow().value("SharingOptOut"));
        assertEquals(List.of(7, 8), back.sectionIds());
        // a state section of a later version is carried as it came
        GppString later = GppString.parse(GppString.of(new OtherSection(9, "CAAAAAA")).encode());
        assertTrue(later.usState(UsState.VA).isEmpty());
        assertEquals("CAAAAAA", later.section(9).orElseThrow().encode());
        // sections without a layout here stay as they came
        assertEquals(OtherSection.class, GppString.parse(GppString.of(new OtherSection(24, "BAAAAAAA")).encode())
                .section(24).orElseThrow().getClass());
    }

    @Test
    void errorsNameTheField() {
        assertEquals("usca.SaleOptOut", assertThrows(IabFormatException.class,
                () -> UsStateSection.decode(UsState.CA, "BV")).field());
        assertEquals("usva.SubsectionType", assertThrows(IabFormatException.class,
                () -> UsStateSection.decode(UsState.VA, "BVVVVVVA.YA")).field());
        assertEquals("usco.Version", assertThrows(IabFormatException.class,
                () -> UsStateSection.decode(UsState.CO, "CAAAAA")).field());
        // SaleOptOutNotice = 3 in a California string
        assertEquals("usca.SaleOptOutNotice", assertThrows(IabFormatException.class,
                () -> UsStateSection.decode(UsState.CA, "B8AAAABA")).field());
        Map<String, Integer> fields = new HashMap<>(UsStateSection.of(UsState.TX, false, false, false, false).fields());
        fields.put("SharingOptOut", 1);
        assertEquals("ustx.SharingOptOut", assertThrows(IabFormatException.class, () -> new UsStateSection(UsState.TX,
                fields, List.of(0, 0, 0, 0, 0, 0, 0, 0), List.of(0), Optional.of(false))).field());
        assertEquals("usut.Gpc", assertThrows(IabFormatException.class,
                () -> new UsStateSection(UsState.UT, UsStateSection.of(UsState.UT, false, false, false, false).fields(),
                        List.of(0, 0, 0, 0, 0, 0, 0, 0), List.of(0), Optional.of(true))).field());
        assertEquals("usor.SensitiveDataProcessing", assertThrows(IabFormatException.class,
                () -> new UsStateSection(UsState.OR, UsStateSection.of(UsState.OR, false, false, false, false).fields(),
                        List.of(0), List.of(0, 0, 0), Optional.empty())).field());
        assertEquals("usca", assertThrows(IabFormatException.class, () -> new OtherSection(8, "BAAAAABA")).field());
        Map<String, Integer> notCovered = new HashMap<>(UsStateSection.of(UsState.NJ, false, false, false, false).fields());
        notCovered.put("MspaCoveredTransaction", 0);
        assertEquals("usnj.MspaCoveredTransaction", assertThrows(IabFormatException.class, () -> new UsStateSection(
                UsState.NJ, notCovered, Collections.nCopies(10, 0), Collections.nCopies(5, 0), Optional.empty())).field());
    }

    @Test
    void everyStateHasItsJurisdictionAndId() {
        assertEquals(Optional.of(UsState.CA), UsState.forJurisdiction("us-ca"));
        assertEquals(Optional.empty(), UsState.forJurisdiction("US-MD"));
        assertEquals(Arrays.stream(UsState.values()).map(UsState::id).toList(),
                List.of(8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23));
        for (UsState s : UsState.values()) {
            assertEquals(s.sectionName(), OtherSection.nameOf(s.id()));
        }
    }

    @Provide
    static Arbitrary<UsStateSection> sections() {
        Arbitrary<Integer> code = Arbitraries.integers().between(0, 2);
        return Arbitraries.of(UsState.values()).flatMap(state -> Combinators.combine(
                code.list().ofSize(state.leadingFields().size() + state.trailingFields().size()),
                code.list().ofSize(state.sensitiveDataCount()), code.list().ofSize(state.knownChildCount()),
                Arbitraries.integers().between(state.mspaCoveredMayBeNotApplicable() ? 0 : 1, 2),
                Arbitraries.of(true, false).optional())
                .as((values, sensitive, child, covered, gpc) -> {
                    Map<String, Integer> f = new HashMap<>();
                    int i = 0;
                    for (String name : state.leadingFields()) {
                        f.put(name, values.get(i++));
                    }
                    for (String name : state.trailingFields()) {
                        f.put(name, values.get(i++));
                    }
                    f.put("MspaCoveredTransaction", covered);
                    return new UsStateSection(state, f, sensitive, child, state.hasGpc() ? gpc : Optional.empty());
                }));
    }

    @Property(tries = 300)
    void stateSectionsRoundTrip(@ForAll("sections") UsStateSection section) {
        assertEquals(section, UsStateSection.decode(section.state(), section.encode()));
        GppString gpp = GppString.of(section);
        assertEquals(gpp, GppString.parse(gpp.encode()));
    }

    @Property(tries = 500)
    void corruptedStateSectionsFailOnlyWithTheFormatException(@ForAll("sections") UsStateSection section,
                                                             @ForAll int position, @ForAll char replacement) {
        String text = section.encode();
        int at = Math.floorMod(position, text.length());
        for (String s : List.of(text.substring(0, at) + replacement + text.substring(at + 1), text.substring(0, at),
                text + text)) {
            try {
                UsStateSection.decode(section.state(), s);
            } catch (IabFormatException e) {
                assertTrue(e.field().startsWith(section.name()), e.getMessage());
            }
        }
    }
}
