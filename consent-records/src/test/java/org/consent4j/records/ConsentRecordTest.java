package org.consent4j.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.jurisdiction.Regime;
import org.junit.jupiter.api.Test;

final class ConsentRecordTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00.123456Z");

    @Test
    void theBuilderDefaultsToATimeOrderedIdAndEmptyTexts() {
        ConsentRecord r = ConsentRecord.builder("subject", NOW).build();

        assertEquals(7, r.id().version());
        assertEquals(NOW.toEpochMilli(), r.id().getMostSignificantBits() >>> 16);
        assertEquals(Regime.OPT_IN, r.regime());
        assertEquals(ConsentMethod.CUSTOM, r.method());
        assertEquals(List.of("", "", "", "", ""), List.of(r.locale(), r.textsHash(), r.clientAddress(), r.userAgent(), r.catalogRevision()));
        assertEquals(Signals.NONE, r.signals());
    }

    @Test
    void idsOfRecordsMadeLaterSortLater() {
        ConsentRecord earlier = ConsentRecord.builder("s", NOW).build();
        ConsentRecord later = ConsentRecord.builder("s", NOW.plusMillis(1)).build();

        assertTrue(earlier.id().toString().compareTo(later.id().toString()) < 0);
    }

    @Test
    void theBuilderTakesEveryField() {
        Map<String, Choice> categories = new LinkedHashMap<>();
        categories.put("marketing", Choice.DENIED);
        categories.put("analytics", Choice.GRANTED);

        ConsentRecord r = ConsentRecord.builder("subject", NOW).jurisdiction("US-CA", Regime.OPT_OUT, List.of("CCPA"))
                .catalogRevision("r9").categories(categories).services(Map.of("segmetrics", Choice.DENIED))
                .method(ConsentMethod.GPC_OPT_OUT).signals(Signals.GPC).locale("en").textsHash("h")
                .clientAddress("198.51.100.0/24").userAgent("UA").build();

        assertEquals(List.of("analytics", "marketing"), List.copyOf(r.categories().keySet()));
        assertEquals(Signals.GPC, r.signals());
        assertEquals("US-CA", r.jurisdiction());
        assertEquals(Map.of("segmetrics", Choice.DENIED), r.services());
    }

    @Test
    void anEmptySubjectIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsentRecord.builder("", NOW).build());

        assertTrue(e.getMessage().contains("pseudonymous id"), e.getMessage());
    }

    @Test
    void aSubjectIdLongerThanAnIdIsRefused() {
        ConsentRecord.builder("s".repeat(256), NOW).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConsentRecord.builder("s".repeat(257), NOW).build());

        assertTrue(e.getMessage().contains("257 characters long; at most 256"), e.getMessage());
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharactersAndLongUserAgentsAreCut() {
        ConsentRecord r = ConsentRecord.builder("a\uD800b", NOW).userAgent("x".repeat(511) + "😀" + "y".repeat(100)).build();

        assertEquals("a\uFFFDb", r.subjectId());
        assertEquals(511, r.userAgent().length());
        assertEquals("x".repeat(511), r.userAgent());
    }
}
