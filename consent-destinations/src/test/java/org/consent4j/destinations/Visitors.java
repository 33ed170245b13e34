package org.consent4j.destinations;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.testing.Fixtures;

/** Engines and visitors over the test fixtures, at a fixed instant. */
final class Visitors {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Catalog CATALOG = Fixtures.catalog();
    static final ConsentEngine ENGINE = engine(false);

    private Visitors() {
    }

    static ConsentEngine engine(boolean grantMayOverrideGpc) {
        return ConsentEngine.builder().catalog(CATALOG).jurisdictions(Fixtures.jurisdictions())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).grantMayOverrideGpc(grantMayOverrideGpc).build();
    }

    /** A choice made an hour ago under the current catalog. */
    static ConsentState.Builder choice(String jurisdiction) {
        return ConsentState.builder(NOW.minusSeconds(3600), CATALOG.revision()).jurisdiction(jurisdiction)
                .method(ConsentMethod.CUSTOM);
    }

    static VisitorConsent visitor(String location, boolean gpc) {
        return ENGINE.evaluate(location, Signals.of(gpc), Optional.empty());
    }

    static VisitorConsent visitor(String location, boolean gpc, ConsentState state) {
        return ENGINE.evaluate(location, Signals.of(gpc), Optional.of(state));
    }
}
