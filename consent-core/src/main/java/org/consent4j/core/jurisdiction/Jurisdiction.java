package org.consent4j.core.jurisdiction;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.SensitiveData;

/**
 * The consent rules of one place over one stretch of time: an ISO 3166-1 country ({@code FR}), an
 * ISO 3166-2 subdivision ({@code US-CA}), or the {@value #DEFAULT_CODE} entry used when the location
 * is unknown.
 *
 * <p>Rules are dated: an entry applies from {@link #from()} (inclusive) until {@link #until()}
 * (exclusive), both in UTC. Before a law takes effect the location resolves to its country, then to the
 * fallback (see {@link JurisdictionTable#resolve(String, LocalDate)}); a place whose law changes has
 * one entry per period. Within an entry, honouring Global Privacy Control becomes a legal duty on
 * {@link #gpcDutyFrom()}.
 *
 * @param code                {@code FR}, {@code US-CA}, or {@value #DEFAULT_CODE}
 * @param name                display name
 * @param regime              how consent works there
 * @param regimeByLaw         whether a law sets this regime; {@code false} when the regime is the
 *                            protective reading chosen where the law is unclear or unknown (the default
 *                            entry, Switzerland, Brazil...), so decisions say it is site policy
 * @param from                first day the entry applies; {@link #ALWAYS} when it has no start
 * @param until               first day it no longer applies; {@link #OPEN} when it has no end
 * @param gpcHonoured         whether Global Privacy Control opts the visitor out there where no law
 *                            requires it yet (the table's site-policy default; a site can turn all such
 *                            honouring off in the engine)
 * @param gpcDutyFrom         the day from which a law makes honouring GPC a duty; {@link #OPEN} when none does
 * @param grantOverGpcAllowed whether the law lets an explicit grant given while GPC is on win over the
 *                            signal (California 11 CCR §7025(c)(3), Colorado CPA Rule 5.09)
 * @param choiceAge           how long a choice lasts before the visitor is asked again, in calendar
 *                            years, months and days counted in UTC; a grant never outlives it
 * @param sensitiveOptIn      kinds of sensitive data that need an explicit grant there whatever the regime
 * @param exemptions          consent exemptions the law offers and a site may turn on (with the notice they require)
 * @param laws                the laws that apply, as shown to the visitor and written in records
 * @param source              where these facts come from (statute, article, regulator guidance)
 * @param sourceUrl           a link to the statute or the regulator's page; empty only in a site's own files
 * @param note                judgement calls and open questions, or empty
 */
public record Jurisdiction(String code, String name, Regime regime, boolean regimeByLaw, LocalDate from,
                           LocalDate until, boolean gpcHonoured, LocalDate gpcDutyFrom, boolean grantOverGpcAllowed,
                           Period choiceAge, Set<SensitiveData> sensitiveOptIn, List<Exemption> exemptions,
                           List<String> laws, String source, String sourceUrl, String note) {

    /** The code of the entry used for unknown locations. */
    public static final String DEFAULT_CODE = "default";
    /** The {@link #from()} of an entry with no start. */
    public static final LocalDate ALWAYS = LocalDate.MIN;
    /** The {@link #until()} of an entry with no end, and the {@link #gpcDutyFrom()} where no law requires GPC. */
    public static final LocalDate OPEN = LocalDate.MAX;

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    /** Checks the code, the dates and the choice age, and copies the collections. */
    public Jurisdiction {
        Objects.requireNonNull(code, "code");
        if (!code.equals(DEFAULT_CODE) && !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("jurisdiction code '" + code
                    + "' is not an ISO 3166-1 alpha-2 country (FR) or ISO 3166-2 subdivision (US-CA), nor '"
                    + DEFAULT_CODE + "'");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("jurisdiction " + code + " starts on " + from + ", not before it ends on " + until);
        }
        Objects.requireNonNull(gpcDutyFrom, "gpcDutyFrom");
        Objects.requireNonNull(choiceAge, "choiceAge");
        if (choiceAge.isNegative() || choiceAge.isZero()) {
            throw new IllegalArgumentException("choiceAge of " + code + " must be positive, was " + choiceAge);
        }
        sensitiveOptIn = sensitiveOptIn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sensitiveOptIn));
        exemptions = List.copyOf(exemptions);
        laws = List.copyOf(laws);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        Objects.requireNonNull(note, "note");
    }

    /**
     * An undated entry set by law, without sensitive-data rules or exemptions: the form of earlier
     * releases. {@code maxChoiceAge} is taken as a number of days.
     *
     * @param gpcSince ISO date since which honouring GPC is a legal duty, or empty
     */
    public Jurisdiction(String code, String name, Regime regime, boolean gpcHonoured, String gpcSince,
                        Duration maxChoiceAge, List<String> laws, String source) {
        this(code, name, regime, true, ALWAYS, OPEN, gpcHonoured, day(gpcSince, code),
                false, Period.ofDays(Math.toIntExact(maxChoiceAge.toDays())), Set.of(), List.of(), laws, source, "", "");
    }

    private static LocalDate day(String text, String code) {
        if (text.isEmpty()) {
            return OPEN;
        }
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("gpcSince '" + text + "' of " + code + " is not an ISO date (YYYY-MM-DD) or empty", e);
        }
    }

    /** A builder for an entry with the given code, name and regime, set by law, undated, 12-month choice age. */
    public static Builder builder(String code, String name, Regime regime) {
        return new Builder(code, name, regime);
    }

    /** A builder holding this entry's values, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder(code, name, regime).regimeByLaw(regimeByLaw).from(from).until(until)
                .gpcHonoured(gpcHonoured).gpcDutyFrom(gpcDutyFrom).grantOverGpcAllowed(grantOverGpcAllowed)
                .choiceAge(choiceAge).source(source).sourceUrl(sourceUrl).note(note);
        b.sensitiveOptIn.addAll(sensitiveOptIn);
        b.exemptions.addAll(exemptions);
        b.laws.addAll(laws);
        return b;
    }

    /** Whether this is the fallback entry for unknown locations. */
    public boolean isDefault() {
        return code.equals(DEFAULT_CODE);
    }

    /** Whether the entry applies on {@code day} (UTC). */
    public boolean inEffectOn(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(until);
    }

    /** Whether a law requires honouring GPC here on {@code day} (UTC). */
    public boolean gpcDutyOn(LocalDate day) {
        return !day.isBefore(gpcDutyFrom);
    }

    /** The day honouring GPC became a legal duty, as an ISO date, or empty when no law requires it. */
    public String gpcSince() {
        return gpcDutyFrom.equals(OPEN) ? "" : gpcDutyFrom.toString();
    }

    /**
     * When a choice made at {@code decidedAt} stops counting: {@code decidedAt} plus the
     * {@linkplain #choiceAge() choice age} in calendar arithmetic on the UTC date (six months from
     * 31 August is 28 or 29 February, end of day kept).
     */
    public Instant expiresAt(Instant decidedAt) {
        return decidedAt.atOffset(ZoneOffset.UTC).plus(choiceAge).toInstant();
    }

    /**
     * The longest the {@linkplain #choiceAge() choice age} can last (a month counted as 31 days, a year
     * as 366): a safe upper bound for a cookie's lifetime. Decisions use {@link #expiresAt(Instant)}.
     */
    public Duration maxChoiceAge() {
        return Duration.ofDays(choiceAge.getYears() * 366L + choiceAge.getMonths() * 31L + choiceAge.getDays());
    }

    /** The exemption with this id, if the entry offers one. */
    public java.util.Optional<Exemption> exemption(String id) {
        return exemptions.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Builds a {@link Jurisdiction}. Not thread-safe. */
    public static final class Builder {
        private final String code;
        private final String name;
        private Regime regime;
        private boolean regimeByLaw = true;
        private LocalDate from = ALWAYS;
        private LocalDate until = OPEN;
        private boolean gpcHonoured;
        private LocalDate gpcDutyFrom = OPEN;
        private boolean grantOverGpcAllowed;
        private Period choiceAge = Period.ofMonths(12);
        private final Set<SensitiveData> sensitiveOptIn = EnumSet.noneOf(SensitiveData.class);
        private final List<Exemption> exemptions = new ArrayList<>();
        private final List<String> laws = new ArrayList<>();
        private String source = "";
        private String sourceUrl = "";
        private String note = "";

        private Builder(String code, String name, Regime regime) {
            this.code = code;
            this.name = name;
            this.regime = regime;
        }

        /** The consent regime. */
        public Builder regime(Regime regime) { this.regime = regime; return this; }
        /** Whether a law sets the regime; false for the protective reading where the law is unclear. */
        public Builder regimeByLaw(boolean byLaw) { this.regimeByLaw = byLaw; return this; }
        /** The first day the entry applies. */
        public Builder from(LocalDate from) { this.from = from; return this; }
        /** The first day the entry no longer applies. */
        public Builder until(LocalDate until) { this.until = until; return this; }
        /** Whether a Global Privacy Control signal is honoured as an opt-out. */
        public Builder gpcHonoured(boolean honoured) { this.gpcHonoured = honoured; return this; }
        /** The first day the law requires honouring GPC. */
        public Builder gpcDutyFrom(LocalDate day) { this.gpcDutyFrom = day; return this; }
        /** Whether a visitor's explicit grant may override their GPC signal. */
        public Builder grantOverGpcAllowed(boolean allowed) { this.grantOverGpcAllowed = allowed; return this; }
        /** How long a choice lasts before the visitor is asked again. */
        public Builder choiceAge(Period age) { this.choiceAge = age; return this; }
        /** Adds a kind of sensitive data that needs opt-in consent. */
        public Builder sensitiveOptIn(SensitiveData kind) { sensitiveOptIn.add(kind); return this; }
        /** Adds a consent exemption. */
        public Builder exemption(Exemption exemption) { exemptions.add(exemption); return this; }
        /** Adds a law that applies. */
        public Builder law(String law) { laws.add(law); return this; }
        /** The source of the rules (law, article, regulator guidance). */
        public Builder source(String source) { this.source = source; return this; }
        /** A web address of the source. */
        public Builder sourceUrl(String url) { this.sourceUrl = url; return this; }
        /** Judgement calls and open questions. */
        public Builder note(String note) { this.note = note; return this; }

        /** The entry; throws {@link IllegalArgumentException} naming the bad field. */
        public Jurisdiction build() {
            return new Jurisdiction(code, name, regime, regimeByLaw, from, until, gpcHonoured, gpcDutyFrom,
                    grantOverGpcAllowed, choiceAge, sensitiveOptIn, exemptions, laws, source, sourceUrl, note);
        }
    }
}
