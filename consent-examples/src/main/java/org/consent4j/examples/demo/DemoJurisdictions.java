package org.consent4j.examples.demo;

import java.time.Duration;
import java.util.List;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.consent4j.core.jurisdiction.Regime;

/**
 * Where the demo's visitors may come from: France and Germany (opt-in), California (opt-out, GPC
 * honoured), and an opt-in fallback for every other or unknown location. The registration examples
 * use it too.
 */
public final class DemoJurisdictions {

    private DemoJurisdictions() {
    }

    /** France, Germany, California and the opt-in fallback. */
    public static JurisdictionTable table() {
        // CNIL deliberation 2020-091 (guidelines on cookies): ask again after about six months.
        Jurisdiction fr = new Jurisdiction("FR", "France", Regime.OPT_IN, false, "", Duration.ofDays(182),
                List.of("GDPR", "ePrivacy Directive", "Loi Informatique et Libertés Art. 82"), "CNIL deliberation 2020-091");
        // § 25 TDDDG (Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz): consent before storage or access.
        Jurisdiction de = new Jurisdiction("DE", "Germany", Regime.OPT_IN, false, "", Duration.ofDays(365),
                List.of("GDPR", "ePrivacy Directive", "TDDDG §25"), "TDDDG §25");
        // Cal. Code Regs. tit. 11, § 7025: opt-out preference signals (GPC) are a valid opt-out of sale and sharing.
        Jurisdiction usCa = new Jurisdiction("US-CA", "California", Regime.OPT_OUT, true, "2020-08-14",
                Duration.ofDays(365), List.of("CCPA/CPRA"), "Cal. Code Regs. tit. 11, § 7025");
        Jurisdiction fallback = new Jurisdiction(Jurisdiction.DEFAULT_CODE, "Unknown location", Regime.OPT_IN,
                false, "", Duration.ofDays(182), List.of("GDPR", "ePrivacy Directive"), "most protective default");
        return JurisdictionTable.of(List.of(fr, de, usCa), fallback);
    }
}
