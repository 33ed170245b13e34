package org.consent4j.iab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Example strings published with the IAB specifications and the IAB Tech Lab's reference libraries:
 * decoding gives the documented fields and re-encoding gives the same text.
 */
final class PublishedExamplesTest {

    @Test
    void gppHeadersOfTheSpecification() {
        // "Consent String Specification", header examples: TCF EU only; TCF EU + USP; TCF CA + USP.
        TcString tc = TcString.parse("COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA");
        assertEquals("DBABM", GppString.of(new TcfEuV2Section(tc)).encode().split("~")[0]);
        assertEquals("DBACNY", GppString.of(new TcfEuV2Section(tc), new UspV1Section(UsPrivacy.parse("1YNN")))
                .encode().split("~")[0]);
        assertEquals("DBABjw", GppString.of(new OtherSection(5, "BPXuQIAPXuQIAAfKABENB-CgAAAAAAAAAAAAAAAA"),
                new UspV1Section(UsPrivacy.parse("1YNN"))).encode().split("~")[0]);
        assertEquals(List.of(2, 6), GppString.parse("DBACNY~" + tc.encode() + "~1YNN").sectionIds());
        assertEquals(List.of(5, 6), GppString.parse("DBABjw~BPXuQIAPXuQIAAfKABENB-CgAAAAAAAAAAAAAAAA~1YNN").sectionIds());
    }

    @Test
    void usNatExamplesDecodeAndEncodeBack() {
        // IAB Tech Lab iabgpp-java, UsNat section tests (legacy layout: 12 sensitive-data entries).
        UsNat all = GppString.parse("DBABLA~BVVVkkkklWA.YA").usNat().orElseThrow();
        assertEquals(1, all.sharingNotice());
        assertEquals(1, all.saleOptOut());
        assertEquals(1, all.targetedAdvertisingOptOut());
        assertEquals(List.of(2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0), all.sensitiveDataProcessing());
        assertEquals(List.of(2, 1), all.knownChildSensitiveDataConsents());
        assertEquals(1, all.mspaCoveredTransaction());
        assertEquals(2, all.mspaServiceProviderMode());
        assertEquals(Optional.of(true), all.gpc());
        assertEquals("BVVVkkkklWA.YA", all.encode());
        UsNat empty = UsNat.decode("BAAAAAAAAQA.QA");
        assertEquals(Optional.of(false), empty.gpc());
        assertEquals("BAAAAAAAAQA.QA", empty.encode());
    }

    @Test
    void tcStringFieldsAsDocumented() {
        // iabtcf-java TCStringV2Test: a string made with the IAB's encoder.
        TcString tc = TcString.parse("COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA");
        assertEquals(Instant.parse("2020-01-26T17:01:00Z"), tc.created());
        assertEquals(Instant.parse("2021-02-02T17:01:00Z"), tc.lastUpdated());
        assertEquals(675, tc.cmpId());
        assertEquals(2, tc.cmpVersion());
        assertEquals(1, tc.consentScreen());
        assertEquals(15, tc.vendorListVersion());
        assertEquals(2, tc.policyVersion());
        assertEquals("EN", tc.consentLanguage());
        assertEquals("AA", tc.publisherCountryCode());
        assertFalse(tc.serviceSpecific());
        assertTrue(tc.purposeOneTreatment());
        assertFalse(tc.useNonStandardTexts());
        assertEquals(IdSet.of(1), tc.specialFeatureOptIns());
        assertEquals(IdSet.of(2, 10), tc.purposesConsent());
        assertEquals(IdSet.of(2, 9), tc.purposesLegitimateInterest());
        assertTrue(tc.v22Problems().stream().anyMatch(p -> p.contains("TcfPolicyVersion")), tc.v22Problems().toString());
        assertTrue(tc.v22Problems().stream().anyMatch(p -> p.contains("IsServiceSpecific")), tc.v22Problems().toString());
    }

    @Test
    void vendorsRangesAndSegments() {
        TcString bits = TcString.parse("COrEAV4OrXx94ACABBENAHCIAD-AAAAAAACAAxAAAAgAIAwgAgAAAAEAgQAAAAAEAYQAQAAAACAAAABAAA");
        assertEquals(IdSet.of(3, 4, 5, 6, 7, 8, 9), bits.purposesConsent());
        assertEquals(IdSet.of(23, 37, 47, 48, 53, 65, 98), bits.vendorConsents().vendors());
        assertEquals(IdSet.of(37, 47, 48, 53, 65, 98, 129), bits.vendorLegitimateInterests().vendors());
        TcString li = TcString.parse("COv__-wOv__-wC2AAAENAPCgAAAAAAAAAAAAA_wAQA_gEBABAEAAAA");
        assertEquals(IdSet.of(128), li.vendorLegitimateInterests().vendors());
        TcString twoRanges = TcString.parse("COwBOpCOwBOpCLqAAAENAPCAAAAAAAAAAAAAFfwAYFfAV-BVkAGBVYFWAAA");
        assertEquals(IdSet.of(702, 703), twoRanges.vendorConsents().vendors());
        TcString publisher = TcString.parse("COrEAV4OrXx94ACABBENAHCIAD-AAAAAAACAAxAAAAgAIAwgAgAAAAEAgQAAAAAEAYQAQAAAACAAAABAAA.cAAAAAAAITg=");
        assertEquals(1, publisher.publisherTc().orElseThrow().purposesConsent().ids().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA",
        "COrEAV4OrXx94ACABBENAHCIAD-AAAAAAACAAxAAAAgAIAwgAgAAAAEAgQAAAAAEAYQAQAAAACAAAABAAA",
        "COv__-wOv__-wC2AAAENAPCgAAAAAAAAAAAAA_wAQA_gEBABAEAAAA",
        "COwBOpCOwBOpCLqAAAENAPCAAAAAAAAAAAAAFfwAYFfAV-BVkAGBVYFWAAA",
        "COwBOpCOwBOpCLqAAAENAPCAAAAAAAAAAAAAFfwAQFfgUbABAUaAAA",
        "COwxsONOwxsONKpAAAENAdCAAMAAAAAAAAAAAAAAAAAA"})
    void tcStringsEncodeBackToTheSameText(String text) {
        assertEquals(text, TcString.parse(text).encode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1YNN", "1NYN", "1-Y-", "1---"})
    void usPrivacyExamples(String text) {
        assertEquals(text, UsPrivacy.parse(text).encode());
    }
}
