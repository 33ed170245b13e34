package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.jurisdiction.Regime;

final class RecordJsonProperties {

    @Provide
    Arbitrary<ConsentRecord> records() {
        return RecordArbitraries.records();
    }

    @Provide
    Arbitrary<String> hashes() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    }

    @Property(tries = 250)
    void formatThenParseGivesBackTheSameChainedRecord(@ForAll("records") ConsentRecord record,
                                                      @ForAll @LongRange(min = 1) long seq, @ForAll("hashes") String prev) {
        ChainedRecord chained = ChainedRecord.after(new ChainHead(seq - 1, prev), record);

        ChainedRecord parsed = RecordJson.parse(RecordJson.format(chained));

        assertEquals(chained, parsed);
        assertEquals(record, parsed.record());
    }

    @Property(tries = 250)
    void theFormIsOneLineThatStartsWithTheVersionAndEndsWithTheHash(@ForAll("records") ConsentRecord record) {
        ChainedRecord chained = ChainedRecord.after(ChainHead.EMPTY, record);

        String line = RecordJson.format(chained);

        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertTrue(line.startsWith("{\"v\":1,\"seq\":1,\"prev\":\"" + "0".repeat(64) + "\",\"type\":\"consent\","), line);
        assertTrue(line.endsWith(",\"hash\":\"" + chained.hash() + "\"}"), line);
    }

    @Property(tries = 250)
    void theHashIsSha256OfTheLineWithoutItsHashField(@ForAll("records") ConsentRecord record) throws Exception {
        ChainedRecord chained = ChainedRecord.after(new ChainHead(41, "ab".repeat(32)), record);
        String line = RecordJson.format(chained);
        String withoutHash = line.substring(0, line.lastIndexOf(",\"hash\":")) + "}";

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(withoutHash.getBytes(StandardCharsets.UTF_8));

        assertEquals(HexFormat.of().formatHex(digest), chained.hash());
    }

    @Property(tries = 250)
    void formattingIsDeterministicWhateverTheMapOrder(@ForAll("records") ConsentRecord record) {
        ConsentRecord reordered = new ConsentRecord(record.id(), record.subjectId(), record.timestamp(),
                record.jurisdiction(), record.regime(), record.laws(), record.catalogRevision(),
                new java.util.LinkedHashMap<>(reverse(record.categories())), reverse(record.services()), record.method(),
                record.gpc(), record.locale(), record.textsHash(), record.clientAddress(), record.userAgent());

        assertEquals(RecordJson.format(ChainedRecord.after(ChainHead.EMPTY, record)),
                RecordJson.format(ChainedRecord.after(ChainHead.EMPTY, reordered)));
    }

    @Property(tries = 250)
    void anyStringEitherParsesOrIsRejectedWithAClearMessage(@ForAll String junk) {
        try {
            RecordJson.parse(junk);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("not a valid consent record line: "), e.getMessage());
        }
    }

    @Property(tries = 250)
    void anySingleCharacterChangeIsRejected(@ForAll("records") ConsentRecord record,
                                            @ForAll("positions") double where, @ForAll char replacement) {
        String line = RecordJson.format(ChainedRecord.after(ChainHead.EMPTY, record));
        int i = (int) (where * line.length());
        if (line.charAt(i) == replacement) {
            return;
        }
        String edited = line.substring(0, i) + replacement + line.substring(i + 1);

        assertThrows(IllegalArgumentException.class, () -> RecordJson.parse(edited));
    }

    @Provide
    Arbitrary<Double> positions() {
        return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
    }

    @Example
    void reformattedButEquivalentJsonIsRejectedAsNotCanonical() {
        ConsentRecord record = ConsentRecord.builder("subject-1", Instant.parse("2026-11-22T10:15:30Z"))
                .jurisdiction("FR", Regime.OPT_IN, List.of("GDPR")).method(ConsentMethod.ACCEPT_ALL).build();
        String line = RecordJson.format(ChainedRecord.after(ChainHead.EMPTY, record));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordJson.parse(line.replace("\"laws\":[", "\"laws\": [")));

        assertTrue(e.getMessage().contains("canonical"), e.getMessage());
    }

    @Example
    void aNewerVersionIsRejectedNamingTheVersion() {
        ConsentRecord record = ConsentRecord.builder("subject-1", Instant.parse("2026-11-22T10:15:30Z")).build();
        String line = RecordJson.format(ChainedRecord.after(ChainHead.EMPTY, record));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordJson.parse(line.replace("{\"v\":1,", "{\"v\":2,")));

        assertTrue(e.getMessage().contains("version 2 is not supported"), e.getMessage());
    }

    @Example
    void theDocumentedExampleLineVerifies() {
        ConsentRecord record = ConsentRecord.builder("9b2f6c1e-55a4-4f7e-9d0a-3c1b2a4d5e6f",
                        Instant.parse("2026-11-22T10:15:30.123Z"))
                .id(UUID.fromString("019aab3c-1e2b-7c4d-8e5f-6a7b8c9d0e1f"))
                .jurisdiction("FR", Regime.OPT_IN, List.of("GDPR", "ePrivacy Directive Art. 5(3)"))
                .catalogRevision("r-4f1c9a")
                .categories(Map.of("necessary", Choice.GRANTED, "analytics", Choice.GRANTED, "marketing", Choice.DENIED))
                .method(ConsentMethod.CUSTOM).locale("fr").textsHash("sha256:1f2e3d")
                .clientAddress(AddressTruncation.DEFAULT.apply("203.0.113.77")).build();
        String line = RecordJson.format(ChainedRecord.after(ChainHead.EMPTY, record));

        assertEquals(record, RecordJson.parse(line).record());
        assertTrue(line.contains("\"clientAddress\":\"203.0.113.0/24\""), line);
        assertTrue(line.contains("\"categories\":{\"analytics\":\"GRANTED\",\"marketing\":\"DENIED\",\"necessary\":\"GRANTED\"}"), line);
    }

    private static Map<String, Choice> reverse(Map<String, Choice> map) {
        java.util.LinkedHashMap<String, Choice> out = new java.util.LinkedHashMap<>();
        List<String> keys = new java.util.ArrayList<>(map.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> out.put(k, map.get(k)));
        return out;
    }
}
