package org.consent4j.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.jurisdiction.Regime;
import org.jspecify.annotations.Nullable;
import org.consent4j.records.internal.RecordIds;
import org.consent4j.records.internal.Text;

/**
 * Proof of one choice, withdrawal or signal-driven opt-out: who (pseudonymously), when, where, under
 * which catalog, what, how, and with which signals.
 *
 * <p>Records are chained per log by their sink (see {@link ConsentRecordSink} and {@link ChainedRecord});
 * the record itself carries no chain fields. Immutable. Text fields are kept as given, except that
 * unpaired UTF-16 surrogates become U+FFFD (so the JSON form round-trips exactly) and the user agent is
 * cut to 512 characters. Category and service maps are sorted by id.
 *
 * @param id              time-ordered unique id (UUID version 7)
 * @param subjectId       pseudonymous visitor id (from the consent cookie), never a name or e-mail; 1 to
 *                        {@value #MAX_SUBJECT_ID} characters
 * @param timestamp       when the choice was made
 * @param jurisdiction    the jurisdiction code the choice was made under
 * @param regime          that jurisdiction's regime
 * @param laws            the laws shown to the visitor
 * @param catalogRevision the catalog revision shown
 * @param categories      category id to choice
 * @param services        service id to choice, where given per service
 * @param method          how the choice was made
 * @param gpc             whether Global Privacy Control was on
 * @param locale          the language of the texts shown, e.g. {@code fr}; empty if unknown
 * @param textsHash       a hash of the banner texts shown; empty if unknown
 * @param clientAddress   the client address, truncated as configured (see {@link AddressTruncation});
 *                        empty when not kept (the default)
 * @param userAgent       the user agent; empty when not kept
 */
public record ConsentRecord(UUID id, String subjectId, Instant timestamp, String jurisdiction, Regime regime,
                            List<String> laws, String catalogRevision, Map<String, Choice> categories,
                            Map<String, Choice> services, ConsentMethod method, boolean gpc, String locale,
                            String textsHash, String clientAddress, String userAgent) {

    /** The longest subject id accepted, in characters. */
    public static final int MAX_SUBJECT_ID = 256;

    /** Checks the components, cleans their text and limits the subject id's length. */
    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subjectId, "subjectId");
        if (subjectId.isEmpty()) {
            throw new IllegalArgumentException("subjectId is empty; every consent record needs the visitor's pseudonymous id");
        }
        if (subjectId.length() > MAX_SUBJECT_ID) {
            throw new IllegalArgumentException("subjectId is " + subjectId.length() + " characters long; at most "
                    + MAX_SUBJECT_ID + " are allowed (a pseudonymous id such as a UUID, not free text)");
        }
        subjectId = Text.clean(subjectId);
        Objects.requireNonNull(timestamp, "timestamp");
        jurisdiction = Text.clean(Objects.requireNonNull(jurisdiction, "jurisdiction"));
        Objects.requireNonNull(regime, "regime");
        laws = cleanList(Objects.requireNonNull(laws, "laws"));
        catalogRevision = Text.clean(Objects.requireNonNull(catalogRevision, "catalogRevision"));
        categories = cleanMap(Objects.requireNonNull(categories, "categories"), "categories");
        services = cleanMap(Objects.requireNonNull(services, "services"), "services");
        Objects.requireNonNull(method, "method");
        locale = Text.clean(Objects.requireNonNull(locale, "locale"));
        textsHash = Text.clean(Objects.requireNonNull(textsHash, "textsHash"));
        clientAddress = Text.clean(Objects.requireNonNull(clientAddress, "clientAddress"));
        userAgent = Text.cleanAndCut(Objects.requireNonNull(userAgent, "userAgent"), Text.MAX_USER_AGENT);
    }

    /** The signals that were present, as the decision engine sees them. */
    public Signals signals() {
        return Signals.of(gpc);
    }

    /** A builder; id defaults to a new time-ordered UUID, text fields to empty. */
    public static Builder builder(String subjectId, Instant timestamp) {
        return new Builder(subjectId, timestamp);
    }

    private static List<String> cleanList(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(Text.clean(Objects.requireNonNull(v, "laws contains null")));
        }
        return List.copyOf(out);
    }

    private static Map<String, Choice> cleanMap(Map<String, Choice> values, String what) {
        TreeMap<String, Choice> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(Text.clean(Objects.requireNonNull(k, what + " has a null id")),
                Objects.requireNonNull(v, what + " has a null choice for '" + k + "'")));
        return Collections.unmodifiableMap(out);
    }

    /** Builds a {@link ConsentRecord}. Not thread-safe. */
    public static final class Builder {
        private @Nullable UUID id;
        private final String subjectId;
        private final Instant timestamp;
        private String jurisdiction = "";
        private Regime regime = Regime.OPT_IN;
        private List<String> laws = List.of();
        private String catalogRevision = "";
        private Map<String, Choice> categories = Map.of();
        private Map<String, Choice> services = Map.of();
        private ConsentMethod method = ConsentMethod.CUSTOM;
        private boolean gpc;
        private String locale = "";
        private String textsHash = "";
        private String clientAddress = "";
        private String userAgent = "";

        private Builder(String subjectId, Instant timestamp) {
            this.subjectId = subjectId;
            this.timestamp = timestamp;
        }

        /** The record id; by default a new time-ordered UUID derived from the timestamp. */
        public Builder id(UUID id) { this.id = id; return this; }

        /** The jurisdiction code, its regime and the laws shown. */
        public Builder jurisdiction(String code, Regime regime, List<String> laws) {
            this.jurisdiction = code;
            this.regime = regime;
            this.laws = laws;
            return this;
        }

        /** The catalog revision shown to the visitor. */
        public Builder catalogRevision(String revision) { this.catalogRevision = revision; return this; }

        /** Category id to choice. */
        public Builder categories(Map<String, Choice> categories) { this.categories = categories; return this; }

        /** Service id to choice, where the visitor chose per service. */
        public Builder services(Map<String, Choice> services) { this.services = services; return this; }

        /** How the choice was made. */
        public Builder method(ConsentMethod method) { this.method = method; return this; }

        /** Whether Global Privacy Control was on. */
        public Builder gpc(boolean gpc) { this.gpc = gpc; return this; }

        /** The signals present (today: GPC); same as {@code gpc(signals.gpc())}. */
        public Builder signals(Signals signals) { this.gpc = signals.gpc(); return this; }

        /** The language of the texts shown. */
        public Builder locale(String locale) { this.locale = locale; return this; }

        /** A hash of the banner texts shown. */
        public Builder textsHash(String hash) { this.textsHash = hash; return this; }

        /** The client address, already truncated (see {@link AddressTruncation#apply}). */
        public Builder clientAddress(String address) { this.clientAddress = address; return this; }

        /** The user agent, if the site keeps it. */
        public Builder userAgent(String userAgent) { this.userAgent = userAgent; return this; }

        /**
         * Builds the record.
         *
         * @throws IllegalArgumentException if the subject id is empty or longer than {@value #MAX_SUBJECT_ID} characters
         * @throws NullPointerException     if a field was set to null
         */
        public ConsentRecord build() {
            UUID recordId = id != null ? id : RecordIds.next(timestamp);
            return new ConsentRecord(recordId, subjectId, timestamp, jurisdiction, regime, laws, catalogRevision,
                    categories, services, method, gpc, locale, textsHash, clientAddress, userAgent);
        }
    }
}
