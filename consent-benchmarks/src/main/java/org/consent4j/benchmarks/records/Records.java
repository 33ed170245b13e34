package org.consent4j.benchmarks.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.jurisdiction.Regime;
import org.consent4j.records.ConsentRecord;

/** A realistic record (about 600 bytes as a JSON line): what a banner choice in France produces. */
final class Records {

    private static final Map<String, Choice> CATEGORIES = Map.of("necessary", Choice.GRANTED,
            "functional", Choice.GRANTED, "analytics", Choice.GRANTED, "marketing", Choice.DENIED);

    private Records() {
    }

    static ConsentRecord next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ConsentRecord.builder(new java.util.UUID(random.nextLong(), random.nextLong()).toString(), Instant.now())
                .jurisdiction("FR", Regime.OPT_IN, List.of("GDPR", "ePrivacy Directive Art. 5(3)", "Loi Informatique et Libertés Art. 82"))
                .catalogRevision("r-4f1c9a2b")
                .categories(CATEGORIES)
                .method(ConsentMethod.CUSTOM)
                .locale("fr")
                .textsHash("sha256:1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988")
                .clientAddress("203.0.113.0/24")
                .userAgent("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")
                .build();
    }
}
