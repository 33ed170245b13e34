package org.consent4j.core.jurisdiction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of dated rules: resolution on a day, and calendar expiry. */
final class DatedRulesPropertiesTest {

    private static final JurisdictionTable BUNDLED = Jurisdictions.bundled();

    @Provide
    Arbitrary<String> locations() {
        List<String> codes = new ArrayList<>();
        BUNDLED.entries().forEach(j -> codes.add(j.code()));
        BUNDLED.aliases().forEach(a -> codes.add(a.code()));
        codes.addAll(List.of("ZZ", "US-WY", "CA-ON", "FR-75", "", "garbage"));
        return Arbitraries.of(codes);
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.longs().between(0, 12 * 366).map(d -> LocalDate.of(2020, 1, 1).plusDays(d));
    }

    /** Whatever the place and day, the rules returned are in effect that day, and a later-starting law never applies early. */
    @Property(tries = 2000)
    void resolveWhenAnyPlaceAndDayThenTheEntryIsInEffectThatDay(@ForAll("locations") String location, @ForAll("days") LocalDate day) {
        Jurisdiction j = BUNDLED.resolve(location, day);
        assertTrue(j.isDefault() || j.inEffectOn(day), () -> location + " on " + day + " -> " + j.code() + " " + j.from() + ".." + j.until());
        if (!j.isDefault() && !location.isBlank()) {
            String asked = location.trim().toUpperCase(java.util.Locale.ROOT);
            boolean own = BUNDLED.get(asked, day).isPresent();
            if (own) {
                assertEquals(asked, j.code(), "an entry in effect for the exact code wins");
            }
        }
        assertEquals(j.gpcDutyOn(day), !j.gpcSince().isEmpty() && !day.isBefore(LocalDate.parse(j.gpcSince())));
    }

    /** A choice counts up to the instant its calendar period ends, and not a second longer. */
    @Property(tries = 2000)
    void expiresAtWhenAnyPeriodThenCalendarArithmeticOnTheUtcDate(@ForAll("days") LocalDate day,
                                                                   @ForAll("periods") Period age,
                                                                   @ForAll("seconds") int secondOfDay) {
        Jurisdiction j = Jurisdiction.builder("XX", "x", Regime.OPT_IN).choiceAge(age).build();
        Instant decided = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(secondOfDay);
        Instant expires = j.expiresAt(decided);
        LocalDate end = day.plusMonths(age.toTotalMonths()).plusDays(age.getDays());
        assertEquals(end, LocalDate.ofInstant(expires, ZoneOffset.UTC));
        assertEquals(secondOfDay, expires.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay(), "the time of day is kept");
        assertFalse(j.maxChoiceAge().compareTo(java.time.Duration.between(decided, expires)) < 0,
                "maxChoiceAge is an upper bound, safe for a cookie's lifetime");
    }

    @Provide
    Arbitrary<Period> periods() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 60).map(Period::ofMonths),
                Arbitraries.integers().between(1, 800).map(Period::ofDays),
                Arbitraries.integers().between(1, 4).map(Period::ofYears));
    }

    @Provide
    Arbitrary<Integer> seconds() {
        return Arbitraries.integers().between(0, 86_399);
    }
}
