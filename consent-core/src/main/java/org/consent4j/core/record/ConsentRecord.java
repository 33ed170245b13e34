package org.consent4j.core.record;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.jurisdiction.Regime;

/**
 * Proof of one choice, withdrawal or signal-driven opt-out: who (pseudonymously), when, where, under
 * which catalog, what, how, and with which signals.
 *
 * <p>Records are chained per log by their sink (see {@link ConsentRecordSink}); the record itself
 * carries no chain fields. Immutable.
 *
 * @param id              time-ordered unique id
 * @param subjectId       pseudonymous visitor id (from the consent cookie), never a name or e-mail
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
 * @param clientAddress   the client address, truncated as configured; empty when not kept (the default)
 * @param userAgent       the user agent; empty when not kept
 */
public record ConsentRecord(UUID id, String subjectId, Instant timestamp, String jurisdiction, Regime regime,
                            List<String> laws, String catalogRevision, Map<String, Choice> categories,
                            Map<String, Choice> services, ConsentMethod method, boolean gpc, String locale,
                            String textsHash, String clientAddress, String userAgent) {

    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(regime, "regime");
        laws = List.copyOf(laws);
        Objects.requireNonNull(catalogRevision, "catalogRevision");
        categories = java.util.Collections.unmodifiableMap(new TreeMap<>(categories));
        services = java.util.Collections.unmodifiableMap(new TreeMap<>(services));
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(textsHash, "textsHash");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** A builder; id defaults to a new time-ordered UUID, text fields to empty. */
    public static Builder builder(String subjectId, Instant timestamp) {
        return new Builder(subjectId, timestamp);
    }

    /** Builds a {@link ConsentRecord}. Not thread-safe. */
    public static final class Builder {
        private UUID id;
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

        public Builder id(UUID id) { this.id = id; return this; }
        public Builder jurisdiction(String code, Regime regime, List<String> laws) {
            this.jurisdiction = code;
            this.regime = regime;
            this.laws = laws;
            return this;
        }
        public Builder catalogRevision(String revision) { this.catalogRevision = revision; return this; }
        public Builder categories(Map<String, Choice> categories) { this.categories = categories; return this; }
        public Builder services(Map<String, Choice> services) { this.services = services; return this; }
        public Builder method(ConsentMethod method) { this.method = method; return this; }
        public Builder gpc(boolean gpc) { this.gpc = gpc; return this; }
        public Builder locale(String locale) { this.locale = locale; return this; }
        public Builder textsHash(String hash) { this.textsHash = hash; return this; }
        public Builder clientAddress(String address) { this.clientAddress = address; return this; }
        public Builder userAgent(String userAgent) { this.userAgent = userAgent; return this; }

        public ConsentRecord build() {
            UUID recordId = id != null ? id : RecordIds.next(timestamp);
            return new ConsentRecord(recordId, subjectId, timestamp, jurisdiction, regime, laws, catalogRevision,
                    categories, services, method, gpc, locale, textsHash, clientAddress, userAgent);
        }
    }
}
